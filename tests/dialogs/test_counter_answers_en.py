"""Answers typed in English at the counter, in the English interface, each with how it must be
read and echoed: the same readings as their French equivalents (test_counter_answers.py), dates
known to the month or approximately kept as ranges of days, numbers written the English way
("1,200.50"), the echo in English. French words keep working in the English interface; numbers
follow the interface language."""

from datetime import date

import pytest

from assistant import i18n
from assistant.dialogs.answers import echo, interpret
from assistant.dialogs.loader import load

Q = load().questions
TODAY = date(2026, 6, 10)  # a Wednesday
ARRIVAL = "person.arrival_date"
RESOURCES = "resources.annual"


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("fr")


def _range(low: str, high: str) -> dict:
    return {"set": {}, "range": [low, high]}


def _day(day: str) -> dict:
    return {"set": {ARRIVAL: day}}


DATES = [
    # (typed in English, reading, echo, the French it reads like)
    ("March 2026", _range("2026-03-01", "2026-03-31"), "March 2026 (whole month)", "mars 2026"),
    ("march 2026", _range("2026-03-01", "2026-03-31"), "March 2026 (whole month)", "mars 2026"),
    ("in March 2026", _range("2026-03-01", "2026-03-31"), "March 2026 (whole month)", "en mars 2026"),
    ("Mar 2026", _range("2026-03-01", "2026-03-31"), "March 2026 (whole month)", "mars 2026"),
    ("February", _range("2026-02-01", "2026-02-28"), "February 2026 (whole month)", "février"),
    ("December", _range("2025-12-01", "2025-12-31"), "December 2025 (whole month)", "décembre"),
    ("03/2026", _range("2026-03-01", "2026-03-31"), "March 2026 (whole month)", "03/2026"),
    ("early 2025", _range("2025-01-01", "2025-04-30"), "from January 1, 2025 to April 30, 2025 (approximate date)",
     "début 2025"),
    ("mid-2025", _range("2025-05-01", "2025-08-31"), "from May 1, 2025 to August 31, 2025 (approximate date)",
     "mi-2025"),
    ("late 2025", _range("2025-09-01", "2025-12-31"),
     "from September 1, 2025 to December 31, 2025 (approximate date)", "fin 2025"),
    ("end of January", _range("2026-01-21", "2026-01-31"),
     "from January 21, 2026 to January 31, 2026 (approximate date)", "fin janvier"),
    ("at the end of January", _range("2026-01-21", "2026-01-31"),
     "from January 21, 2026 to January 31, 2026 (approximate date)", "fin janvier"),
    ("beginning of March", _range("2026-03-01", "2026-03-10"),
     "from March 1, 2026 to March 10, 2026 (approximate date)", "début mars"),
    ("2025", _range("2025-01-01", "2025-12-31"), "2025 (whole year)", "2025"),
    ("last year", _range("2025-01-01", "2025-12-31"), "2025 (whole year)", "l'an dernier"),
    ("Last Year", _range("2025-01-01", "2025-12-31"), "2025 (whole year)", "l'an dernier"),
    ("last month", _range("2026-05-01", "2026-05-31"), "May 2026 (whole month)", "le mois dernier"),
    ("for 8 months", _range("2025-09-11", "2025-10-10"),
     "from September 11, 2025 to October 10, 2025 (approximate date)", "depuis 8 mois"),
    ("for 2 years", _range("2023-06-11", "2024-06-10"), "from June 11, 2023 to June 10, 2024 (approximate date)",
     "depuis 2 ans"),
    ("3 weeks ago", _range("2026-05-17", "2026-05-23"), "from May 17, 2026 to May 23, 2026 (approximate date)",
     "il y a 3 semaines"),
    ("about three weeks ago", _range("2026-05-17", "2026-05-23"),
     "from May 17, 2026 to May 23, 2026 (approximate date)", "il y a environ trois semaines"),
    ("6 months ago", _range("2025-11-25", "2025-12-25"),
     "from November 25, 2025 to December 25, 2025 (approximate date)", "il y a 6 mois"),
    ("since 5 January", _day("2026-01-05"), "Monday, January 5, 2026", "depuis le 5 janvier"),
    ("since January 5", _day("2026-01-05"), "Monday, January 5, 2026", "depuis le 5 janvier"),
    ("since the 5th of January", _day("2026-01-05"), "Monday, January 5, 2026", "depuis le 5 janvier"),
    ("since July 20", _day("2025-07-20"), "Sunday, July 20, 2025", "depuis le 20 juillet"),
    ("yesterday", _day("2026-06-09"), "Tuesday, June 9, 2026", "hier"),
    ("the day before yesterday", _day("2026-06-08"), "Monday, June 8, 2026", "avant-hier"),
    ("today", _day("2026-06-10"), "Wednesday, June 10, 2026", "aujourd'hui"),
    ("10 days ago", _day("2026-05-31"), "Sunday, May 31, 2026", "il y a 10 jours"),
    ("12/03/2024", _day("2024-03-12"), "Tuesday, March 12, 2024", "12/03/2024"),
    ("March 12, 2024", _day("2024-03-12"), "Tuesday, March 12, 2024", "12 mars 2024"),
    ("12 March 2024", _day("2024-03-12"), "Tuesday, March 12, 2024", "12 mars 2024"),
    ("the 1st of February 2025", _day("2025-02-01"), "Saturday, February 1, 2025", "le 1er février 2025"),
    ("August 12th 2023", _day("2023-08-12"), "Saturday, August 12, 2023", "12 août 2023"),
    # French in the English interface: the same reading, echoed in English
    ("mars 2026", _range("2026-03-01", "2026-03-31"), "March 2026 (whole month)", "mars 2026"),
    ("il y a 3 semaines", _range("2026-05-17", "2026-05-23"), "from May 17, 2026 to May 23, 2026 (approximate date)",
     "il y a 3 semaines"),
]


