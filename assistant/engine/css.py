"""Complémentaire santé solidaire: needs PUMa; free or with participation; effective dates."""

from __future__ import annotations

from datetime import date

from assistant.dates import add_months, age_on, first_of_month, fr
from assistant.engine.ceilings import resource_band
from assistant.engine.context import Context, Outcome


def assess(ctx: Context, puma: Outcome) -> Outcome:
    o = Outcome("css")
    ctx.outcomes["css"] = o
    if not ctx.value("css.exists"):
        o.status = "to_check"
        ctx.say(o, "css.exists")
        return o
    if puma.status == "not_eligible":  # a CSS said to be open cannot outlive the PUMa
        o.status, o.block = "not_eligible", "no_puma"
        ctx.say(o, "css.needs_puma")
        return o
    if ctx.get("coverage.complementary") == "css" and _open(ctx, o):
        return o
    if puma.status == "to_check" and not _puma_open_for_css(ctx, puma):
        o.need(*puma.missing)
    if ctx.get("person.minor_status") == "unaccompanied_ase" and puma.status == "eligible":
        o.status, o.participation_monthly = "eligible", 0
        ctx.say(o, "puma.minor_ase")
        _effective_date(ctx, o, puma)
        return o
    r = resource_band(ctx, o, ctx.app)
    if r is None or o.missing:
        o.status = "to_check"
        if puma.status == "to_check":
            ctx.say(o, "css.needs_puma")
        return o
    kind, free, participation, persons = r
    amount = ctx.get("resources.annual")
    if kind == "over":
        o.status, o.block = "not_eligible", "resources"
        ctx.say(o, "css.over_ceiling", amount=amount, persons=persons, ceiling2=participation)
        return o
    if kind == "free":
        ctx.say(o, "css.free", amount=amount, persons=persons, ceiling=free, date=ctx.app)
        o.participation_monthly = 0
    else:
        ctx.say(o, "css.contributive", amount=amount, persons=persons, ceiling=free, ceiling2=participation)
    if ctx.get("coverage.complementary") == "private":
        ctx.say(o, "css.private_contract")
    if puma.status == "not_yet":
        o.status, o.eligible_from = "not_yet", puma.eligible_from
        ctx.say(o, "css.needs_puma")
    else:
        o.status = "eligible"
        _effective_date(ctx, o, puma)
        if ctx.maintenance is not None and ctx.maintenance.until is not None:
            ctx.say(o, "css.during_maintenance", until=ctx.maintenance.until)
    if kind == "participation":
        o.participation_monthly = _participation(ctx, o)
    return o


def _puma_open_for_css(ctx: Context, puma: Outcome) -> bool:
    # Maintained PUMa whose exact end is still to check: the CSS can be assessed meanwhile.
    return puma.until is None and ctx.maintenance is not None and ctx.get("coverage.puma") == "open"


def _open(ctx: Context, o: Outcome) -> bool:
    until = ctx.get("coverage.css_until")
    if until is not None and until < ctx.app:
        return False  # ended: assess a new request
    o.status, o.until = "open", until
    ctx.say(o, "css.open", until=f" jusqu'au {fr(until)}" if until else "")
    if until is None:
        o.need("coverage.css_until")
    maintained_until = ctx.maintenance.until if ctx.maintenance is not None else None
    if maintained_until is not None:  # no CSS without PUMa: it ends with the maintained rights
        ctx.say(o, "css.during_maintenance", until=maintained_until)
        if until is None or until > maintained_until:
            o.until, o.block = maintained_until, "capped"
            return True
    if set(ctx.get("resources.benefits") or ()) & {"rsa", "aspa"}:
        ctx.say(o, "css.renewal_automatic")
    elif until is not None:
        ctx.say(o, "css.renewal_window_months", date=add_months(until, -ctx.value("css.renewal_window_months")))
    return True


def _participation(ctx: Context, o: Outcome) -> float | None:
    """Monthly amount by age on 1 January of the year the right is granted.

    Without an effective date fixed by the rules (urgent care, hospital stay), a contributive
    CSS starts the month after the request at the earliest (after the decision and the receipt
    of the payment means), so a December request is granted the next year.
    """
    bands = ctx.value("css.participation_monthly")
    birth = ctx.get("person.birth_date")
    granted = o.effective_date or max(add_months(first_of_month(ctx.app), 1), o.eligible_from or ctx.app)
    if birth is not None:
        age = age_on(birth, date(granted.year, 1, 1))
    else:
        age = ctx.age
        if age is None:
            o.need("person.birth_date")
            return None
        if _euros(bands, age) != _euros(bands, age - 1):
            ctx.warnings.append(ctx.text("warning.age_band_edge", age=age))
    amount = _euros(bands, age)
    ctx.say(o, "css.participation_monthly", age=age, amount=amount)
    return amount


def _euros(bands: list[dict], age: int) -> float:
    return next(b["euros"] for b in bands if age <= b["max_age"])


def _effective_date(ctx: Context, o: Outcome, puma: Outcome) -> None:
    """Hospital retroactivity, urgent care, or the month after the decision; never before PUMa."""
    candidates = []
    admission, discharge = ctx.get("care.hospital_admission"), ctx.get("care.hospital_discharge")
    if admission is not None and admission <= ctx.app:
        retro = ctx.value("css.hospital_retro")
        limit = add_months(admission, retro["after_admission_months"])
        if discharge is not None:
            limit = min(limit, add_months(discharge, retro["after_discharge_months"]))
        if ctx.app <= limit:
            candidates.append(first_of_month(admission))
            ctx.say(o, "css.hospital_retro", admission=admission, date=first_of_month(admission))
            ctx.marks["css_hospital_limit"] = limit
        else:
            ctx.say(o, "css.hospital_too_late", admission=admission, limit=limit)
    if ctx.get("care.urgent_need"):
        candidates.append(first_of_month(ctx.app))
        ctx.say(o, "css.effective_urgent", date=first_of_month(ctx.app))
    if not candidates:
        ctx.say(o, "css.effective_default")
        return
    start = min(candidates)
    puma_start = ctx.get("coverage.puma_since") if puma.status == "open" else puma.effective_date
    if puma_start is not None and puma_start > start:
        start = puma_start
        ctx.say(o, "css.not_before_puma", date=puma_start)
    o.effective_date = start
