"""Scenario tables (tests/engine/scenarios/*.yaml) and the public contract examples, in process."""

from __future__ import annotations

import json

import pytest

from assistant.engine import evaluate
from assistant.validation import parse_situation
from tests.engine.cases import examples, scenarios
from tests.engine.checks import problems


@pytest.mark.parametrize("on, situation, expect", [
    pytest.param(on, situation, expect, id=case_id) for case_id, on, situation, expect in [*scenarios(), *examples()]
])
def test_scenario(kb, on, situation, expect):
    out = evaluate(parse_situation(situation, on), on=on, kb=kb)
    assert problems(json.loads(json.dumps(expect, default=str)), out) == []
