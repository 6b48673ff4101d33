"""Walks the dialogs (every entry path, many answer combinations) and fails on a question whose
answer cannot change the assessment and that the engine does not wait for (issue 11)."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from assistant.dialogs.engine import EngineAssess
from assistant.dialogs.loader import load
from assistant.dialogs.runner import ALL_SCOPES, Rejected, Runner, decisions
from assistant.dialogs.state import DialogState

ON = date(2026, 6, 10)
# Asked whatever the outcome: the entry questions and the activity report's sex; the household
# comes with the resources, whose ceilings depend on it; the nationality comes before a
# right-to-stay question that matters (a French national is then not asked it).
EXEMPT = {"purpose", "followup", "request", "sex", "household_size", "nationality"}


def candidates(runner: Runner, question) -> list[dict]:
    out = [{"unknown": True}] if question.unknown else []
    if question.type == "yes_no":
        return out + [{"set": {question.field: v}} for v in (True, False)]
    if question.type == "multi_choice":
        return out + [{"set": {question.field: [o.value]}} for o in question.options] + [{"set": {question.field: []}}]
    out += [{"set": dict(o.set), "option": o.id} for o in question.options]
    if question.type == "date":
        out += [{"set": {question.field: (ON + timedelta(days=int(v))).isoformat()}} for v in question.probe]
    elif question.type == "number":
        out += [{"set": {question.field: int(v)}} for v in question.probe]
    elif question.type == "amount":
        out += [{"set": {question.field: v}} for v in question.probe]
    return out


def outcome(assessment: dict) -> tuple:
    """The decisions, and what the referrals still wait for (an answer may settle one)."""
    return decisions(assessment, ALL_SCOPES), tuple(sorted(r["id"] for r in assessment.get("referrals_to_check", [])))


def walk(seed: int, entry: str) -> list[str]:
    """One consultation with random answers; the useless questions met."""
    rng = random.Random(seed)
    runner = Runner(load(), EngineAssess(ON), DialogState(on=ON))
    useless = []
    for _ in range(60):
        question = runner.question
        if question is None:
            return useless
        options = candidates(runner, question)
        if question.id == "purpose":
            options = [o for o in options if o.get("option") == entry]
        outcomes = set()
        for answer in options:
            try:
                outcomes.add(outcome(runner.trial(answer)))
            except Rejected:
                continue
        needed = {path for paths in runner.assessment.get("needed", {}).values() for path in paths}
        if (question.id not in EXEMPT and not runner.is_checklist(question) and not question.asks_for & needed
                and len(outcomes) < 2):  # neither a fact the engine waits for, nor one that changes it
            useless.append(f"{question.id} after {[q.id for q, _ in runner.applied()]}")
        known = [o for o in options if not o.get("unknown")] or options  # a person who knows the answers
        for answer in rng.sample(known, len(known)):
            try:
                runner.answer(answer)
                break
            except Rejected:
                continue
    raise AssertionError("the dialog did not end")


@pytest.mark.parametrize("entry", ["rights", "renewal", "documents", "referral"])
def test_no_question_whose_answer_cannot_change_the_assessment(entry):
    found = {qid for seed in range(12) for qid in walk(seed, entry)}
    assert found == set()
