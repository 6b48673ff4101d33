"""Validate a situation: strict schema (pydantic-core, compiled once and cached) + coherence.

`evaluate` must start fast, so the schema of `situation.py` is compiled to a plain core
schema, cached as JSON keyed by a fingerprint of `situation.py` and the pydantic-core version,
and validated with `pydantic_core.SchemaValidator` alone. The pydantic models are imported
only to rebuild that cache. A test checks the cached validator and the models always agree.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from assistant.dates import age_on, numeric_date
from assistant.display import capped

_SITUATION_PY = Path(__file__).with_name("situation.py")

_MESSAGES = {
    "date_parsing": "date impossible ou mal écrite (attendu AAAA-MM-JJ)",
    "date_from_datetime_parsing": "date impossible ou mal écrite (attendu AAAA-MM-JJ)",
    "date_type": "doit être une date AAAA-MM-JJ",
    "int_type": "doit être un nombre entier",
    "int_parsing": "doit être un nombre entier",
    "float_type": "doit être un nombre",
    "bool_type": "doit valoir true ou false",
    "list_type": "doit être une liste",
    "dict_type": "doit être un objet JSON",
    "json_invalid": "JSON invalide",
}


class SituationError(ValueError):
    """Bad input: `field` is the dotted path of the culprit, `message` says what is wrong."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


_validator = None


def _compiled_validator():
    global _validator
    if _validator is None:
        _validator = _cached_validator()
    return _validator


def compiled_schema() -> dict:
    """The plain (JSON-able) core schema of `Situation`, rebuilt from the pydantic models."""
    from assistant.situation import situation_adapter

    return _plain(situation_adapter().core_schema)


def _plain(node):
    # `cls` and `ref` point at Python classes; the validator does not need them.
    if isinstance(node, dict):
        return {k: _plain(v) for k, v in node.items() if k not in ("cls", "ref", "metadata")}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _cached_validator():
    import pydantic_core
    from pydantic_core import SchemaValidator

    from assistant.cache import cache_dir, fingerprint, read_trusted, write_atomically

    key = fingerprint([_SITUATION_PY.read_bytes(), pydantic_core.__version__.encode()])
    base = cache_dir()
    path = None if base is None else base / f"situation-{key}.json"
    payload = read_trusted(path) if path is not None else None
    if payload is not None:
        try:
            return _checked(SchemaValidator(json.loads(payload)))
        except Exception:  # a cache that does not make sense is rebuilt, never trusted
            pass
    schema = compiled_schema()
    validator = _checked(SchemaValidator(schema))
    if path is not None:
        write_atomically(path, json.dumps(schema).encode())
    return validator


_MUST_REFUSE = ('{"person": 1}', '{"person": {"sex": "?"}}', '[]')


def _checked(validator):
    """The validator, if it refuses what the situation schema refuses (else ValueError)."""
    from pydantic_core import ValidationError

    for text in _MUST_REFUSE:
        try:
            validator.validate_json(text)
        except ValidationError:
            continue
        raise ValueError("situation schema accepts anything")
    if not isinstance(validator.validate_json("{}"), dict):
        raise ValueError("situation schema gives no situation")
    return validator


def _iso(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def parse_situation(raw, on: date | None = None) -> dict:
    """Validate `raw` (JSON text/bytes or a dict) into a nested situation dict.

    Raises `SituationError` naming the first bad field. `on` (the evaluation date) enables
    the coherence checks that need a reference date.
    """
    from pydantic_core import ValidationError

    text = raw if isinstance(raw, (str, bytes, bytearray)) else json.dumps(raw, default=_iso)
    try:
        situation = _compiled_validator().validate_json(text)
    except ValidationError as e:
        raise _first_error(e) from None
    _check_coherence(situation, on or date.today())
    return situation


def _first_error(e) -> SituationError:
    err = e.errors()[0]
    field = ".".join(str(p) for p in err["loc"]) or "situation"
    kind = err["type"]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "").replace(" or ", " ou ")
        message = f"valeur inconnue {capped(err.get('input'))} (attendu : {expected})"
    elif kind in ("greater_than_equal", "less_than_equal"):
        bound = next(iter(err.get("ctx", {}).values()), "")
        word = "au moins" if kind == "greater_than_equal" else "au plus"
        message = f"doit valoir {word} {bound} (reçu {capped(err.get('input'))})"
    else:
        message = _MESSAGES.get(kind, err["msg"])
        if kind not in ("json_invalid", "dict_type"):
            message += f" (reçu {capped(err.get('input'))})"
    if kind == "json_invalid":
        field = "situation"
    return SituationError(field, message)


def _check_coherence(s: dict, on: date) -> None:
    person = s.get("person") or {}
    care = s.get("care") or {}
    admission, discharge = care.get("hospital_admission"), care.get("hospital_discharge")
    if admission and discharge and discharge < admission:
        raise SituationError("care.hospital_discharge", f"sortie le {numeric_date(discharge)} avant l'entrée le {numeric_date(admission)}")
    birth = person.get("birth_date")
    if birth and birth > on:
        raise SituationError("person.birth_date", f"date de naissance {numeric_date(birth)} postérieure à la date d'évaluation {numeric_date(on)}")
    arrival = person.get("arrival_date")
    latest = s.get("application_date") or on  # a request may be planned after `on`, never before the arrival
    if arrival and arrival > latest:
        raise SituationError("person.arrival_date", f"arrivée le {numeric_date(arrival)} postérieure à la date de la demande {numeric_date(latest)}")
    for path, when in (("care.hospital_admission", admission), ("care.care_date", care.get("care_date"))):
        if arrival and when and when < arrival:  # care in France belongs to the current stay
            raise SituationError(path, f"soins le {numeric_date(when)} avant l'arrivée en France le {numeric_date(arrival)}")
    if birth and arrival and arrival < birth:
        raise SituationError("person.arrival_date", f"arrivée le {numeric_date(arrival)} avant la naissance le {numeric_date(birth)}")
    age = person.get("age")
    if birth and age is not None:
        candidates = {age_on(birth, on), age_on(birth, s.get("application_date") or on)}
        if age not in candidates:
            raise SituationError("person.age", f"{age} ans ne correspond pas à la date de naissance {numeric_date(birth)}")
    if person.get("nationality") == "french" and person.get("minor_status") == "unaccompanied_under_evaluation":
        raise SituationError("person.minor_status", "l'évaluation de minorité concerne les mineurs étrangers isolés")
    known_age = age if age is not None else (age_on(birth, on) if birth else None)
    if person.get("minor_status") and known_age is not None and known_age >= 18:
        raise SituationError("person.minor_status", f"réservé aux mineurs (la personne a {known_age} ans)")