@pytest.mark.parametrize("text, reading, said, french", DATES, ids=[d[0] for d in DATES])
def test_english_dates_read_as_their_french_equivalent(text, reading, said, french):
    answer = interpret(Q["arrival_date"], text, TODAY)
    assert answer == reading
    assert echo(Q["arrival_date"], answer) == said
    assert interpret(Q["arrival_date"], french, TODAY) == reading


@pytest.mark.parametrize("text", ["30/02/2024", "March 1800", "soon", "ages ago", "for 10 days", "March 32"])
def test_english_dates_not_understood(text):
    assert interpret(Q["arrival_date"], text, TODAY) is None


def _yearly(amount: float) -> dict:
    return {"set": {RESOURCES: amount}, "amount": amount, "period": "year"}


def _monthly(amount: float) -> dict:
    return {"set": {RESOURCES: round(amount * 12, 2)}, "amount": amount, "period": "month", "monthly": amount}


def _unsaid(amount: float) -> dict:
    return {"set": {}, "amount": amount}


AMOUNTS = [
    ("900", _unsaid(900), "€900 (per month or over 12 months?)"),
    ("€900", _unsaid(900), "€900 (per month or over 12 months?)"),
    ("900 euros", _unsaid(900), "€900 (per month or over 12 months?)"),
    ("about 900", _unsaid(900), "€900 (per month or over 12 months?)"),
    ("around €900", _unsaid(900), "€900 (per month or over 12 months?)"),
    ("1,200.50", _unsaid(1200.5), "€1,200.50 (per month or over 12 months?)"),
    ("1,200", _unsaid(1200), "€1,200 (per month or over 12 months?)"),
    ("salary 1500 net", _unsaid(1500), "€1,500 (per month or over 12 months?)"),
    ("800 a month", _monthly(800), "€800 per month, i.e. €9,600 over 12 months"),
    ("800 per month", _monthly(800), "€800 per month, i.e. €9,600 over 12 months"),
    ("€800/month", _monthly(800), "€800 per month, i.e. €9,600 over 12 months"),
    ("about 900 euros a month", _monthly(900), "€900 per month, i.e. €10,800 over 12 months"),
    ("unemployment 900 a month", _monthly(900), "€900 per month, i.e. €10,800 over 12 months"),
    ("1,200 monthly", _monthly(1200), "€1,200 per month, i.e. €14,400 over 12 months"),
    ("9,600 per year", _yearly(9600), "€9,600 over 12 months"),
    ("7200 a year", _yearly(7200), "€7,200 over 12 months"),
    ("10,339.50 yearly", _yearly(10339.5), "€10,339.50 over 12 months"),
    ("nothing", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "No resources (€0)"),
    ("no income", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "No resources (€0)"),
    ("0", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "No resources (€0)"),
    # French words in the English interface; an unambiguous decimal comma is read too
    ("rien", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "No resources (€0)"),
    ("900 par mois", _monthly(900), "€900 per month, i.e. €10,800 over 12 months"),
    ("1 200,50", _unsaid(1200.5), "€1,200.50 (per month or over 12 months?)"),
]


