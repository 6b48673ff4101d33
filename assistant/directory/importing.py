"""Import an export of the national data·inclusion base (or a file written like it).

Accepted: JSON (a list of records, `{"structures": [...], "services": [...]}`, or an API page
`{"items": [...]}`), JSON Lines, and CSV (`,` or `;`; list columns as a JSON array, `{a,b}` or
`a,b`). A record with a `structure_id` is a service, otherwise a structure. Each record is
checked with the package `data-inclusion-schema` (its pydantic `Structure` and `Service`); a
record that fails is left out with one line saying why. Only the services of the site's
département that answer a need of the assistant are kept (see `roles.py`), with their
structures, so a national export of several hundred thousand rows makes a small local file.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from assistant.directory.lookup import serves
from assistant.directory.roles import roles_of
from assistant.directory.store import DirectoryError, empty, read, write
from assistant.i18n import _

LIST_FIELDS = ("thematiques", "publics", "modes_accueil", "modes_mobilisation", "mobilisable_par",
               "zone_eligibilite", "reseaux_porteurs")
SAMPLE = Path(__file__).parent / "data" / "sample.json"
SAMPLE_DEPARTEMENT = "93"  # the fictional site's département (its services' zone_eligibilite)
_SHOWN_REFUSALS = 20


@dataclass
class ImportReport:
    departement: str
    read: int = 0
    kept_services: int = 0
    kept_structures: int = 0
    refused: list[str] = field(default_factory=list)
    by_role: dict[str, int] = field(default_factory=dict)
    path: Path | None = None


def _list(value) -> list | None:
    """A list column of a CSV cell: `["a","b"]`, `{a,b}`, `a,b` or `a|b`."""
    if value is None or isinstance(value, list):
        return value
    text = str(value).strip()
    if not text:
        return None
    if text.startswith("["):
        try:
            found = json.loads(text)
        except json.JSONDecodeError:
            found = None
        if isinstance(found, list):
            return found
    text = text.strip("{}[]")
    separator = "|" if "|" in text else ","
    return [part.strip().strip('"') for part in text.split(separator) if part.strip().strip('"')]


def _csv(text: str) -> list[dict]:
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return [{k.strip(): (v if v is None or v.strip() else None) for k, v in row.items() if k} for row in rows]


def read_records(path: Path) -> list[dict]:
    """The records of one file, as dicts; raises DirectoryError naming the file."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise DirectoryError(_("{path} : lecture impossible ({reason})").format(path=path, reason=error.strerror)) from None
    except UnicodeDecodeError:
        raise DirectoryError(_("{path} : texte UTF-8 attendu").format(path=path)) from None
    if path.suffix.lower() == ".csv":
        records = _csv(text)
    else:
        try:
            if path.suffix.lower() in (".jsonl", ".ndjson"):
                data = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                data = json.loads(text)
        except json.JSONDecodeError as error:
            raise DirectoryError(_("{path} : JSON illisible (ligne {line}) ; formats lus : JSON, JSON Lines, CSV").format(
                path=path, line=error.lineno)) from None
        if isinstance(data, dict):
            data = (data.get("structures") or []) + (data.get("services") or []) + (data.get("items") or [])
        records = data if isinstance(data, list) else []
    records = [r for r in records if isinstance(r, dict)]
    if not records:
        raise DirectoryError(_("{path} : aucune structure ni aucun service trouvé").format(path=path))
    for record in records:
        for key in LIST_FIELDS:
            if key in record:
                record[key] = _list(record[key])
    return records


def check(record: dict, kind: str | None = None) -> dict:
    """The record as data·inclusion's schema reads it (JSON values, lists sorted); raises ValueError.
    `kind`: "services" or "structures"; by default a record with a `structure_id` is a service."""
    import pydantic
    from data_inclusion.schema.v1 import Service, Structure

    kind = kind or ("services" if "structure_id" in record else "structures")
    model = Service if kind == "services" else Structure
    try:
        checked = model.model_validate(record).model_dump(mode="json", exclude_none=True)
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "?"
        raise ValueError(f"{where} : {first['msg']}") from None
    for key in LIST_FIELDS:
        if isinstance(checked.get(key), list):
            checked[key] = sorted(checked[key])
    return checked


def _refusal(path: Path, n: int, record: dict, reason: str) -> str:
    return _("{file} : enregistrement {n} ({id}) laissé de côté : {reason}").format(
        file=path.name, n=n, id=record.get("id") or "?", reason=reason)


def import_files(paths: list[Path], departement: str, *, replace: bool = False,
                 target: Path | None = None) -> ImportReport:
    """Add the services of `departement` that the assistant needs (and their structures) to the
    directory, replacing records of the same id; `replace` starts from an empty directory."""
    report = ImportReport(departement)
    structures: dict[str, dict] = {}
    services: list[dict] = []
    for path in paths:
        for n, record in enumerate(read_records(path), start=1):
            report.read += 1
            try:
                checked = check(record)
            except ValueError as error:
                report.refused.append(_refusal(path, n, record, str(error)))
                continue
            if "structure_id" in checked:
                services.append(checked)
            else:
                structures[checked["id"]] = checked
    kept = []
    for service in services:
        structure = structures.get(service["structure_id"])
        roles = roles_of(service, structure)
        if roles and serves(service, structure, departement):
            kept.append(service)
            for role in roles:
                report.by_role[role] = report.by_role.get(role, 0) + 1
    current = empty() if replace else read(target)
    new_ids = {s["id"] for s in kept}
    needed = {s["structure_id"] for s in kept}
    current["services"] = [s for s in current["services"] if s.get("id") not in new_ids] + kept
    current["structures"] = [s for s in current["structures"] if s.get("id") not in needed] + [
        structures[i] for i in sorted(needed) if i in structures]
    current["imports"] = current.get("imports", []) + [{
        "files": [p.name for p in paths], "on": date.today().isoformat(), "departement": departement,
        "services": len(kept)}]
    report.kept_services = len(kept)
    report.kept_structures = len([i for i in needed if i in structures])
    report.path = write(current, target)
    return report


def validate(data: dict) -> list[str]:
    """Records of a directory that data·inclusion's schema refuses, one line each."""
    problems = []
    for kind in ("structures", "services"):
        for n, record in enumerate(data.get(kind, []), start=1):
            try:
                check(record, kind)
            except ValueError as error:
                problems.append(_("{kind} n° {n} ({id}) : {reason}").format(
                    kind=kind, n=n, id=record.get("id") or "?", reason=error))
    known = {s.get("id") for s in data.get("structures", [])}
    for n, service in enumerate(data.get("services", []), start=1):
        if service.get("structure_id") not in known:
            problems.append(_("services n° {n} ({id}) : structure {structure} absente de l'annuaire").format(
                n=n, id=service.get("id") or "?", structure=service.get("structure_id")))
    return problems


def shown_refusals(report: ImportReport) -> list[str]:
    """The first refusals, and how many more (a national export may refuse thousands)."""
    lines = report.refused[:_SHOWN_REFUSALS]
    if len(report.refused) > _SHOWN_REFUSALS:
        lines.append(_("… et {n} autres").format(n=len(report.refused) - _SHOWN_REFUSALS))
    return lines
