"""Resource ceilings of the CSS (free and with participation), also the AME ceiling, to the cent.

For each household size and territory a ceiling comes, in this order, from:
1. a published table (households of 1–4, then "each extra person");
2. the legal base with its decimals times the household coefficient (and the overseas
   majoration; × 1.35 for the CSS with participation), floored to the cent;
3. the published one-person figure, rounded to the euro: the legal base behind it lies within
   50 cents of it, so the ceiling is only known within a margin (coefficient × 0.50 €).
   Resources inside that margin cannot be placed: the outcome says so and is to check.

Everything is computed in integer cents: no float rounding at the limit.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from assistant.engine.context import Context


class Ceiling(NamedTuple):
    """A ceiling in cents: the legal value lies in [low, high]; low == high when it is exact."""

    low: int
    high: int

    @property
    def shown(self) -> float | int:
        """The figure to show: exact, or the one computed from the published rounded base."""
        cents = (self.low + self.high) // 2
        return cents // 100 if cents % 100 == 0 else cents / 100


class Band(NamedTuple):
    kind: str  # "free" | "participation" | "over" | "uncertain"
    free: Ceiling
    participation: Ceiling
    persons: int | None  # None: household not stated, and no household size changes the band


def _milli(ratio: float) -> int:
    return round(ratio * 1000)


def _cents(euros: float) -> int:
    return round(euros * 100)


def _coefficient(ctx: Context, persons: int, when: date) -> int:
    """Household coefficient in thousandths (1 person = 1000)."""
    coefs = ctx.value("css.household_coefficients", when)
    listed = coefs["persons"]
    factor = listed[persons - 1] if persons <= len(listed) else listed[-1] + coefs["extra"] * (persons - len(listed))
    return _milli(factor)


def _from_table(table: dict, kind: str, persons: int) -> int | None:
    values = table.get(kind) or []
    if persons <= len(values):
        return _cents(values[persons - 1])
    extra = table.get(f"{kind}_extra")
    if not values or extra is None:
        return None
    return _cents(values[-1] + extra * (persons - len(values)))


def ceilings(ctx: Context, persons: int, territory: str, when: date) -> tuple[Ceiling, Ceiling] | None:
    """(free-CSS/AME ceiling, CSS-with-participation ceiling) for the household, or None if unknown."""
    value = ctx.value("css.free_ceiling", when)
    if value is None:
        return None
    table = (value.get("table") or {}).get(territory) or {}
    coef = _coefficient(ctx, persons, when)
    overseas = _milli(1 + ctx.value("css.overseas_majoration", when)) if territory == "outre_mer" else 1000
    participation = _milli(ctx.value("css.participation_factor", when))
    if "base" in value:  # legal base with its decimals: exact to the cent
        low = high = _cents(value["base"])
    else:  # published one-person figure, rounded to the euro
        low, high = _cents(value["published_base"]) - 50, _cents(value["published_base"]) + 50
    scale = coef * overseas  # in millionths
    free = Ceiling(low * scale // 10**6, high * scale // 10**6)
    contributive = Ceiling(low * scale * participation // 10**9, high * scale * participation // 10**9)
    published = _from_table(table, "free", persons)
    if published is not None:
        free = Ceiling(published, published)
    published = _from_table(table, "participation", persons)
    if published is not None:
        contributive = Ceiling(published, published)
    return free, contributive


def band(ctx: Context, amount: float, persons: int, territory: str, when: date, free_only: bool = False) -> Band | None:
    """Where `amount` falls, or None if the ceilings are unknown. Resources equal to a ceiling
    are under it ("ne dépassent pas"). `free_only`: only the free (AME) ceiling decides, so
    anything above it is "participation"."""
    limits = ceilings(ctx, persons, territory, when)
    if limits is None:
        return None
    free, contributive = limits
    cents = _cents(amount)
    if cents <= free.low:
        kind = "free"
    elif free.high < cents and (free_only or cents <= contributive.low):
        kind = "participation"
    elif cents > contributive.high:
        kind = "over"
    else:
        kind = "uncertain"
    return Band(kind, free, contributive, persons)


def resource_band(ctx: Context, outcome, when: date, free_only: bool = False) -> Band | None:
    """The band for the situation's resources, asking only for the facts that change it.

    Unknown household size or territory are resolved when every possible value gives the same
    band (e.g. resources under the single-person ceiling are under every household's).
    `free_only`: only the free (AME) ceiling decides (AME, EU citizens' sufficient resources).
    Returns None after recording what is missing (or why the ceiling cannot decide).
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
        r = band(ctx, amount, persons or 1, t, when, free_only)
        if r is None:
            label = ctx.kb.label("css.free_ceiling")
            ctx.warnings.append(ctx.text("warning.unknown_figure", when, label=label, date=when))
            ctx.say(outcome, "warning.unknown_figure", when, label=label, date=when)
            return None
        results.append(r)
    needs = []
    if persons is None and results[0].kind != "free":
        needs.append("resources.household_size")
    if len({r.kind for r in results}) > 1:
        needs.append("resources.territory")
    if needs:
        outcome.need(*needs)
        return None
    found = results[0] if persons is not None else results[0]._replace(persons=None)
    if found.kind == "uncertain":
        cents = _cents(amount)
        near = found.free if found.free.low < cents <= found.free.high else found.participation
        ctx.say(outcome, "css.ceiling_margin", when, amount=amount, persons=found.persons,
                low=near.low / 100, high=near.high / 100)
        return None
    return found


def say_under_free(ctx: Context, outcome, band: Band, amount: float, on: date, key: str, any_household: str) -> None:
    """Say that `amount` is under the free ceiling: `key` names the household's size; `any_household`,
    for a household not stated, says that the one-person ceiling, the lowest, decides for every household."""
    if band.persons is None:
        ctx.say(outcome, any_household, amount=amount, ceiling=band.free.shown, on=on)
    else:
        ctx.say(outcome, key, amount=amount, persons=band.persons, ceiling=band.free.shown, on=on)