@pytest.mark.parametrize("text, reading, said", AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_english_amounts(text, reading, said):
    answer = interpret(Q["annual_resources"], text, TODAY)
    assert answer == reading
    assert echo(Q["annual_resources"], answer) == said


@pytest.mark.parametrize("text", ["-900", "a lot", "900 a week", "10.339", "12 years"])
def test_english_amounts_not_understood(text):
    """"10.339" is 10.339 euros in English: refused rather than guessed."""
    assert interpret(Q["annual_resources"], text, TODAY) is None


@pytest.mark.parametrize("text, in_english, in_french", [
    ("1,200", 1200, 1.2), ("9,600 per year", 9600, 9.6), ("1,200.50", 1200.5, 1200.5),
    ("1 200,50", 1200.5, 1200.5), ("4,6", 4.6, 4.6),
])
def test_numbers_follow_the_interface_language(text, in_english, in_french):
    assert interpret(Q["annual_resources"], text, TODAY)["amount"] == in_english
    i18n.set_language("fr")
    assert interpret(Q["annual_resources"], text, TODAY)["amount"] == in_french


BENEFITS = [
    ("RSA", {"set": {"resources.benefits": ["rsa"]}}, "RSA"),
    ("minimum old-age pension", {"set": {"resources.benefits": ["aspa"]}}, "ASPA (minimum old-age pension)"),
    ("disability allowance", {"set": {"resources.benefits": ["aah"]}}, "AAH (disabled adult allowance)"),
    ("rsa and aah", {"set": {"resources.benefits": ["rsa", "aah"]}}, "RSA ; AAH (disabled adult allowance)"),
    ("1 and 4", {"set": {"resources.benefits": ["rsa", "aah"]}}, "RSA ; AAH (disabled adult allowance)"),
    ("1 et 4", {"set": {"resources.benefits": ["rsa", "aah"]}}, "RSA ; AAH (disabled adult allowance)"),
    ("none", {"set": {"resources.benefits": []}, "option": "none"}, "None"),
    ("unemployment", {"set": {"resources.benefits": []}, "income": ["unemployment"], "option": "none"},
     "None (unemployment: a resource, its amount counts in the household's resources)"),
    ("salary", {"set": {"resources.benefits": []}, "income": ["salary"], "option": "none"},
     "None (salary: a resource, its amount counts in the household's resources)"),
    ("I don't know", {"unknown": True}, "I don't know"),
]


@pytest.mark.parametrize("text, reading, said", BENEFITS, ids=[b[0] for b in BENEFITS])
def test_english_benefits(text, reading, said):
    answer = interpret(Q["benefits"], text, TODAY)
    assert answer == reading
    assert echo(Q["benefits"], answer) == said


CHOICES = [
    ("nationality", "French", {"person.nationality": "french"}),
    ("nationality", "Malian", {"person.nationality": "non_eu"}),
    ("nationality", "Romanian", {"person.nationality": "eu"}),
    ("nationality", "outside the EU", {"person.nationality": "non_eu"}),
    ("right_to_stay", "undocumented", {"person.right_to_stay": "no"}),
    ("right_to_stay", "no residence permit", {"person.right_to_stay": "no"}),
    ("right_to_stay", "residence permit", {"person.right_to_stay": "yes"}),
    ("right_to_stay", "asylum seeker", {"person.right_to_stay": "asylum_seeker"}),
    ("right_to_stay", "ATDA", {"person.right_to_stay": "asylum_seeker"}),
    ("sex", "woman", {"person.sex": "F"}),
    ("sex", "male", {"person.sex": "M"}),
    ("activity", "unemployed", {"person.activity": "none"}),
    ("activity", "not working", {"person.activity": "none"}),
    ("activity", "working", {"person.activity": "employed"}),
    ("puma", "not insured", {"coverage.puma": "none"}),
    ("ame", "no AME", {"coverage.ame": "none"}),
    ("complementary", "none", {"coverage.complementary": "none"}),
    ("household_size", "alone", {"resources.household_size": 1}),
    ("household_size", "three people", {"resources.household_size": 3}),
    ("age", "34 years old", {"person.age": 34}),
    ("pregnant", "yes", {"care.pregnant": True}),
    ("pregnant", "nope", {"care.pregnant": False}),
    ("pregnant", "oui", {"care.pregnant": True}),
]


@pytest.mark.parametrize("qid, text, facts", CHOICES, ids=[f"{c[0]}:{c[1]}" for c in CHOICES])
def test_english_choices_typed(qid, text, facts):
    assert interpret(Q[qid], text, TODAY)["set"] == facts


@pytest.mark.parametrize("qid, text", [
    ("activity", "not employed"), ("right_to_stay", "without a permit"), ("nationality", "not French"),
    ("activity", "pas salariée"), ("right_to_stay", "pas de titre de séjour"),
])
def test_a_negation_is_never_read_as_its_opposite(qid, text):
    """No alias says it: asked again, never read as the option whose word it negates."""
    assert interpret(Q[qid], text, TODAY) is None


@pytest.mark.parametrize("qid", ["arrival_date", "annual_resources", "age", "nationality", "benefits"])
@pytest.mark.parametrize("text", ["I don't know", "don't know", "no idea", "not sure", "?"])
def test_english_unknown(qid, text):
    assert interpret(Q[qid], text, TODAY) == {"unknown": True}


def test_at_least_forty_english_answers_are_tabled():
    assert len(DATES) + len(AMOUNTS) + len(BENEFITS) + len(CHOICES) >= 40
