"""What an agent types in two consultations (an AME with retroactivity, a MisAS referral),
and a helper typing them into a consultation; shared by the in-process and subprocess tests."""

from __future__ import annotations

from datetime import date

ON = date(2025, 3, 3)

# Sans papiers for 5 months, care in town on 12 February: AME from that day if filed in time.
AME_RETRO = {"purpose": "1", "nationality": "hors UE", "right_to_stay": "sans papiers", "age": "30", "sex": "femme",
             "puma": "non", "irregular_since": "il y a 5 mois", "arrival_date": "12/09/2024", "ame": "non",
             "annual_resources": "800 par mois", "hospital_admission": "1", "care_date": "12 février 2025",
             "urgent_need": "non", "vital_emergency": "non"}
# Referral dialog: renounced care, health disrupting life, no stable address, consent: MisAS.
MISAS = {"purpose": "4", "age": "40", "nationality": "française", "activity": "salarié", "arrival_date": "il y a 20 ans", "difficulties": "1 2", "regime_general": "oui", "health_impacts_life": "oui",
         "expressed_request": "non", "stable_address": "non", "domiciliation": "non", "consent": "oui", "puma": "oui"}


def answer_all(consultation, answers: dict) -> None:
    """Type the answers by question id ("je ne sais pas" for the others) until the result."""
    for _ in range(60):
        if consultation.done:
            return
        step = consultation.say(answers.get(consultation.question.id, "je ne sais pas"))
        assert step.kind == "understood", (step.question.id, step.kind, step.text)
    raise AssertionError(f"the dialog did not end: {consultation.question.id}")
