import json
from datetime import date

import pytest

from assistant.dialogs.answers import choices, interpret
from assistant.dialogs.loader import load
from assistant.dialogs.runner import Rejected, Runner, nest
from assistant.dialogs.state import DialogState

ON = date(2025, 3, 3)


def say(runner, *texts):
    for text in texts:
        answer = interpret(runner.question, text, ON)
        assert answer is not None, f"{runner.question.id}: {text!r} not understood"
        runner.answer(answer)


def asked(runner):
    return [q.id for q, _ in runner.applied()]


def test_first_question_is_the_entry_question(runner):
    assert runner.question.id == "purpose"
    assert runner.agenda == ["accueil"]


def test_the_entry_answer_chooses_the_dialogs(runner):
    say(runner, "2")
    assert runner.agenda == ["accueil", "renewal"]
    assert runner.question.id == "followup"


def test_a_french_national_is_never_asked_about_the_right_to_stay(runner):
    say(runner, "1", "française", "40", "homme", "seule", "0")
    assert runner.done
    assert "right_to_stay" not in asked(runner)
    assert runner.situation == {"person": {"nationality": "french", "age": 40, "sex": "M"}, "resources": {"household_size": 1, "annual": 0}}


def test_questions_follow_dialog_order_among_the_needed_fields(runner):
    say(runner, "1", "hors UE", "sans papiers", "30", "femme", "il y a 4 mois")
    assert asked(runner) == ["purpose", "nationality", "right_to_stay", "age", "sex", "irregular_since"]
    assert runner.question.id == "household_size"  # asked with the resources: their ceiling depends on it


def test_a_minor_is_never_asked_the_social_service_items(runner):
    say(runner, "4", "12")
    assert runner.question.id == "consent"
    say(runner, "o")
    assert runner.done
    assert not {"health_impacts_life", "fragility_items"} & set(asked(runner))


def test_unknown_is_answered_and_not_asked_again(runner):
    say(runner, "1", "je ne sais pas")
    assert runner.state.answers["nationality"] == {"unknown": True}
    assert runner.question.id == "right_to_stay"
    assert "nationality" not in runner.situation.get("person", {})


def test_editing_keeps_the_answers_it_does_not_affect(runner):
    say(runner, "1", "hors UE", "sans papiers", "30", "femme", "3 novembre 2024", "seule", "0", "pas d'hospitalisation")
    assert runner.done
    runner.edit("nationality", interpret(runner.lookup("nationality"), "française", ON))
    assert asked(runner) == ["purpose", "nationality", "age", "sex", "household_size", "annual_resources",
                             "hospital_admission"]  # a health fact is kept
    assert runner.situation["person"] == {"nationality": "french", "age": 30, "sex": "F"}
    assert runner.done
    runner.edit("nationality", interpret(runner.lookup("nationality"), "hors UE", ON))
    assert runner.situation["person"]["irregular_since"] == "2024-11-03"  # the kept answer is back


def test_editing_continues_from_the_first_question_still_needed(runner):
    say(runner, "1", "française", "40", "homme", "seule", "0")
    runner.edit("nationality", interpret(runner.lookup("nationality"), "hors UE", ON))
    assert runner.question.id == "right_to_stay"


def test_an_answer_the_engine_refuses_leaves_the_state_unchanged(runner):
    say(runner, "1", "hors UE", "sans papiers", "30", "femme", "il y a 4 mois", "seule", "0", "10/02/2025")
    assert runner.question.id == "hospital_discharge"
    before = json.dumps(runner.state.to_json())
    with pytest.raises(Rejected) as refused:
        runner.answer(interpret(runner.question, "01/01/2025", ON))
    assert refused.value.field == "care.hospital_discharge"
    assert json.dumps(runner.state.to_json()) == before
    say(runner, "20/02/2025")
    with pytest.raises(Rejected):
        runner.edit("hospital_admission", interpret(runner.lookup("hospital_admission"), "01/03/2025", ON))
    assert runner.situation["care"] == {"hospital_admission": "2025-02-10", "hospital_discharge": "2025-02-20"}


def test_state_is_json_and_resumes_at_the_same_place(runner, make_runner):
    say(runner, "1", "hors UE", "sans papiers")
    saved = json.loads(json.dumps(runner.state.to_json()))
    assert saved["dialog"] == "triage" and saved["position"] == "age"
    restored = DialogState.from_json(saved)
    resumed = make_runner(answers=restored.answers, transcript=restored.transcript, added=restored.added)
    assert resumed.question.id == "age"
    assert resumed.situation == runner.situation


def test_documents_dialog_walks_the_checklist_of_the_request(runner):
    say(runner, "3", "AME", "30")
    assert runner.question.id == "doc_identity"
    assert runner.question.text == "Pièce d'identité : la personne l'a-t-elle ?"
    say(runner, "non")
    assert runner.missing_document(runner.lookup("doc_identity"))["alternatives"] == ["Acte de naissance"]
    assert runner.question.id == "doc_photo"
    say(runner, "oui")
    assert runner.done
    assert runner.documents_checked() == {"identity": False, "photo": True}


def test_a_dialog_opened_from_the_result_is_asked_after_the_others(runner, make_runner):
    say(runner, "1", "française", "40", "homme", "seule", "0")
    runner.open_dialog("referral")
    assert runner.question.id == "health_impacts_life"
    saved = runner.state.to_json()
    assert saved["added"] == ["referral"]
    restored = DialogState.from_json(saved)
    assert make_runner(answers=restored.answers, transcript=restored.transcript,
                       added=restored.added).question.id == "health_impacts_life"


def test_nest():
    assert nest({"person.age": 3, "person.sex": "F", "consent_to_referral": True}) == {
        "person": {"age": 3, "sex": "F"}, "consent_to_referral": True}


def _one_change(situation: dict) -> dict:
    """An engine whose outcome changes once: arrival before or from 15 March 2025."""
    arrival = situation.get("person", {}).get("arrival_date")
    status = "to_check" if arrival is None else ("eligible" if arrival < "2025-03-15" else "not_yet")
    return {"coverages": [{"id": "puma", "status": status}], "documents": [], "referrals": [], "deadlines": [],
            "needed": {"coverages": [] if arrival else ["person.arrival_date"]}}


def test_a_range_with_one_change_is_asked_before_or_after():
    runner = Runner(load(), _one_change, DialogState(on=ON))
    say(runner, "1", "femme")  # the entry question, then the activity report's question
    assert runner.question.id == "arrival_date"
    say(runner, "mars 2025")
    question = runner.question
    assert question.id == "arrival_date~precise"
    assert question.text == "Arrivée en France avant ou après le 15 mars 2025 ? La réponse change le résultat."
    assert [c.label for c in choices(question)] == ["Avant le 15 mars 2025", "Le 15 mars 2025 ou après",
                                                   "Je ne sais pas"]
    say(runner, "après")
    assert runner.done
    assert runner.state.answers["arrival_date"]["range"] == ["2025-03-15", "2025-03-31"]
    assert runner.situation["person"]["arrival_date"] == "2025-03-15"


def test_a_range_that_changes_nothing_is_not_asked_again():
    runner = Runner(load(), _one_change, DialogState(on=ON))
    say(runner, "1", "femme", "avril 2025")
    assert runner.done
    assert runner.situation["person"]["arrival_date"] == "2025-04-01"
