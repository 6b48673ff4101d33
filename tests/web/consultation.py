"""A consultation to type into the served app: each question's text and the keys that answer it.

Built with the dialog runner and the app's own answer reading (no UI), so a client that only
sees the terminal output knows which question it waits for and what to type.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assistant.dialogs.answers import interpret
from assistant.dialogs.engine import EngineAssess
from assistant.dialogs.loader import load
from assistant.dialogs.runner import Runner
from assistant.dialogs.state import DialogState
from assistant.ui.shortcuts import shortcuts

# An undocumented adult from outside the EU, hospitalised recently: AME with retroactivity.
# Typed as an agent types, relative dates so that any day's run has the same story.
TYPED = {"purpose": "1", "nationality": "hors UE", "right_to_stay": "sans papiers", "age": "30", "sex": "1",
         "puma": "2", "activity": "6", "complementary": "1", "ame": "2", "territory": "1",
         "irregular_since": "il y a 5 mois", "arrival_date": "il y a 8 mois",
         "annual_resources": "9 600,50 euros par an", "hospital_admission": "il y a 20 jours",
         "hospital_discharge": "il y a 15 jours", "care_date": "1", "household_size": "1"}
RESULT = "Résultat du"  # the result screen's title
NEEDLE = 40  # characters of a question looked for on screen: within its first line at 120 columns


@dataclass(frozen=True)
class Step:
    question_id: str
    text: str  # the start of the question as shown
    keys: tuple[str, ...]  # characters, or "enter"


def steps(on: date, typed: dict[str, str] = TYPED) -> list[Step]:
    runner = Runner(load(), EngineAssess(on, "fr"), DialogState(on=on))
    out: list[Step] = []
    while runner.question is not None and len(out) < 60:
        question = runner.question
        text = typed.get(question.id, "n")
        keys = (text,) if len(text) == 1 and text in shortcuts(question) else (*text, "enter")
        answer = interpret(question, text, on)
        assert answer is not None, f"{question.id}: {text!r} is not understood"
        out.append(Step(question.id, question.text[:NEEDLE], keys))
        runner.answer(answer)
    assert runner.question is None, "the consultation does not end"
    needles = [step.text for step in out]
    assert len(set(needles)) == len(needles), "two questions start alike: lengthen NEEDLE"
    return out
