"""Every situation of the test suite, for the tests that run them all: the scenario tables
(tests/engine/scenarios/*.yaml), the public contract examples and the benchmark situations."""

from __future__ import annotations

import copy
import json
import sys
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
EXAMPLES = HERE.parent / "data" / "contract_examples"


def _merge(base: dict, override: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def scenarios():
    """(id, evaluation date, situation, expectations) of every scenario table row."""
    for path in sorted((HERE / "scenarios").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        bases = doc.get("bases", {})
        for case in doc["cases"]:
            situation = _merge(bases[case["base"]], case.get("situation", {})) if "base" in case else case["situation"]
            yield f"{path.stem}:{case['name']}", _day(case["when"]), situation, case["expect"]


def examples():
    """(id, evaluation date, situation, expectations) of the contract examples with a situation."""
    for path in sorted(EXAMPLES.glob("*.json")):
        case = json.loads(path.read_text())
        if "situation" in case:
            yield path.stem, _day(case["on"]), case["situation"], case["expect"]


def benchmark_situations(n: int = 300):
    """(id, evaluation date, situation) of the benchmarks' synthetic situations."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from situations import synthetic
    finally:
        sys.path.pop(0)
    for i, situation in enumerate(synthetic(n)):
        yield f"bench-{i}", date(2025, 6, 1), situation


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
