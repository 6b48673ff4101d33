"""Every scenario through the engine: the reference outcome, and what no longer matches.

The reference is what the assistant decides on the scenario's facts: a rule or a figure that
changes moves it, and `python -m assistant train check` lists the scenarios whose expected
outcome it no longer matches (the trainer then rewrites the scenario, or the rule is wrong).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from assistant.engine import evaluate
from assistant.i18n import _
from assistant.knowledge.base import KnowledgeBase
from assistant.training.scenarios import Scenario
from assistant.validation import SituationError, parse_situation

_DECISION = ("status", "effective_date", "eligible_from", "until", "participation_monthly")


@dataclass(frozen=True)
class Mismatch:
    scenario: Scenario
    problems: list[str]


def reference(scenario: Scenario, kb: KnowledgeBase, lang: str = "fr") -> dict:
    """The assessment of the scenario's facts on its date. Raises SituationError for bad facts."""
    raw = json.loads(json.dumps(scenario.situation, default=str))  # YAML dates as ISO text, as in JSON
    situation = parse_situation(raw, on=scenario.date)
    return evaluate(situation, on=scenario.date, kb=kb, lang=lang)


def focus_documents(assessment: dict, focus: str | None) -> list[str]:
    """The ids of the documents the assessment lists for the coverage `focus`."""
    return [d["id"] for d in assessment["documents"] if focus and focus in d["for"]]


def differences(scenario: Scenario, assessment: dict) -> list[str]:
    """What the assessment decides differently from the scenario's expected outcome."""
    problems = []
    coverages = {c["id"]: c for c in assessment["coverages"]}
    for coverage_id, decision in scenario.expected.coverages.items():
        expected = decision.model_dump(mode="json")
        got = coverages[coverage_id]
        for field in _DECISION:
            if expected.get(field) != got.get(field):
                problems.append(f"{coverage_id}.{field} : {_shown(expected.get(field))} → {_shown(got.get(field))}")
    documents = focus_documents(assessment, scenario.expected.focus)
    if sorted(documents) != sorted(scenario.expected.documents):
        problems.append(_("pièces : {expected} → {got}").format(
            expected=_listed(scenario.expected.documents), got=_listed(documents)))
    referrals = [r["id"] for r in assessment["referrals"]]
    if sorted(referrals) != sorted(scenario.expected.referrals):
        problems.append(_("orientations : {expected} → {got}").format(
            expected=_listed(scenario.expected.referrals), got=_listed(referrals)))
    return problems


def check(scenarios: list[Scenario], kb: KnowledgeBase) -> list[Mismatch]:
    """The scenarios whose expected outcome the engine no longer gives (bad facts included)."""
    found = []
    for scenario in scenarios:
        try:
            problems = differences(scenario, reference(scenario, kb))
        except SituationError as error:
            problems = [_("faits refusés : {field} : {message}").format(field=error.field, message=error.message)]
        if problems:
            found.append(Mismatch(scenario, problems))
    return found


def _shown(value) -> str:
    return "—" if value is None else str(value)


def _listed(ids: list[str]) -> str:
    return ", ".join(sorted(ids)) or "—"
