"""Expectation checks shared by the scenario tables and the contract examples.

The keys of `expect` are those of shared/contract/check_cases.py, plus: `deadlines`
({id: date}), `deadlines_exclude`, `documents_exclude`, `reasons_contain` ({coverage: [text]}),
`missing` ({coverage: [paths]}), `needed_exclude` (paths never asked), `warnings_nonempty`
(true or false), `referrals_to_check` ({id: [paths]}), `reasons_exclude` ({coverage: [text]}: never
said), `excluded_reasons_contain` ({referral: [text]}: the referral is excluded and says so).
"""

from __future__ import annotations


def problems(expect: dict, out: dict) -> list[str]:
    found = []
    covs = {c["id"]: c for c in out["coverages"]}
    for cid, want in expect.get("coverages", {}).items():
        for key, wanted in want.items():
            got = covs[cid].get(key)
            if not (got in wanted if isinstance(wanted, list) else got == wanted):
                found.append(f"{cid}.{key}={got!r}, want {wanted!r} — reasons: {covs[cid]['reasons']}")
    refs = {r["id"] for r in out["referrals"]}
    found += [f"referral {r} missing (got {sorted(refs)})" for r in expect.get("referrals_include", []) if r not in refs]
    found += [f"referral {r} should not be recommended" for r in expect.get("referrals_exclude", []) if r in refs]
    to_check = {r["id"]: r["missing"] for r in out["referrals_to_check"]}
    for rid, paths in expect.get("referrals_to_check", {}).items():
        if to_check.get(rid) is None or to_check[rid][: len(paths)] != paths:
            found.append(f"referral {rid} to check: got {to_check.get(rid)}, want {paths} first")
    docs = {d["id"] for d in out["documents"]}
    found += [f"document {d} missing (got {sorted(docs)})" for d in expect.get("documents_include", []) if d not in docs]
    found += [f"document {d} should not be listed" for d in expect.get("documents_exclude", []) if d in docs]
    if "warnings_nonempty" in expect and bool(out["warnings"]) != expect["warnings_nonempty"]:
        found.append(f"warnings: {out['warnings']!r}")
    dates = {d["id"]: d["date"] for d in out["deadlines"]}
    for did, when in expect.get("deadlines", {}).items():
        if dates.get(did) != str(when):
            found.append(f"deadline {did}={dates.get(did)}, want {when} (got {dates})")
    found += [f"deadline {d} should not be there" for d in expect.get("deadlines_exclude", []) if d in dates]
    any_dates = expect.get("deadline_dates_include_any")
    if any_dates and not set(dates.values()) & {str(d) for d in any_dates}:
        found.append(f"no deadline on {any_dates} (got {sorted(dates.values())})")
    for cid, texts in expect.get("reasons_contain", {}).items():
        pool = " ".join(covs[cid]["reasons"]) if cid in covs else " ".join(
            " ".join(r["reasons"]) for r in out["referrals"] if r["id"] == cid)
        found += [f"{cid}: no reason mentions {t!r} in {pool!r}" for t in texts if t not in pool]
    for cid, texts in expect.get("reasons_exclude", {}).items():
        pool = " ".join(covs[cid]["reasons"])
        found += [f"{cid}: a reason mentions {t!r}: {pool!r}" for t in texts if t in pool]
    excluded = {r["id"]: " ".join(r["reasons"]) for r in out["referrals_excluded"]}
    for rid, texts in expect.get("excluded_reasons_contain", {}).items():
        if rid not in excluded:
            found.append(f"referral {rid} is not excluded")
        found += [f"{rid}: no exclusion reason mentions {t!r} in {excluded.get(rid)!r}" for t in texts
                  if t not in excluded.get(rid, "")]
    for cid, paths in expect.get("missing", {}).items():
        if covs[cid]["missing"] != paths:
            found.append(f"{cid}.missing={covs[cid]['missing']}, want {paths}")
    asked = {p for scope in out["needed"].values() for p in scope}
    found += [f"{p} should never be asked (needed={out['needed']})" for p in expect.get("needed_exclude", []) if p in asked]
    return found
