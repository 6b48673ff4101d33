from datetime import date

import pytest
from hypothesis import given, strategies as st

from assistant.dialogs import parse

TODAY = date(2025, 3, 3)


@pytest.mark.parametrize("text, expected", [
    ("12/03/2024", date(2024, 3, 12)),
    ("12-03-24", date(2024, 3, 12)),
    ("12.3.2024", date(2024, 3, 12)),
    ("2024-03-12", date(2024, 3, 12)),
    ("12 mars 2024", date(2024, 3, 12)),
    ("le 1er février 2025", date(2025, 2, 1)),
    ("12 Mars", date(2025, 3, 12)),
    ("3 août 2023", date(2023, 8, 3)),
    ("il y a 10 jours", date(2025, 2, 21)),
    ("dans 2 mois", date(2025, 5, 3)),
    ("hier", date(2025, 3, 2)),
    ("aujourd'hui", TODAY),
    ("12/03/85", date(1985, 3, 12)),
])
def test_french_dates(text, expected):
    assert parse.parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["30/02/2024", "32 mars 2024", "il y a beaucoup de mois", "mars", "bientôt", "",
                                  "il y a 3 mois"])
def test_dates_not_understood(text):
    assert parse.parse_date(text, TODAY) is None


def test_months_are_clamped_to_the_end_of_month():
    assert parse.parse_when("depuis 1 mois", date(2025, 3, 31)) == parse.When(date(2025, 2, 1), date(2025, 2, 28))


@pytest.mark.parametrize("text, expected", [
    ("10 339,50 €", (10339.5, None)),
    ("10339,50", (10339.5, None)),
    ("10.339", (10339.0, None)),
    ("10,339.50", (10339.5, None)),
    ("1 500 euros", (1500.0, None)),
    ("0", (0.0, None)),
    ("800 € par mois", (800.0, "month")),
    ("800/mois", (800.0, "month")),
])
def test_amounts(text, expected):
    assert parse.parse_amount(text) == expected


@pytest.mark.parametrize("text", ["-5", "beaucoup", "12 ans", "€"])
def test_amounts_not_understood(text):
    assert parse.parse_amount(text) is None


@pytest.mark.parametrize("text, expected", [("46", 46), ("46 ans", 46), ("trois personnes", 3), ("1 2", None), ("x", None)])
def test_numbers(text, expected):
    assert parse.parse_number(text) == expected


@pytest.mark.parametrize("text", ["je sais pas", "Je ne sais pas.", "nsp", "?", "ne sait pas", "aucune idée"])
def test_unknown_phrases(text):
    assert parse.means_unknown(text)


@pytest.mark.parametrize("text", ["non", "oui", "sans papiers", "12/03/2024", "demandeur d'asile"])
def test_answers_are_not_unknown(text):
    assert not parse.means_unknown(text)


STAY = {
    "yes": ["Titre de séjour ou récépissé", "titre de sejour", "regulier"],
    "asylum_seeker": ["Demandeur d'asile", "demandeur d asile", "asile"],
    "no": ["Sans titre de séjour", "sans papiers", "irregulier"],
}


@pytest.mark.parametrize("text, expected", [
    ("sans papiers", "no"), ("Sans-papier", "no"), ("demandeur d'asile", "asylum_seeker"),
    ("demandeuse d'asile", "asylum_seeker"), ("régulier", "yes"), ("banane", None),
])
def test_fuzzy_options(text, expected):
    assert parse.match_option(text, STAY) == expected


def test_equally_good_options_are_not_guessed():
    assert parse.match_option("carte", {"a": ["carte vitale"], "b": ["carte vitale ame"]}) is None


@given(st.text(max_size=40))
def test_parsers_never_raise(text):
    parse.parse_date(text, TODAY)
    parse.parse_amount(text)
    parse.parse_number(text)
    parse.means_unknown(text)
    parse.match_option(text, STAY)


def test_numbers_refuse_negatives_and_short_durations():
    from assistant.dialogs.parse import parse_number

    assert [parse_number(t) for t in ("46", "46 ans", "trois personnes")] == [46, 46, 3]
    assert [parse_number(t) for t in ("-3", "6 mois", "2 semaines", "10 jours")] == [None, None, None, None]


def test_nationality_typed_in_words():
    from datetime import date

    from assistant.dialogs.answers import interpret
    from assistant.dialogs.loader import load

    question = load().questions["nationality"]
    read = {t: interpret(question, t, date(2025, 3, 3))["option"] for t in (
        "union européenne", "EEE", "espagnole", "roumain", "non UE", "pas européen", "algérienne",
        "britannique", "hors UE", "française")}
    assert read == {"union européenne": "eu", "EEE": "eu", "espagnole": "eu", "roumain": "eu", "non UE": "non_eu",
                    "pas européen": "non_eu", "algérienne": "non_eu", "britannique": "non_eu", "hors UE": "non_eu",
                    "française": "french"}
