"""Resource ceilings of the CSS (free and with participation), also the AME ceiling.

Published tables are used where the knowledge base has them (households of 1–4 and each extra
person); otherwise the single-person base is multiplied by the household coefficients and the
overseas majoration, rounded to the euro as the published tables are.
"""

from __future__ import annotations

from datetime import date

from assistant.engine.context import Context


def ceilings(ctx: Context, persons: int, territory: str, when: date) -> tuple[float, float] | None:
    """(free-CSS/AME ceiling, CSS-with-participation ceiling) for the household, or None if unknown."""
    value = ctx.value("css.free_ceiling", when)
    if value is None:
        return None
    table = (value.get("table") or {}).get(territory)
    if table:
        return _from_table(table, "free", persons), _from_table(table, "participation", persons)
    coefs = ctx.value("css.household_coefficients", when)
    factor = coefs["persons"][persons - 1] if persons <= len(coefs["persons"]) else (
        coefs["persons"][-1] + coefs["extra"] * (persons - len(coefs["persons"])))
    base = value["base"] * factor
    if territory == "outre_mer":
        base *= 1 + ctx.value("css.overseas_majoration", when)
    return _euro(base), _euro(base * ctx.value("css.participation_factor", when))


def _euro(amount: float) -> int:
    """Round half up to the euro, as the published tables do (not Python's half-to-even)."""
    return int(amount + 0.5)


def _from_table(table: dict, kind: str, persons: int) -> float:
    values = table[kind]
    if persons <= len(values):
        return values[persons - 1]
    return values[-1] + table[f"{kind}_extra"] * (persons - len(values))


def band(ctx: Context, amount: float, persons: int, territory: str, when: date):
    """'free' | 'participation' | 'over' and the two ceilings, or None if the ceilings are unknown."""
    limits = ceilings(ctx, persons, territory, when)
    if limits is None:
        return None
    free, participation = limits
    kind = "free" if amount <= free else "participation" if amount <= participation else "over"
    return kind, free, participation


def resource_band(ctx: Context, outcome, when: date):
    """The band for the situation's resources, asking only for the facts that change it.

    Unknown household size or territory are resolved when every possible value gives the same
    band (e.g. resources under the single-person ceiling are under every household's).
    Returns (band, free, participation, persons) or None after recording what is missing.
    """
    amount = ctx.get("resources.annual")
    if amount is None:
        outcome.need("resources.annual")
        return None
    persons = ctx.get("resources.household_size")
    territory = ctx.get("resources.territory")
    territories = [territory] if territory else ["metropole", "outre_mer"]
    results = []
    for t in territories:
        r = band(ctx, amount, persons or 1, t, when)
        if r is None:
            label = ctx.kb.label("css.free_ceiling")
            ctx.warnings.append(ctx.text("warning.unknown_figure", when, label=label, date=when))
            ctx.say(outcome, "warning.unknown_figure", when, label=label, date=when)
            return None
        results.append(r)
    needs = []
    if persons is None and results[0][0] != "free":
        needs.append("resources.household_size")
    if len({r[0] for r in results}) > 1:
        needs.append("resources.territory")
    if needs:
        outcome.need(*needs)
        return None
    kind, free, participation = results[0]
    return kind, free, participation, persons or 1
