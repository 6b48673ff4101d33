"""The activity report as text (for reading), CSV (for a spreadsheet) or JSON (for tools)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from assistant.dates import numeric_date
from assistant.store.followup import KIND_LABELS, STATUS_LABELS

CATEGORY_LABELS = {
    "F": "femmes", "M": "hommes", "X": "autre", "inconnu": "non renseigné",
    "puma": "PUMa", "css": "CSS", "ame": "AME", "none": "sans droits", "dsuv": KIND_LABELS["dsuv"],
    "pending": "en cours", "mean_days": "moyenne (jours)", "count": "nombre",
    "misas": "MisAS", "service_social": "service social", "pass": "PASS", "domiciliation": "domiciliation",
    **{status: label for status, label in STATUS_LABELS.items()},
}


def render(report: dict, fmt: str) -> str:
    return {"text": to_text, "csv": to_csv, "json": to_json}[fmt](report)


def to_json(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


# A cell starting with one of these is read as a formula by spreadsheets (CSV injection):
# such a cell is prefixed with a quote, as OWASP advises, so it shows as the text it is.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")  # a French spreadsheet reads a decimal comma
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(report: dict) -> str:
    """One row per figure: indicator, category (empty for a total), value, source. For a French
    spreadsheet: UTF-8 with a byte-order mark, `;` between cells, decimal commas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(["indicateur", "libellé", "catégorie", "libellé de la catégorie", "valeur", "source"])
    for ind in report["indicators"]:
        for category, value in _figures(ind):
            writer.writerow([_cell(v) for v in (ind["id"], ind["label"], category, _label(category), value,
                                                ind["source"])])
    demo = report.get("demonstrations")
    if demo:
        writer.writerow([_cell(v) for v in ("demonstrations", _demo_label(demo), "", "", demo["cases"], "")])
    return "\ufeff" + out.getvalue()


def _demo_label(demo: dict) -> str:
    return ("Consultations de démonstration (--on) comptées" if demo["included"]
            else "Consultations de démonstration (--on) non comptées")


def demonstrations_line(report: dict) -> str | None:
    """What the report says about demonstrations, or None when there were none in the period."""
    demo = report.get("demonstrations") or {}
    if not demo.get("cases"):
        return None
    if demo["included"]:
        return f"{demo['cases']} consultation(s) de démonstration (--on) comptée(s) dans ce rapport."
    return f"{demo['cases']} consultation(s) de démonstration (--on) laissée(s) de côté."


def to_text(report: dict) -> str:
    period = report["period"]
    lines = [f"Rapport d'activité du {numeric_date(date.fromisoformat(period['from']), 'fr')} "
             f"au {numeric_date(date.fromisoformat(period['to']), 'fr')}", ""]
    demo = demonstrations_line(report)
    if demo:
        lines[1:1] = [demo]
    for ind in report["indicators"]:
        figures = _figures(ind)
        head = f"{ind['label']} : {_value(ind['value'])}" if ind["breakdown"] is None else ind["label"]
        lines.append(head)
        for category, value in figures if ind["breakdown"] is not None else []:
            lines.append(f"    {_label(category):<40} {_value(value)}")
        if ind["breakdown"] == {}:
            lines.append("    (aucun)")
        lines.append(f"    {ind['definition']}")
        lines.append(f"    Source : {ind['source']}")
        lines.append("")
    return "\n".join(lines)


def _figures(ind: dict) -> list[tuple[str, object]]:
    if ind["breakdown"] is None:
        return [("", ind["value"])]
    figures = []
    for key, value in ind["breakdown"].items():
        if isinstance(value, dict):  # e.g. per kind: {"mean_days": ..., "count": ...}
            figures.extend((f"{key}.{sub}", v) for sub, v in value.items())
        else:
            figures.append((key, value))
    return figures


def _label(category: str) -> str:
    parts = category.split(".")
    return " / ".join(KIND_LABELS.get(p) or CATEGORY_LABELS.get(p, p) for p in parts) if category else ""


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)
