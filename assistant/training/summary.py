"""A trainer's summary of the training log: each session's score, and each trainee's score by
rule family (points over the most that could be had, as a percentage)."""

from __future__ import annotations

from collections import defaultdict

from assistant.i18n import _
from assistant.training.scenarios import FAMILIES


def _percent(points: float, out_of: float) -> str:
    return f"{round(100 * points / out_of)} %" if out_of else "—"


def sessions(attempts: list[dict]) -> list[dict]:
    """One row per session: trainee, group, start, scenarios done, points, out of."""
    rows: dict[int, dict] = {}
    for a in attempts:
        row = rows.setdefault(a["session"], {"session": a["session"], "trainee": a["trainee"], "group": a["group"],
                                             "started": a["started"], "scenarios": 0, "points": 0.0, "out_of": 0.0})
        row["scenarios"] += 1
        row["points"] += a["points"]
        row["out_of"] += a["out_of"]
    return list(rows.values())


def by_family(attempts: list[dict]) -> dict[str | None, dict[str, tuple[float, float]]]:
    """trainee -> family -> (points, out of); the key None holds the whole selection."""
    table: dict = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for a in attempts:
        for who in (a["trainee"], None):
            cell = table[who][a["family"]]
            cell[0] += a["points"]
            cell[1] += a["out_of"]
    return {who: {family: (cell[0], cell[1]) for family, cell in families.items()} for who, families in table.items()}


def format_summary(attempts: list[dict]) -> str:
    if not attempts:
        return _("Aucune séance de formation enregistrée pour cette sélection.")
    lines = [_("Séances"), ""]
    for s in sessions(attempts):
        lines.append(_("{started}  {trainee} ({group}) : scénarios {count}, {points} / {out_of} points, "
                       "{percent}").format(
            started=s["started"].replace("T", " ")[:16], trainee=s["trainee"] or _("anonyme"),
            group=s["group"] or "—", count=s["scenarios"], points=_number(s["points"]), out_of=_number(s["out_of"]),
            percent=_percent(s["points"], s["out_of"])))
    table = by_family(attempts)
    rows = [(who or _("anonyme"), table[who]) for who in sorted(w for w in table if w is not None)]
    rows.append((_("Ensemble"), table[None]))
    width = max(len(label) for label, _families in rows)
    lines += ["", _("Score par famille de règles"), "",
              f"{'':<{width}}  " + "  ".join(f"{f:>9}" for f in (*FAMILIES, _("total")))]
    for label, families in rows:
        cells = [_percent(*families[f]) if f in families else "—" for f in FAMILIES]
        cells.append(_percent(sum(p for p, _o in families.values()), sum(o for _p, o in families.values())))
        lines.append(f"{label:<{width}}  " + "  ".join(f"{c:>9}" for c in cells))
    return "\n".join(lines)


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")
