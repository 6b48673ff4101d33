"""Bad input is refused with the field named; the cached compiled validator agrees with pydantic."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.situation import situation_adapter
from assistant.validation import SituationError, compiled_schema, parse_situation

ON = date(2025, 3, 3)


@pytest.mark.parametrize("raw, field", [
    ('{"care": {"hospital_admission": "2025-13-01"}}', "care.hospital_admission"),
    ('{"care": {"hospital_admission": "2025-02-30"}}', "care.hospital_admission"),
    ('{"person": {"right_to_stay": "sans_papiers"}}', "person.right_to_stay"),
    ('{"resources": {"annual": -1}}', "resources.annual"),
    ('{"resources": {"household_size": 0}}', "resources.household_size"),
    ('{"social": {"fragility_items": [7]}}', "social.fragility_items.0"),
    ('{"person": {"age": "46"}}', "person.age"),
    ('{"person": {"age": 46.5}}', "person.age"),
    ('{"care": {"urgent_need": "yes"}}', "care.urgent_need"),
    ('{"care": {"hospital_admission": "2025-02-10", "hospital_discharge": "2025-02-01"}}', "care.hospital_discharge"),
    ('{"person": {"birth_date": "2030-01-01"}}', "person.birth_date"),
    ('{"person": {"birth_date": "1980-06-01", "age": 30}}', "person.age"),
    ('{"person": {"age": 40, "minor_status": "with_parents"}}', "person.minor_status"),
    ('{"person": {"nationality": "french", "minor_status": "unaccompanied_under_evaluation"}}', "person.minor_status"),
    ('{"person": {"arrival_date": "2026-01-01"}}', "person.arrival_date"),
    ('{"application_date": "2025-02-01", "person": {"arrival_date": "2025-02-02"}}', "person.arrival_date"),
    ('{"person": {"arrival_date": "2025-02-02"}, "care": {"hospital_admission": "2025-02-01"}}', "care.hospital_admission"),
    ('{"person": {"arrival_date": "2025-02-02"}, "care": {"care_date": "2025-02-01"}}', "care.care_date"),
    ('{"difficulties": "digital"}', "difficulties"),
    ('[1, 2]', "situation"),
    ('{"person": ', "situation"),
    ('not json', "situation"),
])
def test_bad_input_names_the_field(raw, field):
    with pytest.raises(SituationError) as e:
        parse_situation(raw, ON)
    assert e.value.field == field
    assert e.value.message


def test_null_means_unknown_and_extra_fields_are_ignored():
    s = parse_situation('{"person": {"age": null, "nickname": "x"}, "coverage": null, "extra": 1}', ON)
    assert s == {"person": {"age": None}, "coverage": None}


def test_arrival_on_the_day_of_the_request_or_the_care_is_coherent():
    s = parse_situation({"application_date": "2025-02-02", "person": {"arrival_date": "2025-02-02"},
                         "care": {"hospital_admission": "2025-02-02", "care_date": "2025-02-02"}}, ON)
    assert s["person"]["arrival_date"] == date(2025, 2, 2)


def test_dates_become_dates_and_dicts_are_accepted():
    s = parse_situation({"application_date": date(2025, 1, 2), "care": {"care_date": "2025-01-01"}}, ON)
    assert s["application_date"] == date(2025, 1, 2) and s["care"]["care_date"] == date(2025, 1, 1)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 3000) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["2025-01-01", "2025-02-30", "no", "yes", "eu", "rsa", "open", "css", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["person", "care", "age", "right_to_stay", "annual", "hospital_admission",
                         "resources", "coverage", "puma", "fragility_items", "social", "x"]), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(JSONISH)
def test_compiled_validator_agrees_with_the_pydantic_models(value):
    raw = json.dumps(value)
    try:
        expected = situation_adapter().validate_json(raw)
        expected_error = None
    except Exception as e:  # noqa: BLE001 - comparing outcomes only
        expected, expected_error = None, type(e).__name__
    from assistant.validation import _compiled_validator

    try:
        got, got_error = _compiled_validator().validate_json(raw), None
    except Exception as e:  # noqa: BLE001
        got, got_error = None, type(e).__name__
    assert (got, got_error) == (expected, expected_error)


def test_compiled_schema_is_plain_json():
    json.dumps(compiled_schema())
