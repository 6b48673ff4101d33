"""Every assessment the engine emits matches the contract schema, whatever the situation."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from assistant.assessment import Assessment
from assistant.engine import evaluate
from assistant.validation import SituationError, parse_situation
from tests.engine.strategies import ON, SITUATION


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situation=SITUATION, on=ON)
def test_any_valid_situation_gives_a_well_formed_assessment(kb, situation, on):
    try:
        parsed = parse_situation(situation, on)
    except SituationError as e:  # incoherent dates are refused with the field named
        assert e.field and e.message
        return
    out = evaluate(parsed, on=on, kb=kb)
    Assessment.model_validate(json.loads(json.dumps(out)))
    for coverage in out["coverages"]:
        if coverage["status"] == "to_check":
            assert coverage["missing"] or coverage["reasons"], coverage
        if coverage["status"] == "not_yet":
            assert coverage["eligible_from"], coverage
    asked = [p for scope in out["needed"].values() for p in scope]
    assert all(not _known(situation, p) for p in asked), (asked, situation)


def _known(situation: dict, path: str) -> bool:
    node = situation
    for part in path.split("."):
        if not isinstance(node, dict) or node.get(part) is None:
            return False
        node = node[part]
    return True
