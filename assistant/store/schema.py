"""Schema of the case log as sqlite_utils.Migrations steps.

Each step is applied in a transaction with the record of it (table `_sqlite_migrations`).
A released step is never edited: change the schema by adding a step, and add a test that
migrates a file stopped before it (tests/store/test_migrations.py).

Dates are ISO text (YYYY-MM-DD), timestamps local ISO with offset, JSON columns are text.
"""

from __future__ import annotations

import json
from datetime import date

import sqlite_utils

from assistant.store.followup import assessment_due_dates
from assistant.store.profile import profile

MIGRATIONS = sqlite_utils.Migrations("assistant.store")
STEP_NAMES: list[str] = []  # every step this version knows, to detect a file from a newer one


def step(fn):
    STEP_NAMES.append(fn.__name__)
    return MIGRATIONS()(fn)


@step
def m001_case_log(db: sqlite_utils.Database) -> None:
    """Cases, the answers given one by one, and the timeline of events."""
    db["cases"].create(
        {
            "id": str, "initials": str, "agent": str, "site": str,
            "created_at": str, "updated_at": str, "closed_on": str,
            "dialog": str, "situation": str, "assessment": str,
            "kb_release": str, "kb_hash": str, "evaluated_on": str,
        },
        pk="id", not_null=["created_at", "updated_at"],
    )
    db["answers"].create(
        {"case_id": str, "question_id": str, "value": str, "answered_at": str},
        pk=("case_id", "question_id"), foreign_keys=[("case_id", "cases", "id")],
    )
    db["events"].create(
        {"id": int, "case_id": str, "at": str, "kind": str, "data": str},
        pk="id", foreign_keys=[("case_id", "cases", "id")], not_null=["case_id", "at", "kind"],
    )
    db["events"].create_index(["case_id", "id"])


@step
def m002_follow_up(db: sqlite_utils.Database) -> None:
    """Requests (PUMa, CSS, AME, DSUV) with their status dates, and referrals made."""
    db["requests"].create(
        {
            "id": int, "case_id": str, "kind": str, "status": str, "created_on": str,
            "filed_on": str, "via_pass": int, "urgent": int, "transmitted_on": str,
            "documents_requested_on": str, "decided_on": str, "granted_from": str,
            "rights_until": str, "closed_on": str, "updated_at": str,
        },
        pk="id", foreign_keys=[("case_id", "cases", "id")],
        not_null=["case_id", "kind", "status", "created_on"], defaults={"via_pass": 0, "urgent": 0},
    )
    db["requests"].create_index(["case_id", "kind"])
    db["referrals"].create(
        {"id": int, "case_id": str, "kind": str, "referred_on": str},
        pk="id", foreign_keys=[("case_id", "cases", "id")], not_null=["case_id", "kind", "referred_on"],
    )
    db["referrals"].create_index(["referred_on"])


@step
def m003_reports_and_retention(db: sqlite_utils.Database) -> None:
    """Columns that outlive erasure (dates, anonymous profile) and the indexes reports use."""
    cases = db["cases"]
    for column in ("opened_on", "last_activity_on", "erased_on", "age_band", "sex", "coverage_at_entry"):
        cases.add_column(column, str)
    for row in list(db.query("SELECT id, created_at, updated_at, situation FROM cases")):
        opened = row["created_at"][:10]
        situation = json.loads(row["situation"]) if row["situation"] else None
        cases.update(row["id"], {"opened_on": opened, "last_activity_on": row["updated_at"][:10],
                                 **profile(situation, date.fromisoformat(opened))})
    cases.create_index(["last_activity_on"])
    cases.create_index(["opened_on"])
    for column in ("filed_on", "decided_on", "rights_until"):
        db["requests"].create_index([column])


@step
def m004_case_state(db: sqlite_utils.Database) -> None:
    """Move the large JSON (dialog, situation, assessment: ~11 KB a case) out of `cases`, so
    that lists, reports and due dates read narrow rows, and give the report covering indexes
    (100,000 cases: yearly report 1.2 s before, 0.25 s after; SQLite had to walk overflow
    pages to reach the columns stored after the JSON)."""
    db["case_state"].create(
        {"case_id": str, "dialog": str, "situation": str, "assessment": str},
        pk="case_id", foreign_keys=[("case_id", "cases", "id")],
    )
    db.execute("INSERT INTO case_state SELECT id, dialog, situation, assessment FROM cases")
    for column in ("dialog", "situation", "assessment"):
        db.execute(f"ALTER TABLE cases DROP COLUMN {column}")
    db.execute("DROP INDEX idx_cases_last_activity_on")
    db["cases"].create_index(["last_activity_on", "opened_on", "closed_on", "age_band", "sex", "coverage_at_entry"],
                             index_name="idx_cases_activity_profile")
    db.execute("DROP INDEX idx_requests_filed_on")
    db["requests"].create_index(["filed_on", "kind", "status", "decided_on", "closed_on", "documents_requested_on"],
                                index_name="idx_requests_filed_outcome")


