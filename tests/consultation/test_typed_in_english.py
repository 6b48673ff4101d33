"""Whole consultations typed in English through `python -m assistant dialog --jsonl --lang en`:
every answer understood and echoed in English, and the same assessment as `evaluate` on the
equivalent situation (for a date given to the month, the same at both ends of the month)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from test_typed_same_as_evaluate import decisions, evaluated

from assistant import i18n
from assistant.consultation import Consultation
from assistant.dialogs.engine import EngineAssess

ROOT = Path(__file__).resolve().parents[2]
ON = date(2026, 6, 10)


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("fr")


def lines_for(answers: dict) -> list[str]:
    """The lines typed (question id -> English text; "I don't know" otherwise), each checked
    understood by the same reading in process."""
    consultation = Consultation.open(lambda day: EngineAssess(day), ON, record=False)
    lines = []
    while not consultation.done:
        assert len(lines) < 60, "the dialog does not end"
        lines.append(answers.get(consultation.question.id, "I don't know"))
        step = consultation.say(lines[-1])
        assert step.kind == "understood", (consultation.question.id, lines[-1], step.text)
    return lines


def dialog_in_english(lines: list[str]) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "assistant", "dialog", "--jsonl", "--no-log", "--lang", "en",
                           "--on", ON.isoformat()], input="".join(f"{line}\n" for line in lines),
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o for o in out if o["type"] in ("invalid", "refused")] == []
    return out


WAGES = {"purpose": "open rights", "nationality": "French", "sex": "woman", "puma": "yes", "complementary": "none",
         "age": "40 years old", "puma_since": "for 2 years", "benefits": "salary", "household_size": "three people",
         "annual_resources": "1,200.50", "annual_resources~period": "a month", "territory": "mainland"}
UNDOCUMENTED = {"purpose": "open rights", "nationality": "Malian", "right_to_stay": "undocumented",
                "age": "30", "sex": "man", "puma": "no", "ame": "no AME", "irregular_since": "March 2025",
                "household_size": "alone", "annual_resources": "nothing", "hospital_admission": "no hospital stay",
                "care_date": "no care", "stable_address": "yes"}
CASES = [
    ("wages said per month after the question", WAGES,
     {"annual_resources": "€1,200.50 (per month or over 12 months?)",
      "annual_resources~period": "Per month (that is €14,406 over 12 months)", "household_size": "3",
      "benefits": "None (salary: a resource, its amount counts in the household's resources)"},
     [{"person": {"nationality": "french", "age": 40, "sex": "F"},
       "coverage": {"puma": "open", "puma_since": "2023-06-11", "complementary": "none"},
       "resources": {"benefits": [], "household_size": 3, "annual": 14406, "territory": "metropole"}}]),
    ("undocumented since March, the same at both ends of the month", UNDOCUMENTED,
     {"irregular_since": "March 2025 (whole month)", "annual_resources": "No resources (€0)",
      "right_to_stay": "No residence permit"},
     [{"person": {"nationality": "non_eu", "right_to_stay": "no", "age": 30, "sex": "M", "irregular_since": day},
       "coverage": {"puma": "none", "ame": "none"}, "resources": {"household_size": 1, "annual": 0},
       "housing": {"stable_address": True}} for day in ("2025-03-01", "2025-03-31")]),
]


@pytest.mark.parametrize("name, answers, echoes, situations", CASES, ids=[c[0] for c in CASES])
def test_a_consultation_typed_in_english_reaches_evaluate(name, answers, echoes, situations, kb):
    out = dialog_in_english(lines_for(answers))
    understood = {o["id"]: o["text"] for o in out if o["type"] == "understood"}
    assert {qid: understood[qid] for qid in echoes} == echoes
    for situation in situations:
        assert decisions(out[-1]["assessment"]) == decisions(evaluated(situation, ON, kb))


def test_the_day_that_decides_is_asked_and_answered_in_english(kb):
    """Without a title since some day of March 2026: the AME date moves with the day, so it is asked."""
    answers = UNDOCUMENTED | {"irregular_since": "March 2026", "irregular_since~precise": "March 12, 2026"}
    out = dialog_in_english(lines_for(answers))
    follow_up = next(o for o in out if o["type"] == "question" and o["id"] == "irregular_since~precise")
    assert "March 1, 2026" in follow_up["text"] and "March 31, 2026" in follow_up["text"]
    situation = {"person": {"nationality": "non_eu", "right_to_stay": "no", "age": 30, "sex": "M",
                            "irregular_since": "2026-03-12"},
                 "coverage": {"puma": "none", "ame": "none"}, "resources": {"household_size": 1, "annual": 0},
                 "housing": {"stable_address": True}}
    assert decisions(out[-1]["assessment"]) == decisions(evaluated(situation, ON, kb))
