#!/usr/bin/env python3
# Copy of shared/contract/check_cases.py, so that CI on a fresh clone runs the contract examples against the installed wheel.
"""Run situation cases through `python -m assistant evaluate` and compare with expectations.

usage: python ../shared/contract/check_cases.py PYTHON CASES_DIR [--verbose]
  e.g.  python ../shared/contract/check_cases.py .venv/bin/python ../shared/contract/examples
Prints one line per failing case, then 'N/M cases pass' last. Exit 0 only if all pass.
"""
import json, subprocess, sys, tempfile, pathlib

py, folder = sys.argv[1], pathlib.Path(sys.argv[2])
verbose = "--verbose" in sys.argv


def ok(value, wanted):
    if isinstance(wanted, list):
        return value in wanted
    return value == wanted


def check(case, out):
    problems = []
    covs = {c.get("id"): c for c in out.get("coverages", [])}
    for cid, want in case["expect"].get("coverages", {}).items():
        got = covs.get(cid)
        if got is None:
            problems.append(f"coverage {cid} missing")
            continue
        for key, wanted in want.items():
            if not ok(got.get(key), wanted):
                problems.append(f"{cid}.{key}={got.get(key)!r}, want {wanted!r}")
    refs = {r.get("id") for r in out.get("referrals", [])}
    for r in case["expect"].get("referrals_include", []):
        if r not in refs:
            problems.append(f"referral {r} missing (got {sorted(refs)})")
    for r in case["expect"].get("referrals_exclude", []):
        if r in refs:
            problems.append(f"referral {r} should not be recommended")
    docs = {d.get("id") for d in out.get("documents", [])}
    for d in case["expect"].get("documents_include", []):
        if d not in docs:
            problems.append(f"document {d} missing")
    if case["expect"].get("warnings_nonempty") and not out.get("warnings"):
        problems.append("no warning given")
    want_dates = case["expect"].get("deadline_dates_include_any")
    if want_dates:
        dates = {d.get("date") for d in out.get("deadlines", [])}
        if not dates & set(want_dates):
            problems.append(f"no deadline on {want_dates} (got {sorted(x for x in dates if x)})")
    return problems


def run_bad(case):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(case["raw"])
    p = subprocess.run([py, "-m", "assistant", "evaluate", f.name, "--on", case["on"]],
                       capture_output=True, text=True, timeout=30)
    problems = []
    if p.returncode != 2:
        problems.append(f"exit {p.returncode}, want 2")
    if p.stdout.strip():
        problems.append("printed on stdout")
    for word in case["expect"].get("stderr_mentions", []):
        if word not in p.stderr:
            problems.append(f"stderr does not name {word!r}: {p.stderr.strip()[:120]!r}")
    return problems


files = sorted(folder.glob("*.json"))
passed = 0
for path in files:
    case = json.loads(path.read_text())
    try:
        if "raw" in case:
            problems = run_bad(case)
        else:
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
                json.dump(case["situation"], f)
            p = subprocess.run([py, "-m", "assistant", "evaluate", f.name, "--on", case["on"]],
                               capture_output=True, text=True, timeout=30)
            if p.returncode != 0:
                problems = [f"exit {p.returncode}: {p.stderr.strip()[-160:]!r}"]
            else:
                problems = check(case, json.loads(p.stdout))
    except Exception as e:  # a crash or non-JSON output is a failure of that case
        problems = [f"{type(e).__name__}: {e}"[:200]]
    if problems:
        print(f"FAIL {path.stem}: " + "; ".join(problems))
        if verbose:
            print("   ", case.get("note", ""))
    else:
        passed += 1
print(f"{passed}/{len(files)} cases pass")
sys.exit(0 if passed == len(files) else 1)
