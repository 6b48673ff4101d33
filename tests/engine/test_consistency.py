"""Texts agree with the decision, for every situation of the test suite and generated ones:
each reason's dates against the fields, no raw code, every exclusion with its reason, and
nothing said that does not fit the outcome (see tests/engine/consistency.py)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assistant.validation import SituationError
from tests.engine.cases import benchmark_situations, examples, scenarios
from tests.engine.consistency import problems, traced
from tests.engine.strategies import SITUATIONS, TIMELINES

SUITE = [(case_id, on, situation) for case_id, on, situation, _ in [*scenarios(), *examples()]]
SUITE += list(benchmark_situations())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_situation_of_the_suite_tells_one_story(kb, lang):
    found = []
    for case_id, on, situation in SUITE:
        out, calls = traced(kb, situation, on, lang)
        found += [f"{case_id}: {p}" for p in problems(out, calls, situation)]
    assert found == []


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(SITUATIONS, TIMELINES))
def test_generated_situations_tell_one_story(kb, data):
    situation, on = data
    try:
        out, calls = traced(kb, situation, on)
    except SituationError:
        event("refused as incoherent input")
        return
    event("evaluated")
    assert problems(out, calls, situation) == []
