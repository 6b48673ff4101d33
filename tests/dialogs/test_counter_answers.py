"""Answers as typed at a counter, each with how it must be read (issue 11): dates (exact or a
range of days), amounts (with their period or not), benefits, choices, "je ne sais pas"."""

from datetime import date

import pytest

from assistant.dialogs.answers import echo, interpret
from assistant.dialogs.loader import load

Q = load().questions
TODAY = date(2026, 6, 10)  # a Wednesday


def _range(low: str, high: str) -> dict:
    return {"set": {}, "range": [low, high]}


def _day(field: str, day: str) -> dict:
    return {"set": {field: day}}


ARRIVAL = "person.arrival_date"

DATES = [
    ("mars 2026", _range("2026-03-01", "2026-03-31"), "mars 2026 (mois entier)"),
    ("Mars 2026", _range("2026-03-01", "2026-03-31"), "mars 2026 (mois entier)"),
    ("MARS 2026", _range("2026-03-01", "2026-03-31"), "mars 2026 (mois entier)"),
    ("en mars 2026", _range("2026-03-01", "2026-03-31"), "mars 2026 (mois entier)"),
    ("03/2026", _range("2026-03-01", "2026-03-31"), "mars 2026 (mois entier)"),
    ("3/2026", _range("2026-03-01", "2026-03-31"), "mars 2026 (mois entier)"),
    ("2026-03", _range("2026-03-01", "2026-03-31"), "mars 2026 (mois entier)"),
    ("fevrier 2024", _range("2024-02-01", "2024-02-29"), "février 2024 (mois entier)"),
    ("février", _range("2026-02-01", "2026-02-28"), "février 2026 (mois entier)"),
    ("décembre", _range("2025-12-01", "2025-12-31"), "décembre 2025 (mois entier)"),
    ("début 2025", _range("2025-01-01", "2025-04-30"), "du 1er janvier 2025 au 30 avril 2025 (date approximative)"),
    ("debut 2025", _range("2025-01-01", "2025-04-30"), "du 1er janvier 2025 au 30 avril 2025 (date approximative)"),
    ("mi-2025", _range("2025-05-01", "2025-08-31"), "du 1er mai 2025 au 31 août 2025 (date approximative)"),
    ("fin 2025", _range("2025-09-01", "2025-12-31"), "du 1er septembre 2025 au 31 décembre 2025 (date approximative)"),
    ("fin janvier", _range("2026-01-21", "2026-01-31"), "du 21 janvier 2026 au 31 janvier 2026 (date approximative)"),
    ("Fin Janvier", _range("2026-01-21", "2026-01-31"), "du 21 janvier 2026 au 31 janvier 2026 (date approximative)"),
    ("début mars", _range("2026-03-01", "2026-03-10"), "du 1er mars 2026 au 10 mars 2026 (date approximative)"),
    ("mi mars 2026", _range("2026-03-11", "2026-03-20"), "du 11 mars 2026 au 20 mars 2026 (date approximative)"),
    ("2025", _range("2025-01-01", "2025-12-31"), "2025 (année entière)"),
    ("l'an dernier", _range("2025-01-01", "2025-12-31"), "2025 (année entière)"),
    ("l’année dernière", _range("2025-01-01", "2025-12-31"), "2025 (année entière)"),
    ("L'AN DERNIER", _range("2025-01-01", "2025-12-31"), "2025 (année entière)"),
    ("le mois dernier", _range("2026-05-01", "2026-05-31"), "mai 2026 (mois entier)"),
    ("depuis 8 mois", _range("2025-09-11", "2025-10-10"), "du 11 septembre 2025 au 10 octobre 2025 (date approximative)"),
    ("depuis 2 ans", _range("2023-06-11", "2024-06-10"), "du 11 juin 2023 au 10 juin 2024 (date approximative)"),
    ("il y a 3 semaines", _range("2026-05-17", "2026-05-23"), "du 17 mai 2026 au 23 mai 2026 (date approximative)"),
    ("il y a trois semaines", _range("2026-05-17", "2026-05-23"), "du 17 mai 2026 au 23 mai 2026 (date approximative)"),
    ("il y a 6 mois", _range("2025-11-25", "2025-12-25"), "du 25 novembre 2025 au 25 décembre 2025 (date approximative)"),
    ("depuis le 5 janvier", _day(ARRIVAL, "2026-01-05"), "lundi 5 janvier 2026"),
    ("Depuis le 5 Janvier", _day(ARRIVAL, "2026-01-05"), "lundi 5 janvier 2026"),
    ("depuis le 20 juillet", _day(ARRIVAL, "2025-07-20"), "dimanche 20 juillet 2025"),
    ("hier", _day(ARRIVAL, "2026-06-09"), "mardi 9 juin 2026"),
    ("Hier", _day(ARRIVAL, "2026-06-09"), "mardi 9 juin 2026"),
    ("avant-hier", _day(ARRIVAL, "2026-06-08"), "lundi 8 juin 2026"),
    ("aujourd'hui", _day(ARRIVAL, "2026-06-10"), "mercredi 10 juin 2026"),
    ("il y a 10 jours", _day(ARRIVAL, "2026-05-31"), "dimanche 31 mai 2026"),
    ("12/03/2024", _day(ARRIVAL, "2024-03-12"), "mardi 12 mars 2024"),
    ("12-03-24", _day(ARRIVAL, "2024-03-12"), "mardi 12 mars 2024"),
    ("2024-03-12", _day(ARRIVAL, "2024-03-12"), "mardi 12 mars 2024"),
    ("le 1er février 2025", _day(ARRIVAL, "2025-02-01"), "samedi 1er février 2025"),
    ("12 août 2023", _day(ARRIVAL, "2023-08-12"), "samedi 12 août 2023"),
    ("12 aout 2023", _day(ARRIVAL, "2023-08-12"), "samedi 12 août 2023"),
]


