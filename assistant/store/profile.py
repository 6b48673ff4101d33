"""The anonymous profile a case keeps for reports after its personal data is erased.

Seed 000 § VI asks for the file-active composition by age, sex and coverage at entry; these
three coarse values (an age band, not a birth date) are all the reports need.
"""

from __future__ import annotations

from datetime import date

from assistant.dates import age_on

# Upper bounds (exclusive) of the age bands, and their labels.
AGE_BANDS = ((18, "0-17"), (25, "18-24"), (40, "25-39"), (60, "40-59"), (200, "60+"))
UNKNOWN = "inconnu"


def profile(situation: dict | None, on: date) -> dict:
    """age_band, sex and coverage_at_entry of a situation (a nested dict, dates as date or ISO text)."""
    situation = situation or {}
    person = situation.get("person") or {}
    return {
        "age_band": _age_band(person, on),
        "sex": person.get("sex") or UNKNOWN,
        "coverage_at_entry": _coverage(situation.get("coverage") or {}),
    }


def _age_band(person: dict, on: date) -> str:
    age = person.get("age")
    birth = person.get("birth_date")
    if age is None and birth:
        birth = date.fromisoformat(birth) if isinstance(birth, str) else birth
        age = age_on(birth, on)
    if age is None:
        return UNKNOWN
    return next(label for bound, label in AGE_BANDS if age < bound)


def _coverage(coverage: dict) -> str:
    """PUMa / CSS / AME / none, as seed 000 § VI distinguishes them."""
    if coverage.get("ame") == "open":
        return "ame"
    if coverage.get("complementary") == "css":
        return "css"
    if coverage.get("puma") == "open":
        return "puma"
    if coverage.get("puma") == "none":
        return "none"
    return UNKNOWN
