"""Fixtures of the dialog tests: a stand-in engine so the runner is tested on its own."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.dialogs.loader import load
from assistant.dialogs.runner import Rejected, Runner
from assistant.dialogs.state import DialogState

ON = date(2025, 3, 3)


def fake_assess(situation: dict) -> dict:
    person = situation.get("person", {})
    social = situation.get("social", {})
    care = situation.get("care", {})
    if care.get("hospital_discharge") and care.get("hospital_admission") and care["hospital_discharge"] < care["hospital_admission"]:
        raise Rejected("care.hospital_discharge", "la sortie est avant l'entrée")
    nationality, age = person.get("nationality"), person.get("age")
    stay = "yes" if nationality == "french" else person.get("right_to_stay")
    coverages = []
    if nationality is None:
        coverages.append("person.nationality")
    if stay is None:
        coverages.append("person.right_to_stay")
    if stay == "no" and "irregular_since" not in person:
        coverages.append("person.irregular_since")
    if age is None:
        coverages.append("person.age")
    elif age < 18 and "minor_status" not in person:
        coverages.append("person.minor_status")
    if "annual" not in situation.get("resources", {}):
        coverages.append("resources.annual")
    if stay == "no":
        coverages += [f"care.{f}" for f in ("hospital_admission", "hospital_discharge") if f not in care][:1]
    referrals = []
    if age is None:
        referrals.append("person.age")
    elif age >= 18:
        referrals += [f"social.{f}" for f in ("health_impacts_life", "fragility_items") if f not in social]
    if age is not None and "consent_to_referral" not in situation:
        referrals.append("consent_to_referral")
    documents = [{"id": "identity", "for": ["ame", "puma"], "label": "Pièce d'identité",
                  "alternatives": ["Acte de naissance"], "second_intention": ["Attestation d'une association"]}]
    if age is not None and age >= 16:
        documents.append({"id": "photo", "for": ["ame"], "label": "Photo", "alternatives": []})
    status = "eligible" if stay == "no" and age is not None else "to_check"
    return {
        "coverages": [{"id": "ame", "status": status, "reasons": [], "missing": coverages[:1],
                       "sources": [{"doc": "000_af8b0dd11f2dd870.txt", "ref": "Annexe 2"}]}],
        "documents": documents,
        "referrals": [{"id": "service_social", "reasons": [], "sources": []}]
        if social.get("fragility_items") and age is not None and age >= 18 else [],
        "deadlines": [],
        "warnings": [],
        "needed": {"coverages": coverages, "referrals": referrals, "documents": [] if age is not None else ["person.age"]},
    }


@pytest.fixture
def make_runner():
    """A runner on the fake engine, from a state given as keyword arguments."""
    return lambda **state: Runner(load(), fake_assess, DialogState(on=ON, **state))


@pytest.fixture
def runner(make_runner):
    return make_runner()
