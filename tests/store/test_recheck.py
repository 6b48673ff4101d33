"""Re-evaluation of open cases when the knowledge base changed."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.store.recheck import compare, recheck

OLD = {"kb_version": "2026.10+aaaaaaaaaaaa", "kb_hash": "a" * 64, "evaluated_on": "2025-03-03",
       "coverages": [{"id": "css", "status": "eligible", "effective_date": "2025-03-01", "participation_monthly": 0},
                     {"id": "ame", "status": "not_eligible"}]}
NEW = {"kb_version": "2026.11+bbbbbbbbbbbb", "kb_hash": "b" * 64, "evaluated_on": "2025-03-03",
       "coverages": [{"id": "css", "status": "eligible", "effective_date": "2025-03-01", "participation_monthly": 14},
                     {"id": "ame", "status": "not_eligible"}]}


def test_compare_lists_only_what_moved():
    assert compare(OLD, NEW) == [{"coverage": "css", "field": "participation_monthly", "old": 0, "new": 14}]
    assert compare(OLD, OLD) == []


def test_recheck_re_evaluates_on_the_first_date_and_records_the_new_version(log, situation):
    changed, same = log.create_case(), log.create_case()
    log.save_assessment(changed, OLD, situation={**situation, "resources": {"annual": 12000}})
    log.save_assessment(same, OLD, situation=situation)
    seen = []

    def evaluate(parsed, *, on, kb):  # the new base changes only the outcome of the case with resources
        seen.append(on.isoformat())
        return NEW if "resources" in parsed else {**OLD, "kb_version": NEW["kb_version"], "kb_hash": NEW["kb_hash"]}

    kb = SimpleNamespace(hash="b" * 64)
    dry = recheck(log, kb, dry_run=True, evaluate=evaluate)
    assert (dry.checked, [c["case_id"] for c in dry.changed]) == (2, [changed])
    assert log.get_case(changed)["kb_hash"] == "a" * 64

    seen.clear()
    result = recheck(log, kb, evaluate=evaluate)
    assert seen == ["2025-03-03", "2025-03-03"]
    assert result.changed == [{"case_id": changed, "old_kb": OLD["kb_version"], "new_kb": NEW["kb_version"],
                               "changes": compare(OLD, NEW)}]
    assert log.get_case(changed)["kb_hash"] == "b" * 64
    assert log.timeline(changed)[-1]["kind"] == "recheck"
    assert log.timeline(same)[-1]["kind"] != "recheck"
    assert recheck(log, kb, evaluate=evaluate).checked == 0
