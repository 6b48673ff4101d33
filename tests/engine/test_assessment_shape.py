"""Every assessment the engine emits matches the contract schema, whatever the situation."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.assessment import Assessment
from assistant.engine import evaluate
from assistant.validation import SituationError, parse_situation

DATES = st.dates(min_value=date(2015, 1, 1), max_value=date(2027, 12, 31)).map(date.isoformat)
MAYBE = lambda s: st.none() | s  # noqa: E731

SITUATIONS = st.fixed_dictionaries({}, optional={
    "application_date": DATES,
    "person": st.fixed_dictionaries({}, optional={
        "age": st.integers(0, 100), "birth_date": DATES, "sex": st.sampled_from(["F", "M", "X"]),
        "nationality": st.sampled_from(["french", "eu", "non_eu"]), "arrival_date": DATES,
        "right_to_stay": st.sampled_from(["yes", "asylum_seeker", "short_stay_visa", "no"]),
        "irregular_since": DATES, "permit_expired_on": DATES, "oqtf_final": st.booleans(),
        "asylum_ended_on": DATES,
        "activity": st.sampled_from(["employed", "self_employed", "posted_worker", "student", "retired", "none"]),
        "family_reunification": st.booleans(), "eu_rights_abroad": st.booleans(),
        "minor_status": st.sampled_from(["with_parents", "unaccompanied_ase", "unaccompanied_under_evaluation"]),
        "parents_right_to_stay": st.sampled_from(["yes", "asylum_seeker", "short_stay_visa", "no"]),
        "emancipated_or_apprentice": st.booleans()}),
    "coverage": st.fixed_dictionaries({}, optional={
        "puma": st.sampled_from(["open", "none"]), "puma_since": DATES,
        "complementary": st.sampled_from(["none", "private", "css"]), "ame": st.sampled_from(["open", "none"]),
        "ame_until": DATES, "css_until": DATES, "regime_general": st.booleans()}),
    "resources": st.fixed_dictionaries({}, optional={
        "annual": st.floats(0, 60000) | st.integers(0, 60000), "household_size": st.integers(1, 9),
        "territory": st.sampled_from(["metropole", "outre_mer"]), "benefits": st.lists(st.sampled_from(["rsa", "aspa"]))}),
    "care": st.fixed_dictionaries({}, optional={
        "hospital_admission": DATES, "hospital_discharge": DATES, "care_date": DATES,
        "urgent_need": st.booleans(), "vital_emergency": st.booleans(), "pregnant": st.booleans()}),
    "housing": st.fixed_dictionaries({}, optional={"stable_address": st.booleans(), "domiciliation": st.booleans()}),
    "difficulties": st.lists(st.sampled_from(["rights", "renounced_care", "care_cost", "appointment",
                                              "disability_care", "digital", "isolation_mobility", "complex_social"])),
    "consent_to_referral": MAYBE(st.booleans()),
    "social": st.fixed_dictionaries({}, optional={
        "health_impacts_life": st.booleans(), "expressed_request": st.booleans(),
        "fragility_items": st.lists(st.integers(1, 6)), "administrative_only": st.booleans(),
        "followed_by": st.lists(st.sampled_from(["mdph", "departement", "psychiatric_sector"]))}),
})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(situation=SITUATIONS, on=st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 12, 31)))
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
