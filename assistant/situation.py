"""The situation of `contract/EVALUATE.md`: the one schema of what the engine is told.

Declared as TypedDicts (validated strictly by pydantic) so that a validated situation is a
plain nested dict, cheap to flatten, store and replay. Every leaf is optional; `null` means
"unknown", like an absent field. `validation.py` compiles this schema once and caches it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Optional

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict

RightToStay = Literal["yes", "asylum_seeker", "short_stay_visa", "no"]
Nationality = Literal["french", "eu", "non_eu"]
Activity = Literal["employed", "self_employed", "posted_worker", "student", "retired", "none"]
MinorStatus = Literal["with_parents", "unaccompanied_ase", "unaccompanied_under_evaluation"]
Difficulty = Literal[
    "rights", "renounced_care", "care_cost", "appointment", "disability_care",
    "digital", "isolation_mobility", "complex_social",
]
Euros = Annotated[float, Field(ge=0, le=100_000_000)]

_CONFIG = ConfigDict(extra="ignore", strict=True)


@with_config(_CONFIG)
class Person(TypedDict, total=False):
    birth_date: Optional[date]
    age: Optional[Annotated[int, Field(ge=0, le=130)]]
    sex: Optional[Literal["F", "M", "X"]]
    nationality: Optional[Nationality]
    arrival_date: Optional[date]
    right_to_stay: Optional[RightToStay]
    irregular_since: Optional[date]
    permit_expired_on: Optional[date]
    oqtf_final: Optional[bool]
    asylum_ended_on: Optional[date]
    activity: Optional[Activity]
    family_reunification: Optional[bool]
    eu_rights_abroad: Optional[bool]
    minor_status: Optional[MinorStatus]
    parents_right_to_stay: Optional[RightToStay]
    emancipated_or_apprentice: Optional[bool]


@with_config(_CONFIG)
class Coverage(TypedDict, total=False):
    puma: Optional[Literal["open", "none"]]
    puma_since: Optional[date]
    complementary: Optional[Literal["none", "private", "css"]]
    ame: Optional[Literal["open", "none"]]
    ame_until: Optional[date]
    css_until: Optional[date]
    regime_general: Optional[bool]


@with_config(_CONFIG)
class Resources(TypedDict, total=False):
    annual: Optional[Euros]
    household_size: Optional[Annotated[int, Field(ge=1, le=30)]]
    territory: Optional[Literal["metropole", "outre_mer"]]
    benefits: Optional[list[Literal["rsa", "aspa", "asi", "aah"]]]


@with_config(_CONFIG)
class Care(TypedDict, total=False):
    hospital_admission: Optional[date]
    hospital_discharge: Optional[date]
    care_date: Optional[date]
    urgent_need: Optional[bool]
    vital_emergency: Optional[bool]
    pregnant: Optional[bool]


@with_config(_CONFIG)
class Housing(TypedDict, total=False):
    stable_address: Optional[bool]
    domiciliation: Optional[bool]


@with_config(_CONFIG)
class Social(TypedDict, total=False):
    health_impacts_life: Optional[bool]
    expressed_request: Optional[bool]
    fragility_items: Optional[list[Annotated[int, Field(ge=1, le=6)]]]
    followed_by: Optional[list[Literal["mdph", "departement", "psychiatric_sector"]]]
    administrative_only: Optional[bool]


@with_config(_CONFIG)
class Situation(TypedDict, total=False):
    application_date: Optional[date]
    person: Optional[Person]
    coverage: Optional[Coverage]
    resources: Optional[Resources]
    care: Optional[Care]
    housing: Optional[Housing]
    difficulties: Optional[list[Difficulty]]
    consent_to_referral: Optional[bool]
    social: Optional[Social]


def situation_adapter():
    """The pydantic TypeAdapter of `Situation` (builds the schema: ~50 ms, call once)."""
    from pydantic import TypeAdapter

    return TypeAdapter(Situation)
