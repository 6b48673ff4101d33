"""Whole consultations typed as at a counter through `python -m assistant dialog --jsonl` reach
the same assessment as `evaluate` on the equivalent situation; for an approximate date, the same
at both ends of its range (issue 11). The contract examples are typed the same way."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from assistant.consultation import Consultation
from assistant.dialogs.engine import EngineAssess
from assistant.dialogs.loader import load as load_dialogs
from assistant.engine import evaluate
from assistant.validation import parse_situation

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "tests" / "data" / "contract_examples"
ON = date(2026, 6, 10)
DECISION = ("status", "effective_date", "eligible_from", "until", "participation_monthly")


def decisions(assessment: dict) -> dict:
    return {
        "coverages": {c["id"]: tuple(c.get(k) for k in DECISION) for c in assessment["coverages"]},
        "documents": sorted(d["id"] for d in assessment["documents"]),
        "referrals": sorted(r["id"] for r in assessment["referrals"]),
        "deadlines": sorted((d["id"], d["date"]) for d in assessment["deadlines"]),
    }


def lines_for(answers: dict, on: date) -> list[str]:
    """The lines typed for `answers` (question id -> text; "je ne sais pas" otherwise), found by
    answering in process with the same reading as the command."""
    consultation = Consultation.open(lambda day: EngineAssess(day), on, record=False)
    lines = []
    while not consultation.done:
        assert len(lines) < 60, "the dialog does not end"
        line = answers(consultation.question) if callable(answers) else answers.get(consultation.question.id, "?")
        lines.append(line)
        step = consultation.say(line)
        assert step.kind == "understood", (consultation.question.id, line, step.text)
    return lines


def dialog(lines: list[str], on: date) -> dict:
    done = subprocess.run([sys.executable, "-m", "assistant", "dialog", "--jsonl", "--no-log", "--on", on.isoformat()],
                          input="".join(f"{line}\n" for line in lines), capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["type"] for o in out if o["type"] in ("invalid", "refused")] == []
    return out[-1]["assessment"]


def evaluated(situation: dict, on: date, kb) -> dict:
    return evaluate(parse_situation(situation, on=on), on=on, kb=kb)


BASE_FRENCH = {"purpose": "1", "nationality": "française", "sex": "femme", "puma": "oui", "complementary": "aucune"}
CASES = [
    # (name, typed answers, equivalent situations: every one must give the dialog's assessment)
    ("ASPA alone, no activity, resources unsaid",
     BASE_FRENCH | {"age": "70", "puma_since": "2010", "benefits": "ASPA", "activity": "retraitée",
                    "household_size": "seule", "annual_resources": "je ne sais pas", "territory": "métropole"},
     [{"person": {"nationality": "french", "age": 70, "sex": "F", "activity": "retired"},
       "coverage": {"puma": "open", "puma_since": "2010-01-01", "complementary": "none"},
       "resources": {"benefits": ["aspa"], "household_size": 1, "territory": "metropole"}}]),
    ("RSA: free CSS, no resources asked",
     BASE_FRENCH | {"age": "35", "puma_since": "03/2019", "benefits": "RSA", "territory": "metropole"},
     [{"person": {"nationality": "french", "age": 35, "sex": "F"},
       "coverage": {"puma": "open", "puma_since": "2019-03-01", "complementary": "none"},
       "resources": {"benefits": ["rsa"], "territory": "metropole"}}]),
    ("wages said per month after the question",
     BASE_FRENCH | {"age": "40", "puma_since": "depuis 2 ans", "benefits": "salaire", "household_size": "3",
                    "annual_resources": "1 200,50", "annual_resources~period": "par mois", "territory": "metropole"},
     [{"person": {"nationality": "french", "age": 40, "sex": "F"},
       "coverage": {"puma": "open", "puma_since": "2023-06-11", "complementary": "none"},
       "resources": {"benefits": [], "household_size": 3, "annual": 14406, "territory": "metropole"}}]),
    ("arrival in March, the same at both ends of the month",
     {"purpose": "1", "nationality": "hors UE", "right_to_stay": "sans papiers", "age": "30", "sex": "homme",
      "puma": "non", "ame": "non", "irregular_since": "mars 2025", "household_size": "seule",
      "annual_resources": "rien", "hospital_admission": "pas d'hospitalisation", "care_date": "pas de soins",
      "stable_address": "oui"},
     [{"person": {"nationality": "non_eu", "right_to_stay": "no", "age": 30, "sex": "M", "irregular_since": day},
       "coverage": {"puma": "none", "ame": "none"}, "resources": {"household_size": 1, "annual": 0},
       "housing": {"stable_address": True}} for day in ("2025-03-01", "2025-03-31")]),
]


@pytest.mark.parametrize("name, answers, situations", CASES, ids=[c[0] for c in CASES])
def test_typed_consultation_is_evaluated_the_same(name, answers, situations, kb):
    lines = lines_for(answers, ON)
    result = dialog(lines, ON)
    for situation in situations:
        assert decisions(result) == decisions(evaluated(situation, ON, kb))


def test_an_approximate_date_that_decides_is_asked_in_words(kb):
    """Without a title since some day of March: the AME date moves with the day, so the day is asked."""
    answers = {"purpose": "1", "nationality": "hors UE", "right_to_stay": "sans papiers", "age": "30", "sex": "homme",
               "puma": "non", "ame": "non", "irregular_since": "mars 2026", "irregular_since~precise": "le 12 mars 2026",
               "household_size": "seule", "annual_resources": "rien",
               "hospital_admission": "pas d'hospitalisation", "care_date": "pas de soins", "stable_address": "oui"}
    consultation = Consultation.open(lambda day: EngineAssess(day), ON, record=False)
    asked = []
    while not consultation.done:
        asked.append(consultation.question)
        consultation.say(answers.get(consultation.question.id, "?"))
    follow_up = next(q for q in asked if q.id == "irregular_since~precise")
    assert follow_up.text.startswith("Début du séjour sans titre")
    situation = {"person": {"nationality": "non_eu", "right_to_stay": "no", "age": 30, "sex": "M",
                            "irregular_since": "2026-03-12"},
                 "coverage": {"puma": "none", "ame": "none"}, "resources": {"household_size": 1, "annual": 0},
                 "housing": {"stable_address": True}}
    assert decisions(consultation.assessment) == decisions(evaluated(situation, ON, kb))


def typed(question, facts: dict) -> str:
    """What an agent types for a contract example's facts (ISO dates, labels, amounts per year)."""
    field = question.field
    if question.id == "purpose":
        return "1"
    if field not in facts:
        return "?"
    value = facts[field]
    for option in question.options:
        if option.set and all(facts.get(f) == v for f, v in option.set.items() if not f.startswith("case.")):
            return option.label
    if question.type == "yes_no":
        return "oui" if value else "non"
    if question.type == "multi_choice":
        labels = {o.value: o.label for o in question.options}
        return ", ".join(labels[v] for v in value) if value else "aucune"
    if question.type == "amount":
        return f"{value} par an"
    return str(value)


CONTRACT = sorted(p for p in EXAMPLES.glob("*.json") if "situation" in json.loads(p.read_text(encoding="utf-8")))


def flatten(tree: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in tree.items():
        out |= flatten(value, f"{prefix}{key}.") if isinstance(value, dict) else {prefix + key: value}
    return out


@pytest.mark.skipif(not CONTRACT, reason="contract examples not found")
@pytest.mark.parametrize("path", CONTRACT, ids=lambda p: p.stem)
def test_contract_examples_typed_through_the_command(path, kb):
    case = json.loads(path.read_text(encoding="utf-8"))
    on = date.fromisoformat(case["on"])
    facts = flatten(case["situation"])
    lines = lines_for(lambda question: typed(question, facts), on)
    result = dialog(lines, on)
    expected = evaluated(case["situation"], on, kb)
    # The dialog asks only what changes the outcome: every coverage it decides is evaluate's.
    got, want = decisions(result)["coverages"], decisions(expected)["coverages"]
    assert {k: v for k, v in got.items() if v[0] != "to_check"} == {k: v for k, v in want.items() if v[0] != "to_check"}
    assert got == want or any(v[0] == "to_check" for v in want.values())
