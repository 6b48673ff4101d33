"""Schema migrations: from an empty file, from each earlier schema, and refusals."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
import sqlite_utils

from assistant.store.caselog import CaseLog
from assistant.store.errors import StoreError
from assistant.store.schema import MIGRATIONS, STEP_NAMES

CREATED = "2024-11-05T09:30:00+01:00"
SITUATION = {"person": {"age": 70, "sex": "M"}, "coverage": {"puma": "open", "complementary": "css"}}


ASSESSMENT = {  # what the version with m004 stored: an AME found eligible, MisAS recommended
    "kb_version": "2026.11+5e412ec8a52c", "evaluated_on": "2024-11-05",
    "coverages": [{"id": "ame", "status": "eligible", "effective_date": "2024-10-20", "until": "2025-11-04"},
                  {"id": "dsuv", "status": "eligible"}],
    "referrals": [{"id": "misas", "reasons": ["Renoncement aux soins."], "sources": []}],
    "deadlines": [{"id": "ame_retro_filing_limit", "date": "2024-12-20", "for": "ame", "label": "AME : limite",
                   "sources": []},
                  {"id": "ame_renewal_window", "date": "2025-09-04", "for": "ame", "label": "AME : renouvellement",
                   "sources": []}],
}


def _old_file(path, stop_before: str) -> None:
    """A file as an earlier version left it: schema up to `stop_before`, with a case in it."""
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before=stop_before)
    case = {"id": "AAAA-BBBB", "initials": "JP", "created_at": CREATED, "updated_at": CREATED}
    if "opened_on" in db["cases"].columns_dict:  # what the version with m003 wrote
        case.update(opened_on="2024-11-05", last_activity_on="2024-11-05", age_band="60+", sex="M",
                    coverage_at_entry="css")
    if "case_state" in db.table_names():  # what the version with m004 wrote
        db["cases"].insert({**case, "evaluated_on": "2024-11-05"})
        db["case_state"].insert({"case_id": "AAAA-BBBB", "situation": json.dumps(SITUATION),
                                 "assessment": json.dumps(ASSESSMENT)})
        db["events"].insert({"case_id": "AAAA-BBBB", "at": CREATED, "kind": "note",
                             "data": json.dumps({"text": "Attend son récépissé"})})
    else:
        db["cases"].insert({**case, "situation": json.dumps(SITUATION)})
    db["answers"].insert({"case_id": "AAAA-BBBB", "question_id": "age", "value": "70", "answered_at": CREATED})
    if "requests" in db.table_names():
        db["requests"].insert({"case_id": "AAAA-BBBB", "kind": "css", "status": "filed",
                               "created_on": CREATED[:10], "filed_on": "2024-11-05"})
        db["requests"].insert({"case_id": "AAAA-BBBB", "kind": "ame", "status": "to_file", "created_on": CREATED[:10]})
    db.close()


def test_steps_are_registered_in_order():
    assert STEP_NAMES == ["m001_case_log", "m002_follow_up", "m003_reports_and_retention", "m004_case_state",
                          "m005_consultation_record", "m006_history_fts"]


def test_empty_file_gets_the_whole_schema(db_path, clock):
    db_path.write_bytes(b"")
    with CaseLog(db_path, clock=clock) as log:
        assert [m.name for m in MIGRATIONS.applied(log.db)] == STEP_NAMES
        assert MIGRATIONS.pending(log.db) == []
        assert log.list_cases() == []


@pytest.mark.parametrize("stop_before", STEP_NAMES[1:])
def test_each_earlier_schema_migrates_keeping_its_data(db_path, clock, stop_before):
    _old_file(db_path, stop_before)
    with CaseLog(db_path, clock=clock) as log:
        case = log.get_case("AAAA-BBBB")
        assert [m.name for m in MIGRATIONS.applied(log.db)] == STEP_NAMES
    assert case["answers"] == {"age": 70} and case["situation"] == SITUATION
    assert (case["opened_on"], case["last_activity_on"]) == ("2024-11-05", "2024-11-05")
    assert (case["age_band"], case["sex"], case["coverage_at_entry"]) == ("60+", "M", "css")
    if stop_before == "m003_reports_and_retention":
        assert [(r["kind"], r["status"]) for r in case["requests"]] == [("css", "filed"), ("ame", "to_file")]


def test_a_case_assessed_before_m005_gets_what_its_assessment_concluded(db_path, clock, kb):
    _old_file(db_path, "m005_consultation_record")
    with CaseLog(db_path, clock=clock) as log:
        case = log.get_case("aaaa-bbbb")
        due = [(d.id, d.date.isoformat()) for d in log.due(kb, on=date(2024, 12, 1), days=30)]
        report = log.report(date(2024, 1, 1), date(2024, 12, 31))
    assert case["referrals"] == [{"kind": "misas", "status": "proposed", "proposed_on": "2024-11-05",
                                  "referred_on": None, "reasons": ["Renoncement aux soins."]}]
    assert [(d["deadline"], d["date"], d["ends"]) for d in case["due_dates"]] == [
        ("ame_retro_filing_limit", "2024-12-20", "2024-12-20"), ("ame_renewal_window", "2025-09-04", "2025-11-04")]
    assert due == [("decision_expected", "2024-12-06"), ("ame_retro_filing_limit", "2024-12-20")]  # CSS filed
    assert case["urgent_care"] == 1 and case["demo"] == 0
    assert {r["kind"]: r["expected_from"] for r in case["requests"]} == {"css": None, "ame": "2024-10-20"}
    figures = {i["id"]: i["breakdown"] for i in report["indicators"] if i["id"].startswith("referrals.")}
    assert figures["referrals.not_made"]["misas"] == 1 and figures["referrals.made"]["misas"] == 0


def test_read_only_opening_does_not_migrate(db_path):
    _old_file(db_path, "m003_reports_and_retention")
    with pytest.raises(StoreError, match="mise à jour"):
        CaseLog(db_path, read_only=True)
    assert "m003_reports_and_retention" not in {m.name for m in MIGRATIONS.applied(sqlite_utils.Database(db_path))}


def test_file_from_a_newer_version_is_refused_untouched(db_path, clock):
    CaseLog(db_path, clock=clock).close()
    conn = sqlite3.connect(db_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES "
                 "('assistant.store', 'm999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="plus récente"):
        CaseLog(db_path, clock=clock)


def test_the_history_index_is_built_from_the_cases_already_there(db_path, clock):
    _old_file(db_path, "m006_history_fts")
    with CaseLog(db_path, clock=clock) as log:
        for query in ("jp", "aaaa-bbbb", "recepisse", "CSS"):
            assert log.search(query) == ["AAAA-BBBB"], query
