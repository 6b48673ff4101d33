"""What the case log keeps of an assessment (store.outcome): referrals proposed, due dates, urgent-care flag."""

from __future__ import annotations

from datetime import date

REASONS = ["Renoncement aux soins."]


def _assessment(referrals=("misas",), deadlines=(("ame_decision", "2025-04-02"),), dsuv="eligible") -> dict:
    return {"kb_version": "2026.11+aaaaaaaaaaaa", "evaluated_on": "2025-03-03",
            "coverages": [{"id": "ame", "status": "eligible", "effective_date": "2025-02-12", "until": "2026-03-02"},
                          {"id": "dsuv", "status": dsuv}],
            "referrals": [{"id": r, "reasons": REASONS, "sources": []} for r in referrals],
            "deadlines": [{"id": i, "date": d, "for": "ame", "label": i, "sources": []} for i, d in deadlines]}


def test_a_new_assessment_replaces_what_the_previous_one_concluded(log):
    case_id = log.create_case()
    log.save_assessment(case_id, _assessment(referrals=("misas", "pass")))
    log.refer(case_id, "pass")
    log.save_assessment(case_id, _assessment(referrals=("service_social",), deadlines=(("ame_implicit_refusal", "2025-05-03"),),
                                             dsuv="not_eligible"))
    case = log.get_case(case_id)
    # MisAS no longer proposed and not made: dropped; PASS made: kept; the social service: proposed.
    assert [(r["kind"], r["status"]) for r in case["referrals"]] == [("pass", "made"), ("service_social", "proposed")]
    assert [(d["deadline"], d["date"]) for d in case["due_dates"]] == [("ame_implicit_refusal", "2025-05-03")]
    assert case["urgent_care"] == 0


def test_a_referral_made_before_it_is_proposed_counts_for_the_proposal(log):
    case_id = log.create_case()
    log.refer(case_id, "misas", on=date(2025, 3, 3))
    log.save_assessment(case_id, _assessment())
    assert [(r["kind"], r["status"], r["reasons"]) for r in log.get_case(case_id)["referrals"]] == [
        ("misas", "made", REASONS)]


def test_erasure_keeps_the_counts_of_proposals_but_not_their_reasons(log, db_path):
    case_id = log.create_case()
    log.save_assessment(case_id, _assessment())
    before = log.report(date(2025, 1, 1), date(2025, 12, 31))
    log.erase(case_id)
    assert log.report(date(2025, 1, 1), date(2025, 12, 31)) == before
    assert log.db.execute("SELECT count(*), count(reasons) FROM referral_proposals").fetchone() == (1, 0)
    assert log.db.execute("SELECT count(*) FROM due_dates").fetchone() == (0,)
