"""Schema migrations: from an empty file, from each earlier schema, and refusals."""

from __future__ import annotations

import json
import sqlite3

import pytest
import sqlite_utils

from assistant.store.caselog import CaseLog
from assistant.store.errors import StoreError
from assistant.store.schema import MIGRATIONS, STEP_NAMES

CREATED = "2024-11-05T09:30:00+01:00"
SITUATION = {"person": {"age": 70, "sex": "M"}, "coverage": {"puma": "open", "complementary": "css"}}


def _old_file(path, stop_before: str) -> None:
    """A file as an earlier version left it: schema up to `stop_before`, with a case in it."""
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before=stop_before)
    case = {"id": "AAAA-BBBB", "initials": "JP", "created_at": CREATED, "updated_at": CREATED,
            "situation": json.dumps(SITUATION)}
    if "opened_on" in db["cases"].columns_dict:  # what the version with m003 wrote
        case.update(opened_on="2024-11-05", last_activity_on="2024-11-05", age_band="60+", sex="M",
                    coverage_at_entry="css")
    if "case_state" in db.table_names():  # what the version with m004 wrote
        db["cases"].insert({k: v for k, v in case.items() if k != "situation"})
        db["case_state"].insert({"case_id": "AAAA-BBBB", "situation": case["situation"],
                                 "assessment": json.dumps({"coverages": [{"id": "css", "status": "eligible"}]})})
        db["events"].insert({"case_id": "AAAA-BBBB", "at": CREATED, "kind": "note",
                             "data": json.dumps({"text": "Attend son récépissé"})})
    else:
        db["cases"].insert(case)
    db["answers"].insert({"case_id": "AAAA-BBBB", "question_id": "age", "value": "70", "answered_at": CREATED})
    if "requests" in db.table_names():
        db["requests"].insert({"case_id": "AAAA-BBBB", "kind": "css", "status": "filed",
                               "created_on": CREATED[:10], "filed_on": "2024-11-05"})
    db.close()


def test_steps_are_registered_in_order():
    assert STEP_NAMES == ["m001_case_log", "m002_follow_up", "m003_reports_and_retention", "m004_case_state",
                          "m006_history_fts"]


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
        assert [(r["kind"], r["status"]) for r in case["requests"]] == [("css", "filed")]


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