@step
def m005_consultation_record(db: sqlite_utils.Database) -> None:
    """What a consultation concludes, beyond its assessment: the referrals it proposes (with
    their reasons; made when a referral is recorded), all of its deadlines as the case's due
    dates, the start expected for each request to file, the urgent-care (DSUV) flag, and the
    demonstration flag (app run with `--on`: left out of reports). The report's covering
    indexes take the demonstration flag, so that leaving demonstrations out reads no table row."""
    cases = db["cases"]
    cases.add_column("demo", int, not_null_default=0)
    cases.add_column("urgent_care", int)
    db["requests"].add_column("expected_from", str)
    db["referral_proposals"].create(
        {"id": int, "case_id": str, "kind": str, "proposed_on": str, "reasons": str, "referral_id": int},
        pk="id", foreign_keys=[("case_id", "cases", "id"), ("referral_id", "referrals", "id")],
        not_null=["case_id", "kind", "proposed_on"],
    )
    db["referral_proposals"].create_index(["case_id", "kind"])
    db["referral_proposals"].create_index(["proposed_on", "kind", "referral_id"])
    db["due_dates"].create(
        {"id": int, "case_id": str, "deadline": str, "kind": str, "date": str, "ends": str, "label": str},
        pk="id", foreign_keys=[("case_id", "cases", "id")], not_null=["case_id", "deadline", "kind", "date"],
    )
    db["due_dates"].create_index(["date"])
    db["due_dates"].create_index(["case_id"])
    db.execute("DROP INDEX idx_cases_activity_profile")
    cases.create_index(["last_activity_on", "opened_on", "closed_on", "age_band", "sex", "coverage_at_entry", "demo"],
                       index_name="idx_cases_activity_profile_demo")
    db.execute("DROP INDEX idx_cases_opened_on")
    cases.create_index(["opened_on", "demo"], index_name="idx_cases_opened_on_demo")
    db.execute("CREATE INDEX idx_cases_demo ON cases (id) WHERE demo = 1")
    _record_earlier_outcomes(db)


def _record_earlier_outcomes(db: sqlite_utils.Database) -> None:
    """Cases assessed before m005 get what their stored assessment concluded: due dates,
    referrals proposed (on the day of the assessment, a referral already made counting for
    the proposal), urgent-care flag, start expected for the requests still to file."""
    rows = db.execute("SELECT c.id, coalesce(c.evaluated_on, c.opened_on), s.assessment FROM cases c "
                      "JOIN case_state s ON s.case_id = c.id WHERE s.assessment IS NOT NULL").fetchall()
    for case_id, assessed_on, text in rows:
        assessment = json.loads(text)
        db["due_dates"].insert_all([{"case_id": case_id, **d} for d in assessment_due_dates(assessment)])
        coverages = {c.get("id"): c for c in assessment.get("coverages", [])}
        for kind, coverage in coverages.items():
            db.execute("UPDATE requests SET expected_from = ? WHERE case_id = ? AND kind = ? AND status = 'to_file'",
                       [coverage.get("effective_date"), case_id, kind])
        dsuv = coverages.get("dsuv", {}).get("status")
        db.execute("UPDATE cases SET urgent_care = ? WHERE id = ?",
                   [None if dsuv in (None, "to_check") else int(dsuv == "eligible"), case_id])
        for referral in assessment.get("referrals", []):
            made = db.execute("SELECT min(id) FROM referrals WHERE case_id = ? AND kind = ?",
                              [case_id, referral.get("id")]).fetchone()[0]
            db["referral_proposals"].insert({"case_id": case_id, "kind": referral.get("id"), "proposed_on": assessed_on,
                                             "reasons": json.dumps(referral.get("reasons") or [], ensure_ascii=False),
                                             "referral_id": made})


# The words each case is found by (m006): kept in `case_search` by triggers, whatever writes
# the case log, and indexed by FTS5 (sqlite-utils' external-content triggers). A malformed JSON
# value indexes nothing rather than refusing the write.
_NOTES_OF = ("(SELECT coalesce(group_concat(json_extract(data, '$.text'), ' '), '') FROM events "
             "WHERE case_id = {case} AND kind = 'note' AND json_valid(data))")
