"""Every request is sent to an address: when the triage ends with a coverage to request, it asks
for a stable address, and without one for a domiciliation (issue 11: a homeless asylum seeker was
never asked, and the domiciliation referral never appeared)."""

from datetime import date

from assistant.consultation import Consultation
from assistant.dialogs.engine import EngineAssess

ASYLUM_SEEKER = {"purpose": "1", "nationality": "hors UE", "right_to_stay": "demandeur d'asile", "age": "30",
                 "sex": "homme", "puma": "non", "activity": "non", "arrival_date": "il y a 5 mois",
                 "complementary": "non", "ame": "non", "benefits": "aucun", "household_size": "1",
                 "annual_resources": "0", "hospital_admission": "non", "urgent_need": "non"}


def _run(answers: dict) -> tuple[list[str], dict]:
    consultation = Consultation.open(lambda on: EngineAssess(on), date(2026, 12, 3), record=False)
    asked = []
    while consultation.question is not None and len(asked) < 40:
        qid = consultation.question.id
        asked.append(qid)
        consultation.say(answers.get(qid, "je ne sais pas"))
    return asked, consultation.assessment


def test_a_homeless_asylum_seeker_is_asked_the_address_then_the_domiciliation():
    asked, assessment = _run(ASYLUM_SEEKER | {"stable_address": "non", "domiciliation": "non"})
    assert asked[-2:] == ["stable_address", "domiciliation"]
    assert [c["status"] for c in assessment["coverages"][:2]] == ["eligible", "eligible"]
    assert "domiciliation" in [r["id"] for r in assessment["referrals"]]
    assert "domiciliation_proof" in [d["id"] for d in assessment["documents"]]


def test_with_a_stable_address_the_domiciliation_is_not_asked():
    asked, assessment = _run(ASYLUM_SEEKER | {"stable_address": "oui"})
    assert "stable_address" in asked and "domiciliation" not in asked
    assert "domiciliation" not in [r["id"] for r in assessment["referrals"]]


def test_no_request_to_file_no_address_asked():
    asked, _ = _run({"purpose": "1", "nationality": "française", "age": "40", "sex": "femme", "puma": "oui",
                     "complementary": "2"})
    assert "stable_address" not in asked