@pytest.mark.parametrize("text, reading, said", DATES, ids=[d[0] for d in DATES])
def test_dates_as_people_give_them(text, reading, said):
    answer = interpret(Q["arrival_date"], text, TODAY)
    assert answer == reading
    assert echo(Q["arrival_date"], answer) == said


@pytest.mark.parametrize("text", ["30/02/2024", "13/2026", "bientôt", "il y a longtemps", "mars 1800", "32 mars"])
def test_dates_not_understood(text):
    assert interpret(Q["arrival_date"], text, TODAY) is None


RESOURCES = "resources.annual"
AMOUNTS = [
    ("900", {"set": {}, "amount": 900}, "900 € (par mois ou sur 12 mois ?)"),
    ("900e", {"set": {}, "amount": 900}, "900 € (par mois ou sur 12 mois ?)"),
    ("900 €", {"set": {}, "amount": 900}, "900 € (par mois ou sur 12 mois ?)"),
    ("900€", {"set": {}, "amount": 900}, "900 € (par mois ou sur 12 mois ?)"),
    ("900 euros", {"set": {}, "amount": 900}, "900 € (par mois ou sur 12 mois ?)"),
    ("environ 900", {"set": {}, "amount": 900}, "900 € (par mois ou sur 12 mois ?)"),
    ("à peu près 900 €", {"set": {}, "amount": 900}, "900 € (par mois ou sur 12 mois ?)"),
    ("1 200,50", {"set": {}, "amount": 1200.5}, "1 200,50 € (par mois ou sur 12 mois ?)"),
    ("salaire 1500 net", {"set": {}, "amount": 1500}, "1 500 € (par mois ou sur 12 mois ?)"),
    ("900 par mois", {"set": {RESOURCES: 10800}, "amount": 900, "period": "month", "monthly": 900},
     "900 € par mois, soit 10 800 € sur 12 mois"),
    ("900 € par mois", {"set": {RESOURCES: 10800}, "amount": 900, "period": "month", "monthly": 900},
     "900 € par mois, soit 10 800 € sur 12 mois"),
    ("900€/mois", {"set": {RESOURCES: 10800}, "amount": 900, "period": "month", "monthly": 900},
     "900 € par mois, soit 10 800 € sur 12 mois"),
    ("environ 900 euros par mois", {"set": {RESOURCES: 10800}, "amount": 900, "period": "month", "monthly": 900},
     "900 € par mois, soit 10 800 € sur 12 mois"),
    ("chômage 900 par mois", {"set": {RESOURCES: 10800}, "amount": 900, "period": "month", "monthly": 900},
     "900 € par mois, soit 10 800 € sur 12 mois"),
    ("1200 mensuel", {"set": {RESOURCES: 14400}, "amount": 1200, "period": "month", "monthly": 1200},
     "1 200 € par mois, soit 14 400 € sur 12 mois"),
    ("7200 par an", {"set": {RESOURCES: 7200}, "amount": 7200, "period": "year"}, "7 200 € sur 12 mois"),
    ("7 200 € par an", {"set": {RESOURCES: 7200}, "amount": 7200, "period": "year"}, "7 200 € sur 12 mois"),
    ("10 339,50 € annuel", {"set": {RESOURCES: 10339.5}, "amount": 10339.5, "period": "year"},
     "10 339,50 € sur 12 mois"),
    ("0", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "Aucune ressource (0 €)"),
    ("0 €", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "Aucune ressource (0 €)"),
    ("rien", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "Aucune ressource (0 €)"),
    ("aucune ressource", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "Aucune ressource (0 €)"),
    ("pas de revenus", {"set": {RESOURCES: 0}, "amount": 0, "period": "year"}, "Aucune ressource (0 €)"),
]