_COVERAGE_OF = (
    "(SELECT coalesce(group_concat(word, ' '), '') FROM ("
    " SELECT json_extract(c.value, '$.id') AS word FROM case_state s, json_each("
    "  CASE WHEN json_valid(s.assessment) THEN s.assessment ELSE '{{}}' END, '$.coverages') c"
    "  WHERE s.case_id = {case} AND json_extract(c.value, '$.status') IN ('eligible', 'open')"
    " UNION SELECT kind FROM requests WHERE case_id = {case}"
    " UNION SELECT replace(kind, '_', ' ') FROM referrals WHERE case_id = {case}))")
_RECOMPUTE = "UPDATE case_search SET coverage = {coverage} WHERE case_id = {case};"


@step
def m006_history_fts(db: sqlite_utils.Database) -> None:
    """Full-text search of the history (FTS5): case ids (with and without the dash), initials,
    note words, and the coverages a case is about (eligible or open in its assessment, requested,
    referred), in order of last activity. Erasing a case deletes its row, and so its index
    entry (see CaseLog.erase)."""
    db["referrals"].create_index(["case_id"])  # the coverage words read a case's referrals
    db["case_search"].create({"case_id": str, "ids": str, "initials": str, "notes": str, "coverage": str},
                             pk="case_id")
    db["case_search"].enable_fts(["ids", "initials", "notes", "coverage"], create_triggers=True,
                                 tokenize="unicode61 remove_diacritics 2")
    new, old = "NEW.case_id", "OLD.case_id"
    triggers = {
        "cases_search_ai AFTER INSERT ON cases WHEN NEW.erased_on IS NULL":
            "INSERT INTO case_search (case_id, ids, initials, notes, coverage) VALUES "
            "(NEW.id, NEW.id || ' ' || replace(NEW.id, '-', ''), NEW.initials, '', '');",
        "cases_search_initials AFTER UPDATE OF initials ON cases":
            "UPDATE case_search SET initials = NEW.initials WHERE case_id = NEW.id;",
        # Activity moves the case to the end: rowid order is recency order, so the search
        # reads the newest matches first and stops at the limit (ORDER BY rowid DESC in FTS5).
        "cases_search_touch AFTER UPDATE OF updated_at ON cases":
            "UPDATE case_search SET rowid = (SELECT max(rowid) + 1 FROM case_search) "
            "WHERE case_id = NEW.id AND rowid < (SELECT max(rowid) FROM case_search);",
        "cases_search_ad AFTER DELETE ON cases": "DELETE FROM case_search WHERE case_id = OLD.id;",
        "events_search_note AFTER INSERT ON events WHEN NEW.kind = 'note'":
            f"UPDATE case_search SET notes = {_NOTES_OF.format(case=new)} WHERE case_id = NEW.case_id;",
        "case_state_search_ai AFTER INSERT ON case_state":
            _RECOMPUTE.format(coverage=_COVERAGE_OF.format(case=new), case=new),
        "case_state_search_au AFTER UPDATE OF assessment ON case_state":
            _RECOMPUTE.format(coverage=_COVERAGE_OF.format(case=new), case=new),
        "requests_search_ai AFTER INSERT ON requests":
            _RECOMPUTE.format(coverage=_COVERAGE_OF.format(case=new), case=new),
        "requests_search_au AFTER UPDATE OF kind, case_id ON requests":
            _RECOMPUTE.format(coverage=_COVERAGE_OF.format(case=new), case=new)
            + _RECOMPUTE.format(coverage=_COVERAGE_OF.format(case=old), case=old),
        "referrals_search_ai AFTER INSERT ON referrals":
            _RECOMPUTE.format(coverage=_COVERAGE_OF.format(case=new), case=new),
    }
    for head, body in triggers.items():
        db.execute(f"CREATE TRIGGER {head} BEGIN {body} END")
    fill_search(db.conn)


def is_search_table(name: str) -> bool:
    """Tables derived from the others (m006): a repair rebuilds them rather than salvaging them."""
    return name == "case_search" or name.startswith("case_search_fts")


def fill_search(conn) -> None:
    """(Re)computes the search words of every case that is not erased, and their FTS5 index."""
    conn.execute("DELETE FROM case_search")
    conn.execute(
        "INSERT INTO case_search (case_id, ids, initials, notes, coverage) "
        f"SELECT id, id || ' ' || replace(id, '-', ''), initials, {_NOTES_OF.format(case='cases.id')}, "
        f"{_COVERAGE_OF.format(case='cases.id')} FROM cases WHERE erased_on IS NULL "
        "ORDER BY last_activity_on, updated_at")
    conn.execute("INSERT INTO case_search_fts (case_search_fts) VALUES ('rebuild')")
