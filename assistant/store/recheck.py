"""Re-evaluate open cases when the knowledge base changed, and say whose outcome moved.

Each case is re-evaluated on the date it was first evaluated (unless `on` is given), so the
differences come from the knowledge base, not from time passing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

COMPARED = ("status", "effective_date", "eligible_from", "until", "participation_monthly")


@dataclass
class RecheckResult:
    checked: int = 0
    changed: list[dict] = field(default_factory=list)  # {"case_id", "old_kb", "new_kb", "changes"}
    failed: list[dict] = field(default_factory=list)  # {"case_id", "message"}


def compare(old: dict, new: dict) -> list[dict]:
    """Per coverage, the compared fields whose value differs: {"coverage", "field", "old", "new"}."""
    before = {c["id"]: c for c in old.get("coverages", [])}
    after = {c["id"]: c for c in new.get("coverages", [])}
    changes = []
    for coverage in sorted(before.keys() | after.keys()):
        a, b = before.get(coverage, {}), after.get(coverage, {})
        changes.extend({"coverage": coverage, "field": f, "old": a.get(f), "new": b.get(f)}
                       for f in COMPARED if a.get(f) != b.get(f))
    return changes


def recheck(log, kb, *, on: date | None = None, dry_run: bool = False, evaluate=None) -> RecheckResult:
    """Re-evaluate open cases decided with another knowledge base; record the new version
    (and the change in the case timeline) unless `dry_run`."""
    from assistant.validation import SituationError, parse_situation

    if evaluate is None:
        from assistant.engine import evaluate
    result = RecheckResult()
    for case in log.cases_to_recheck(kb.hash):
        result.checked += 1
        when = on or (date.fromisoformat(case["evaluated_on"]) if case["evaluated_on"] else log.today())
        try:
            new = evaluate(parse_situation(case["situation"], on=when), on=when, kb=kb)
        except SituationError as error:  # a situation the current schema no longer accepts
            result.failed.append({"case_id": case["id"], "message": str(error)})
            continue
        changes = compare(case["assessment"], new)
        if changes:
            result.changed.append({"case_id": case["id"], "old_kb": case["assessment"].get("kb_version"),
                                   "new_kb": new.get("kb_version"), "changes": changes})
        if not dry_run:
            log.record_recheck(case["id"], new, changes)
    return result
