"""Deterministic synthetic situations for the benchmarks (varied across every rule path)."""

from __future__ import annotations

import random
from datetime import date, timedelta


def synthetic(n: int, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    base = date(2025, 6, 1)
    day = lambda lo, hi: (base - timedelta(days=rng.randint(lo, hi))).isoformat()  # noqa: E731
    out = []
    for _ in range(n):
        stay = rng.choice(["yes", "asylum_seeker", "short_stay_visa", "no", None])
        person = {
            "age": rng.randint(0, 90),
            "nationality": rng.choice(["french", "eu", "non_eu", "non_eu"]),
            "arrival_date": day(10, 2000),
            "right_to_stay": stay,
            "activity": rng.choice(["employed", "student", "none", "none", "retired", None]),
        }
        if person["age"] < 18:
            statuses = ["with_parents", "unaccompanied_ase"]
            if person["nationality"] != "french":  # minority evaluations concern foreign minors
                statuses.append("unaccompanied_under_evaluation")
            person["minor_status"] = rng.choice(statuses)
            person["parents_right_to_stay"] = rng.choice(["yes", "no", "asylum_seeker"])
        if stay == "no":
            person["irregular_since"] = person["arrival_date"]
            if rng.random() < 0.2:
                person["permit_expired_on"] = day(10, 300)
                person["oqtf_final"] = rng.random() < 0.3
        situation = {
            "person": person,
            "coverage": {"puma": rng.choice(["open", "none"]), "complementary": rng.choice(["none", "private", "css"]),
                         "css_until": day(-300, 30), "ame": "none", "regime_general": rng.random() < 0.7},
            "resources": {"annual": rng.randint(0, 30000), "household_size": rng.randint(1, 6),
                          "territory": rng.choice(["metropole", "outre_mer"])},
            "care": {"hospital_admission": day(0, 120), "vital_emergency": rng.random() < 0.5,
                     "urgent_need": rng.random() < 0.3},
            "housing": {"stable_address": rng.random() < 0.6},
            "difficulties": rng.sample(["rights", "digital", "care_cost", "appointment"], rng.randint(0, 2)),
            "consent_to_referral": rng.choice([True, False, None]),
            "social": {"health_impacts_life": rng.random() < 0.5, "expressed_request": rng.random() < 0.5,
                       "fragility_items": rng.sample([1, 2, 3, 4, 5, 6], rng.randint(0, 2))},
        }
        # care in France comes after the arrival (the current stay): refused otherwise
        situation["care"]["hospital_admission"] = max(situation["care"]["hospital_admission"], person["arrival_date"])
        if rng.random() < 0.3:
            situation["care"]["hospital_discharge"] = situation["care"]["hospital_admission"]
        out.append(situation)
    return out
