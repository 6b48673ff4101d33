from datetime import date

import pytest

from assistant.dialogs.answers import choices, echo, interpret, re_ask
from assistant.dialogs.loader import load

TODAY = date(2025, 3, 3)
Q = load().questions


def test_yes_no_offers_oui_non_and_unknown_last():
    assert [(c.key, c.label) for c in choices(Q["pregnant"])] == [("1", "Oui"), ("2", "Non"), ("3", "Je ne sais pas")]


def test_entry_question_has_no_unknown():
    assert all(c.id != "unknown" for c in choices(Q["purpose"]))


@pytest.mark.parametrize("text, expected", [
    ("o", True), ("oui", True), ("y", True), ("1", True), ("n", False), ("Non.", False), ("2", False),
])
def test_yes_no_keys_and_words(text, expected):
    assert interpret(Q["pregnant"], text, TODAY)["set"] == {"care.pregnant": expected}


@pytest.mark.parametrize("text", ["je sais pas", "3", "je ne sais pas"])
def test_unknown_answer(text):
    assert interpret(Q["pregnant"], text, TODAY) == {"unknown": True}


@pytest.mark.parametrize("text, expected", [
    ("sans papiers", "no"), ("demandeur d'asile", "asylum_seeker"), ("4", "no"), ("touriste", "short_stay_visa"),
])
def test_typed_choice(text, expected):
    assert interpret(Q["right_to_stay"], text, TODAY)["set"] == {"person.right_to_stay": expected}


def test_date_is_read_and_echoed_in_full():
    answer = interpret(Q["arrival_date"], "il y a 10 jours", TODAY)
    assert answer == {"set": {"person.arrival_date": "2025-02-21"}}
    assert echo(Q["arrival_date"], answer) == "vendredi 21 février 2025"


def test_month_keeps_its_precision():
    answer = interpret(Q["arrival_date"], "mars 2026", TODAY)
    assert answer == {"set": {}, "range": ["2026-03-01", "2026-03-31"]}
    assert echo(Q["arrival_date"], answer) == "mars 2026 (mois entier)"


def test_date_question_quick_reply_by_text():
    answer = interpret(Q["hospital_discharge"], "toujours hospitalisée", TODAY)
    assert answer == {"set": {}, "option": "still_in"}
    assert echo(Q["hospital_discharge"], answer) == "Toujours hospitalisée"


def test_amount_with_spaces_and_comma():
    answer = interpret(Q["annual_resources"], "10 339,50 € par an", TODAY)
    assert answer == {"set": {"resources.annual": 10339.5}, "amount": 10339.5, "period": "year"}
    assert echo(Q["annual_resources"], answer) == "10 339,50 € sur 12 mois"


def test_amount_without_its_period_is_left_open():
    answer = interpret(Q["annual_resources"], "900", TODAY)
    assert answer == {"set": {}, "amount": 900}
    assert echo(Q["annual_resources"], answer) == "900 € (par mois ou sur 12 mois ?)"


def test_monthly_amount_is_annualised_and_said_so():
    answer = interpret(Q["annual_resources"], "800 par mois", TODAY)
    assert answer["set"] == {"resources.annual": 9600}
    assert echo(Q["annual_resources"], answer) == "800 € par mois, soit 9 600 € sur 12 mois"


def test_number_out_of_range_is_not_understood():
    assert interpret(Q["age"], "46 ans", TODAY) == {"set": {"person.age": 46}}
    assert interpret(Q["age"], "200", TODAY) is None


def test_multi_choice_by_numbers_labels_or_none():
    q = Q["fragility_items"]
    assert interpret(q, "4 5", TODAY) == {"set": {"social.fragility_items": [4, 5]}}
    assert interpret(q, "5, 4", TODAY) == {"set": {"social.fragility_items": [4, 5]}}
    assert interpret(q, "isolée et revenus", TODAY) == {"set": {"social.fragility_items": [1, 4]}}
    assert interpret(q, "aucune", TODAY) == {"set": {"social.fragility_items": []}, "option": "none"}
    assert interpret(q, "4 et banane", TODAY) is None
    assert echo(q, {"set": {"social.fragility_items": [4, 5]}}) == (
        "Revenus du foyer menacés par la maladie ; Personnes âgées ou handicapées à charge")


@pytest.mark.parametrize("text, expected", [
    ("1,2", ["rights", "renounced_care"]), ("1, 2", ["rights", "renounced_care"]), ("4 6", ["appointment", "digital"]),
    ("4 et 6", ["appointment", "digital"]), ("4,6,", ["appointment", "digital"]),
    ("renoncement aux soins et coût", ["renounced_care", "care_cost"]),  # DIALOG.md's example line
    ("droits, handicap", ["rights", "disability_care"])])
def test_multi_choice_typed_on_one_line_keeps_every_choice(text, expected):
    assert interpret(Q["difficulties"], text, TODAY) == {"set": {"difficulties": expected}}


def test_a_short_alias_matches_a_word_not_part_of_one():
    assert interpret(Q["difficulties"], "renoncement aux soins", TODAY) == {"set": {"difficulties": ["renounced_care"]}}
    assert interpret(Q["difficulties"], "non", TODAY) == {"set": {"difficulties": []}, "option": "none"}
    assert interpret(Q["territory"], "dom tom", TODAY)["option"] == "outre_mer"


@pytest.mark.parametrize("qid, text", [("arrival_date", "bientôt"), ("annual_resources", "pas mal"), ("age", "vieux"),
                                       ("right_to_stay", "zzz"), ("pregnant", "peut-être bien")])
def test_not_understood_gives_none_and_a_short_re_ask(qid, text):
    assert interpret(Q[qid], text, TODAY) is None
    assert re_ask(Q[qid]).startswith("Je n'ai pas compris")
