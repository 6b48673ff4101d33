"""Do an assessment's texts agree with its decision? Shared by the consistency tests.

`traced(kb, situation, on)` evaluates while recording every reason and label the engine
renders, with the knowledge-base item and the parameters it was rendered from. Parameters are
named by their role: a date called `start` is the coverage's `effective_date`, `until` its
`until`, `eligible_from` its `eligible_from`, `filed` the application date, `puma_until` the
end of the PUMa rights... `problems(...)` lists every disagreement between those dates and the
fields of the assessment, every raw code left in a text, every exclusion without its reason,
and every text that does not fit the outcome.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date, timedelta
from unittest.mock import patch

from assistant.engine import evaluate
from assistant.engine.context import Context
from assistant.validation import parse_situation

DATE = re.compile(r"\b(\d{2})/(\d{2})/(\d{4})\b")
RAW_CODE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b|[{}]|\b(?:None|True|False|null|mdph|departement|metropole)\b")
COVERAGE_ROLES = {"start": "effective_date", "until": "until", "eligible_from": "eligible_from"}
# Reasons that must never be given together in one assessment (they tell incompatible stories).
CONTRADICTIONS = [
    ("ame.regular_stay", "puma.visa"), ("ame.regular_stay", "puma.irregular"),
    ("ame.regular_stay", "puma.minor_parents_irregular"), ("ame.regular_stay", "puma.eu_inactive_insufficient"),
    ("ame.min_irregular", "puma.eu_free_movement"), ("ame.not_yet_3_months", "puma.eu_free_movement"),
    ("ame.visa_parents", "ame.minor"), ("css.free", "css.contributive"),
]


class Call:
    __slots__ = ("scope", "item", "params", "text")

    def __init__(self, scope: str, item: str, params: dict, text: str):
        self.scope, self.item, self.params, self.text = scope, item, params, text


@contextmanager
def _recording(calls: list[Call]):
    say, text = Context.say, Context.text

    def recording_say(self, outcome, item_id, when=None, **params):
        before = len(outcome.reasons)
        say(self, outcome, item_id, when, **params)
        calls.append(Call(outcome.id, item_id, params, outcome.reasons[before]))

    def recording_text(self, item_id, when=None, **params):
        rendered = text(self, item_id, when, **params)
        calls.append(Call("text", item_id, params, rendered))
        return rendered

    with patch.object(Context, "say", recording_say), patch.object(Context, "text", recording_text):
        yield


def traced(kb, situation: dict, on: date, lang: str = "fr") -> tuple[dict, list[Call]]:
    calls: list[Call] = []
    parsed = parse_situation(situation, on)
    with _recording(calls):
        out = evaluate(parsed, on=on, kb=kb, lang=lang)
    return out, calls


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _fr(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def _get(situation: dict, path: str):
    node = situation
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return _iso(node)


def _lost(situation: dict) -> str | None:
    lost = [d for d in (_get(situation, "person.permit_expired_on"), _get(situation, "person.asylum_ended_on")) if d]
    if lost:
        return max(lost)
    irregular = _get(situation, "person.irregular_since")
    return (date.fromisoformat(irregular) - timedelta(days=1)).isoformat() if irregular else None


def problems(out: dict, calls: list[Call], situation: dict) -> list[str]:
    found: list[str] = []
    covs = {c["id"]: c for c in out["coverages"]}
    inputs = {
        "filed": out["application_date"],
        "arrival": _get(situation, "person.arrival_date"),
        "admission": _get(situation, "care.hospital_admission"),
        "css_until": _get(situation, "coverage.css_until"),
        "lost": _lost(situation),
    }
    deadline_for = {d["label"]: d for d in out["deadlines"]}
    puma_ends: set[str] = set()
    for call in calls:
        dates = {k: _iso(v) for k, v in call.params.items() if isinstance(v, date)}
        where = f"{call.scope}/{call.item}"
        # Dates in a text come from its parameters only: no date is written into a text.
        rendered = {_fr(date.fromisoformat(v)) for v in dates.values()}
        found += [f"{where}: date {d} not from a parameter: {call.text!r}"
                  for d in ("/".join(m) for m in DATE.findall(call.text)) if d not in rendered]
        for role, value in dates.items():
            if role in inputs and inputs[role] is not None and value != inputs[role]:
                found.append(f"{where}: {role}={value} but the situation says {inputs[role]}: {call.text!r}")
        if call.scope in covs:
            cov = covs[call.scope]
            if cov["status"] != "to_check":  # a to_check outcome has no dates to agree with
                for role, field in COVERAGE_ROLES.items():
                    if role in dates and dates[role] != cov[field]:
                        found.append(f"{where}: {role}={dates[role]} but {field}={cov[field]}: {call.text!r}")
        elif call.scope == "text" and call.item.startswith("deadline.") and call.text in deadline_for:
            cov = covs.get(deadline_for[call.text]["for"])
            for role, field in COVERAGE_ROLES.items():
                if cov and role in dates and dates[role] != cov[field]:
                    found.append(f"{where}: {role}={dates[role]} but {cov['id']}.{field}={cov[field]}: {call.text!r}")
        if "puma_until" in dates and dates["puma_until"] != covs["puma"]["until"]:
            found.append(f"{where}: puma_until={dates['puma_until']} but puma.until={covs['puma']['until']}")
        for role in ("puma_until", "puma_end"):
            if role in dates:
                puma_ends.add(dates[role])
        if "after_prior" in dates and dates["after_prior"] != _next(dates.get("prior_until")):
            found.append(f"{where}: after_prior={dates['after_prior']} is not the day after {dates.get('prior_until')}")
    afters = {_iso(c.params["after_puma"]) for c in calls if "after_puma" in c.params}
    if afters and (len(afters) > 1 or len(puma_ends) > 1 or {_next(e) for e in puma_ends} - afters):
        found.append(f"the end of the PUMa rights is told differently: ends {puma_ends}, days after {afters}")
    items = {c.item for c in calls}
    found += [f"contradictory reasons {a} and {b}" for a, b in CONTRADICTIONS if a in items and b in items]
    found += _texts_fit(out, items, situation)
    found += _raw_codes(out)
    return found


def _next(iso: str | None) -> str | None:
    return (date.fromisoformat(iso) + timedelta(days=1)).isoformat() if iso else None


def _texts_fit(out: dict, items: set[str], situation: dict) -> list[str]:
    """Each outcome explained, and nothing said that does not fit it."""
    found = []
    covs = {c["id"]: c for c in out["coverages"]}
    statuses = {c["id"]: c["status"] for c in out["coverages"]}
    for c in out["coverages"]:
        if c["status"] == "not_eligible" and not c["reasons"]:
            found.append(f"{c['id']}: excluded without a reason")
        if c["status"] == "to_check" and not (c["missing"] or c["reasons"]):
            found.append(f"{c['id']}: to check without saying what")
    found += [f"referral {r['id']} excluded without a reason" for r in out["referrals_excluded"] if not r["reasons"]]
    if "pass.recommended_pending" in items and "eligible" not in (statuses["puma"], statuses["css"], statuses["ame"]):
        found.append("PASS 'while rights are being opened' but no right can be requested now")
    nationality = _get(situation, "person.nationality")
    refusal = "dsuv.after_ame_refusal" in items or any(d["id"] == "ame_refusal" for d in out["documents"])
    if refusal and (nationality == "french" or statuses["puma"] in ("open", "eligible", "not_yet")):
        found.append("told to file for the AME to get a refusal while the PUMa is possible")
    hospital = _get(situation, "care.hospital_admission")
    asked = {p for scope in out["needed"].values() for p in scope}
    if not hospital and asked & {"care.vital_emergency", "care.pregnant"}:
        found.append("asks about a vital emergency without a hospital stay")
    in_hospital = hospital and not _get(situation, "care.hospital_discharge")
    certificate = any(d["id"] == "medical_certificate" for d in out["documents"])
    if certificate and not (_get(situation, "care.urgent_need") or in_hospital):
        found.append("medical certificate for future care asked without care needed now")
    ame_only = statuses["puma"] != "open" and (statuses["ame"] in ("open", "eligible")
                                                or _get(situation, "coverage.ame") == "open")
    if ame_only and set(out["needed"]["referrals"]) & {"social.health_impacts_life", "social.expressed_request",
                                                      "social.fragility_items", "person.emancipated_or_apprentice",
                                                      "coverage.regime_general"}:
        found.append("service-social questions for a person covered by the AME alone")
    recommended = {r["id"] for r in out["referrals"]}
    complementary = _get(situation, "coverage.complementary")
    covered = statuses["ame"] == "open" or (statuses["puma"] == "open" and (
        complementary == "private" or statuses["css"] == "open"))
    if "pass" in recommended and covered:
        found.append("PASS recommended to a person already covered")
    for d in out["documents"]:
        words = " ".join([d["label"], *d["alternatives"], *d["second_intention"], d["note"] or ""])
        if "puma" in d["for"] and "ame" not in d["for"] and re.search(r"\bAME\b", words):
            found.append(f"document {d['id']} for {d['for']} speaks of the AME")
    if covs["dsuv"]["status"] == "eligible" and (nationality == "french" or not hospital):
        found.append("urgent care for a French national or without a hospital stay")
    return found


def _raw_codes(out: dict) -> list[str]:
    texts = [r for c in out["coverages"] for r in c["reasons"]]
    texts += [r for ref in out["referrals"] + out["referrals_excluded"] for r in ref["reasons"]]
    texts += [d["label"] for d in out["deadlines"]] + out["warnings"]
    texts += [t for d in out["documents"]
              for t in (d["label"], *d["alternatives"], *d["second_intention"], d["note"] or "")]
    return [f"raw code {m.group(0)!r} in {t!r}" for t in texts for m in [RAW_CODE.search(t)] if m]
