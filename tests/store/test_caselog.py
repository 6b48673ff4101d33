"""The case log API: cases, answers saved as given, assessments, follow-up records."""

from __future__ import annotations

import re
import stat
from datetime import date

import pytest

from assistant.store.caselog import CaseLog
from assistant.store.errors import CaseNotFound, InvalidValue

ASSESSMENT = {
    "kb_version": "2026.11+5e412ec8a52c", "kb_release": "2026.11", "kb_hash": "5e412ec8a52c" + "0" * 52,
    "evaluated_on": "2025-03-03",
    "coverages": [{"id": "ame", "status": "eligible"}, {"id": "puma", "status": "not_eligible"},
                  {"id": "css", "status": "not_eligible"}, {"id": "dsuv", "status": "eligible"}],
}


def test_new_file_is_private_and_ids_are_random(log, db_path):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    ids = {log.create_case() for _ in range(20)}
    assert len(ids) == 20
    assert all(re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", i) for i in ids)


@pytest.mark.parametrize("initials", ["Dupont", "A1", "ABCDE"])
def test_initials_cannot_hold_a_name(log, initials):
    with pytest.raises(InvalidValue):
        log.create_case(initials=initials)


def test_answers_survive_reopening_in_order_and_replace(log, db_path, clock, situation):
    case_id = log.create_case(initials="m.d.", agent="A12", site="CMS-NORD", dialog={"at": "q1"})
    log.save_answer(case_id, "birth_date", date(1990, 5, 1), dialog={"at": "q2"})
    log.save_answer(case_id, "sex", "F", situation=situation, dialog={"at": "q3"})
    log.save_answer(case_id, "birth_date", "1990-05-02")
    with CaseLog(db_path, clock=clock) as again:
        case = again.get_case(case_id)
    assert case["initials"] == "MD" and case["agent"] == "A12" and case["site"] == "CMS-NORD"
    assert list(case["answers"].items()) == [("birth_date", "1990-05-02"), ("sex", "F")]
    assert case["dialog"] == {"at": "q3"}
    assert case["situation"]["person"]["birth_date"] == "1990-05-01"
    assert (case["age_band"], case["sex"], case["coverage_at_entry"]) == ("25-39", "F", "none")


def test_forget_answer(log):
    case_id = log.create_case()
    log.save_answer(case_id, "a", 1)
    log.save_answer(case_id, "b", 2)
    log.forget_answer(case_id, "a")
    assert log.answers(case_id) == {"b": 2}


def test_assessment_records_kb_version_and_opens_requests_once(log, situation):
    case_id = log.create_case()
    log.save_assessment(case_id, ASSESSMENT, situation=situation)
    log.save_assessment(case_id, ASSESSMENT)
    case = log.get_case(case_id)
    assert (case["kb_release"], case["kb_hash"][:12], case["evaluated_on"]) == ("2026.11", "5e412ec8a52c", "2025-03-03")
    assert [(r["kind"], r["status"]) for r in case["requests"]] == [("ame", "to_file")]


def test_an_edit_that_takes_back_an_eligibility_drops_its_untouched_request(log, situation):
    case_id = log.create_case()
    french = {**ASSESSMENT, "coverages": [{"id": "puma", "status": "eligible"}, {"id": "css", "status": "eligible"},
                                          {"id": "ame", "status": "not_eligible"}]}
    log.save_assessment(case_id, french, situation=situation)
    log.update_request(case_id, "css", "filed", on=date(2025, 3, 3))  # acted upon: kept
    log.save_assessment(case_id, ASSESSMENT, situation=situation)  # the nationality was corrected
    requests = {r["kind"]: r["status"] for r in log.get_case(case_id)["requests"]}
    assert requests == {"ame": "to_file", "css": "filed"}


def test_request_lifecycle_and_renewal_starts_a_new_request(log):
    case_id = log.create_case()
    log.update_request(case_id, "ame", "filed", on=date(2025, 1, 6), via_pass=True)
    log.record_transmission(case_id, on=date(2025, 1, 10))
    log.update_request(case_id, "ame", "documents_requested", on=date(2025, 1, 20))
    granted = log.update_request(case_id, "ame", "granted", on=date(2025, 2, 10), granted_from=date(2025, 1, 6))
    assert (granted["filed_on"], granted["transmitted_on"], granted["documents_requested_on"]) == (
        "2025-01-06", "2025-01-10", "2025-01-20")
    assert (granted["decided_on"], granted["granted_from"], granted["status"]) == ("2025-02-10", "2025-01-06", "granted")
    renewal = log.update_request(case_id, "ame", "filed", on=date(2025, 12, 1))
    assert renewal["id"] != granted["id"] and renewal["via_pass"] == 0
    assert [r["status"] for r in log.get_case(case_id)["requests"]] == ["granted", "filed"]


@pytest.mark.parametrize("call", [
    lambda log, c: log.update_request(c, "ame", "granted", on=date(2025, 1, 1)),
    lambda log, c: log.update_request(c, "cmu", "filed"),
    lambda log, c: log.update_request(c, "ame", "accepted"),
    lambda log, c: log.record_transmission(c, on=date(2025, 3, 1), kind="css"),
    lambda log, c: log.refer(c, "hospital"),
    lambda log, c: log.add_note(c, "   "),
])
def test_inconsistent_follow_up_is_refused(log, call):
    case_id = log.create_case()
    log.update_request(case_id, "ame", "filed", on=date(2025, 2, 1))
    with pytest.raises(InvalidValue):
        call(log, case_id)


def test_unknown_case(log):
    with pytest.raises(CaseNotFound, match="ZZZZ-ZZZZ"):
        log.save_answer("ZZZZ-ZZZZ", "q", 1)


def test_timeline_and_close_then_activity_reopens(log, clock):
    case_id = log.create_case()
    log.add_note(case_id, "attend son récépissé")
    log.save_answer(case_id, "q", True)
    clock.set(date(2025, 3, 10))
    log.close_case(case_id)
    assert log.list_cases() == []
    clock.set(date(2025, 4, 1))
    log.refer(case_id, "misas")
    assert [c["id"] for c in log.list_cases()] == [case_id]
    kinds = [e["kind"] for e in log.timeline(case_id)]
    assert kinds == ["created", "note", "answer", "closed", "referral"]
    assert log.get_case(case_id)["last_activity_on"] == "2025-04-01"


def test_export_holds_everything_about_the_person(log, situation):
    case_id = log.create_case(initials="KB")
    log.save_answer(case_id, "sex", "F", situation=situation)
    log.add_note(case_id, "parle arabe, interprète utile")
    log.refer(case_id, "service_social")
    export = log.export_case(case_id)
    assert export["case"]["id"] == case_id and export["case"]["initials"] == "KB"
    assert export["answers"] == {"sex": "F"}
    assert export["referrals"] == [{"kind": "service_social", "status": "made", "proposed_on": None,
                                    "referred_on": "2025-03-03", "reasons": []}]
    assert {"at": "2025-03-03T10:00:00+02:00", "kind": "note", "data": {"text": "parle arabe, interprète utile"}} in export["timeline"]
