"""Every contract example with a situation, answered through the dialogs, reaches `evaluate`'s outcome."""

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.dialogs.engine import EngineAssess
from assistant.dialogs.loader import load
from assistant.dialogs.runner import Runner
from assistant.dialogs.state import DialogState
from assistant.engine import evaluate
from assistant.knowledge.loader import load as load_kb
from assistant.validation import parse_situation

EXAMPLES = Path(__file__).parents[1] / "data" / "contract_examples"  # copies of shared/contract/examples
CASES = sorted(p for p in EXAMPLES.glob("*.json") if "situation" in json.loads(p.read_text(encoding="utf-8")))
DECISION = ("status", "effective_date", "eligible_from", "until", "participation_monthly", "missing")


def flatten(tree: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out |= flatten(value, f"{prefix}{key}.")
        else:
            out[prefix + key] = value
    return out


def scripted_answer(question, facts: dict) -> dict:
    """What the person would answer, reading the example's situation; `unknown` otherwise."""
    if question.id == "purpose":
        return {"set": {"case.purpose": "rights"}, "option": "rights"}
    if question.field in facts:
        value = facts[question.field]
        for option in question.options:
            if option.set and all(facts.get(f) == v for f, v in option.set.items() if not f.startswith("case.")):
                return {"set": dict(option.set), "option": option.id}
        return {"set": {question.field: value}}
    return {"unknown": True}


def decisions(assessment: dict) -> dict:
    return {
        "coverages": {c["id"]: {k: c.get(k) for k in DECISION} for c in assessment["coverages"]},
        "documents": sorted(d["id"] for d in assessment["documents"]),
        "referrals": sorted(r["id"] for r in assessment["referrals"]),
        "deadlines": sorted((d["id"], d["date"]) for d in assessment["deadlines"]),
    }


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.skipif(not CASES, reason="contract examples not found beside the project")
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_dialog_reaches_the_same_outcome_as_evaluate(path, kb):
    case = json.loads(path.read_text(encoding="utf-8"))
    on = date.fromisoformat(case["on"])
    facts = flatten(case["situation"])
    runner = Runner(load(), EngineAssess(on, kb=kb), DialogState(on=on))
    for dialog in ("triage", "referral"):
        runner.open_dialog(dialog)
        while not runner.done:
            runner.answer(scripted_answer(runner.question, facts))
    expected = evaluate(parse_situation(case["situation"], on=on), on=on, kb=kb)
    assert decisions(runner.assessment) == decisions(expected)
    assert runner.assessment == expected | {"needed": runner.assessment["needed"],
                                            "referrals_to_check": runner.assessment["referrals_to_check"]}


STAY_FACTS = {"right_to_stay", "irregular_since", "permit_expired_on", "oqtf_final", "asylum_ended_on"}
SOCIAL_ITEMS = {"health_impacts_life", "expressed_request", "fragility_items", "followed_by", "administrative_only"}


def run_all(kb, facts: dict, on=date(2025, 3, 3)) -> list[str]:
    runner = Runner(load(), EngineAssess(on, kb=kb), DialogState(on=on))
    for dialog in ("triage", "referral", "documents"):
        runner.open_dialog(dialog)
        while not runner.done:
            runner.answer(scripted_answer(runner.question, facts))
    return [q.id for q, _ in runner.applied()]


def test_a_french_national_is_never_asked_about_stay_or_asylum(kb):
    asked = run_all(kb, {"person.nationality": "french", "person.age": 40, "coverage.puma": "none"})
    assert "nationality" in asked and not STAY_FACTS & set(asked)


def test_a_minor_is_never_asked_the_social_service_items(kb):
    asked = run_all(kb, {"person.nationality": "french", "person.age": 12})
    assert "age" in asked and not SOCIAL_ITEMS & set(asked)


@pytest.mark.parametrize("follow, first, dialog", [
    ("ame_ending", "ame_until", "renewal_ame"), ("css_ending", "css_until", "renewal_css"),
    ("lost_right_to_stay", "permit_expired_on", "renewal_stay"), ("asylum_ended", "asylum_ended_on", "renewal_asylum"),
])
def test_each_follow_up_asks_its_deciding_date_first(kb, follow, first, dialog):
    on = date(2025, 3, 3)
    runner = Runner(load(), EngineAssess(on, kb=kb), DialogState(on=on))
    runner.answer({"set": {"case.purpose": "renewal"}, "option": "renewal"})
    option = next(o for o in runner.question.options if o.id == follow)
    runner.answer({"set": dict(option.set), "option": follow})
    assert (runner.question.id, runner.dialog) == (first, dialog)
    assert runner.agenda == ["accueil", "renewal", dialog, "triage"]


def test_an_ame_ending_gives_the_renewal_window(kb):
    on = date(2025, 3, 3)
    runner = Runner(load(), EngineAssess(on, kb=kb), DialogState(on=on))
    runner.answer({"set": {"case.purpose": "renewal"}, "option": "renewal"})
    option = next(o for o in runner.question.options if o.id == "ame_ending")
    runner.answer({"set": dict(option.set), "option": "ame_ending"})
    runner.answer({"set": {"coverage.ame_until": "2025-04-30"}})
    ame = next(c for c in runner.assessment["coverages"] if c["id"] == "ame")
    assert (ame["status"], ame["until"]) == ("open", "2025-04-30")
    assert {"id": "ame_renewal_window", "date": "2025-02-28"}.items() <= runner.assessment["deadlines"][0].items()
