"""Deadlines that follow from a request's status, and the 'due' list."""

from __future__ import annotations

from datetime import date

from assistant.store.followup import deadlines


def _ids_dates(request, kb):
    return [(d.id, d.date) for d in deadlines(request, kb)]


def test_documents_requested_gives_30_day_answer_and_60_day_closure(kb):
    request = {"kind": "ame", "status": "documents_requested", "filed_on": "2025-01-02",
               "documents_requested_on": "2025-01-15"}
    assert _ids_dates(request, kb) == [("documents_answer", date(2025, 2, 14)), ("documents_closure", date(2025, 3, 16))]


def test_ame_filed_at_a_pass_waits_for_transmission_then_counts_from_receipt(kb):
    request = {"kind": "ame", "status": "filed", "filed_on": "2025-01-02", "via_pass": 1}
    assert _ids_dates(request, kb) == [("pass_transmission", date(2025, 1, 10))]
    request["transmitted_on"] = "2025-01-08"
    assert _ids_dates(request, kb) == [("decision_expected", date(2025, 2, 7)), ("implicit_refusal", date(2025, 3, 8))]
    request["urgent"] = 1
    assert _ids_dates(request, kb)[0] == ("decision_expected", date(2025, 1, 18))


def test_css_decision_expected_after_31_days_and_puma_has_no_figure(kb):
    assert _ids_dates({"kind": "css", "status": "filed", "filed_on": "2025-01-31"}, kb) == [
        ("decision_expected", date(2025, 3, 3))]
    assert _ids_dates({"kind": "puma", "status": "filed", "filed_on": "2025-01-31"}, kb) == []


def test_renewal_window_opens_two_months_before_the_end_of_rights(kb):
    ame = {"kind": "ame", "status": "granted", "granted_from": "2025-04-10"}
    assert _ids_dates(ame, kb) == [("renewal_window", date(2026, 2, 9))]  # rights until 2026-04-09
    css = {"kind": "css", "status": "granted", "granted_from": "2025-04-01", "rights_until": "2026-03-31"}
    assert _ids_dates(css, kb) == [("renewal_window", date(2026, 1, 31))]
    # without a recorded end, the CSS lasts one year from its effective date (seed 000 Annexe 2)
    assert _ids_dates({"kind": "css", "status": "granted", "granted_from": "2025-04-01"}, kb) == [
        ("renewal_window", date(2026, 1, 31))]
    # the AME year runs from the filing, even with rights starting earlier (retroactivity)
    retro = {"kind": "ame", "status": "granted", "granted_from": "2025-03-01", "filed_on": "2025-04-10"}
    assert _ids_dates(retro, kb) == [("renewal_window", date(2026, 2, 9))]


def test_due_lists_what_falls_due_in_the_window_with_overdue(log, kb, clock):
    late = log.create_case()
    log.update_request(late, "ame", "documents_requested", on=date(2025, 1, 1))  # answer by 31/01: overdue
    soon = log.create_case()
    log.update_request(soon, "css", "filed", on=date(2025, 2, 1))  # decision expected 04/03
    later = log.create_case()
    log.update_request(later, "css", "filed", on=date(2025, 3, 1))  # 01/04: outside a 7-day window
    closed = log.create_case()
    log.update_request(closed, "css", "filed", on=date(2025, 2, 1))
    log.close_case(closed)
    found = [(d.case_id, d.id, d.date) for d in log.due(kb, on=date(2025, 3, 3), days=7)]
    assert found == [(late, "documents_answer", date(2025, 1, 31)), (late, "documents_closure", date(2025, 3, 2)),
                     (soon, "decision_expected", date(2025, 3, 4))]


def test_due_follows_only_the_current_request_and_stops_renewal_after_rights_end(log, kb):
    case_id = log.create_case()
    log.update_request(case_id, "ame", "granted", on=date(2024, 3, 1), granted_from=date(2024, 3, 1))
    assert [d.id for d in log.due(kb, on=date(2025, 1, 5))] == ["renewal_window"]  # opened 01/01/2025
    assert log.due(kb, on=date(2025, 3, 1)) == []  # rights ended 28/02/2025
    log.update_request(case_id, "ame", "filed", on=date(2025, 1, 20))
    assert [d.id for d in log.due(kb, on=date(2025, 2, 15))] == ["decision_expected"]


def test_a_request_still_to_file_keeps_its_filing_limit_from_the_assessment(log, kb):
    from assistant.engine import evaluate
    from assistant.knowledge.loader import load
    from assistant.validation import parse_situation

    on = date(2025, 4, 1)
    situation = {"person": {"age": 34, "nationality": "non_eu", "right_to_stay": "no",
                            "arrival_date": "2024-11-01", "irregular_since": "2024-11-01"},
                 "resources": {"annual": 2000, "household_size": 1, "territory": "metropole"},
                 "care": {"care_date": "2025-03-10"}}
    assessment = evaluate(parse_situation(situation, on), on=on, kb=load())
    case_id = log.create_case()
    log.save_assessment(case_id, assessment, situation=situation)
    found = [(d.case_id, d.id, d.date) for d in log.due(kb, on=on, days=90)]
    assert (case_id, "ame_retro_filing_limit", date(2025, 6, 8)) in found
