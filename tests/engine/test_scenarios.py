"""Scenario tables (tests/engine/scenarios/*.yaml) and the public contract examples, in process."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.engine import evaluate
from assistant.validation import parse_situation
from tests.engine.checks import problems

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "data" / "contract_examples"


def _merge(base: dict, override: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _scenarios():
    for path in sorted((HERE / "scenarios").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        bases = doc.get("bases", {})
        for case in doc["cases"]:
            situation = _merge(bases[case["base"]], case.get("situation", {})) if "base" in case else case["situation"]
            yield pytest.param(case["when"], situation, case["expect"], id=f"{path.stem}:{case['name']}")


def _examples():
    for path in sorted(EXAMPLES.glob("*.json")):
        case = json.loads(path.read_text())
        if "situation" in case:
            yield pytest.param(case["on"], case["situation"], case["expect"], id=path.stem)


@pytest.mark.parametrize("on, situation, expect", [*_scenarios(), *_examples()])
def test_scenario(kb, on, situation, expect):
    on = date.fromisoformat(str(on))
    out = evaluate(parse_situation(situation, on), on=on, kb=kb)
    assert problems(json.loads(json.dumps(expect, default=str)), out) == []