@pytest.mark.parametrize("text, reading, said", AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_amounts_as_people_say_them(text, reading, said):
    answer = interpret(Q["annual_resources"], text, TODAY)
    assert answer == reading
    assert echo(Q["annual_resources"], answer) == said


@pytest.mark.parametrize("text", ["-900", "beaucoup", "12 ans", "€", "900 par semaine"])
def test_amounts_not_understood(text):
    assert interpret(Q["annual_resources"], text, TODAY) is None


BENEFITS = [
    ("RSA", {"set": {"resources.benefits": ["rsa"]}}, "RSA"),
    ("rsa", {"set": {"resources.benefits": ["rsa"]}}, "RSA"),
    ("ASPA", {"set": {"resources.benefits": ["aspa"]}}, "ASPA (minimum vieillesse)"),
    ("minimum vieillesse", {"set": {"resources.benefits": ["aspa"]}}, "ASPA (minimum vieillesse)"),
    ("AAH", {"set": {"resources.benefits": ["aah"]}}, "AAH (allocation adulte handicapé)"),
    ("ASI", {"set": {"resources.benefits": ["asi"]}}, "ASI (allocation supplémentaire d'invalidité)"),
    ("rsa et aah", {"set": {"resources.benefits": ["rsa", "aah"]}}, "RSA ; AAH (allocation adulte handicapé)"),
    ("1,4", {"set": {"resources.benefits": ["rsa", "aah"]}}, "RSA ; AAH (allocation adulte handicapé)"),
    ("aucun", {"set": {"resources.benefits": []}, "option": "none"}, "Aucune"),
    ("chômage", {"set": {"resources.benefits": []}, "income": ["chomage"], "option": "none"},
     "Aucune (chomage : une ressource, son montant compte dans les ressources du foyer)"),
    ("retraite", {"set": {"resources.benefits": []}, "income": ["retraite"], "option": "none"},
     "Aucune (retraite : une ressource, son montant compte dans les ressources du foyer)"),
    ("salaire", {"set": {"resources.benefits": []}, "income": ["salaire"], "option": "none"},
     "Aucune (salaire : une ressource, son montant compte dans les ressources du foyer)"),
    ("AAH et pension", {"set": {"resources.benefits": ["aah"]}, "income": ["pension"]},
     "AAH (allocation adulte handicapé) (pension : une ressource, son montant compte dans les ressources du foyer)"),
    ("je ne sais pas", {"unknown": True}, "Je ne sais pas"),
]


@pytest.mark.parametrize("text, reading, said", BENEFITS, ids=[b[0] for b in BENEFITS])
def test_benefits_by_name(text, reading, said):
    answer = interpret(Q["benefits"], text, TODAY)
    assert answer == reading
    assert echo(Q["benefits"], answer) == said


CHOICES = [
    ("nationality", "française", {"person.nationality": "french"}),
    ("nationality", "Malien", {"person.nationality": "non_eu"}),
    ("nationality", "roumaine", {"person.nationality": "eu"}),
    ("right_to_stay", "sans papiers", {"person.right_to_stay": "no"}),
    ("right_to_stay", "ATDA", {"person.right_to_stay": "asylum_seeker"}),
    ("activity", "non", {"person.activity": "none"}),
    ("activity", "ne travaille pas", {"person.activity": "none"}),
    ("activity", "CDI", {"person.activity": "employed"}),
    ("household_size", "seule", {"resources.household_size": 1}),
    ("household_size", "3", {"resources.household_size": 3}),
    ("household_size", "trois personnes", {"resources.household_size": 3}),
    ("pregnant", "oui", {"care.pregnant": True}),
    ("pregnant", "n", {"care.pregnant": False}),
]


@pytest.mark.parametrize("qid, text, facts", CHOICES, ids=[f"{c[0]}:{c[1]}" for c in CHOICES])
def test_choices_typed(qid, text, facts):
    assert interpret(Q[qid], text, TODAY)["set"] == facts


@pytest.mark.parametrize("qid", ["arrival_date", "annual_resources", "age", "nationality", "benefits"])
@pytest.mark.parametrize("text", ["je ne sais pas", "Je sais pas", "nsp", "?"])
def test_unknown(qid, text):
    assert interpret(Q[qid], text, TODAY) == {"unknown": True}


def test_at_least_sixty_answers_are_tabled():
    assert len(DATES) + len(AMOUNTS) + len(BENEFITS) + len(CHOICES) >= 60
