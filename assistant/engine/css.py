"""Complémentaire santé solidaire: needs PUMa; free or with participation; effective dates.

A CSS never starts before the PUMa it rests on, before the arrival in France, nor on a day a
previous CSS covered (seed 000 Annexe 2: "La complémentaire santé ne pourra être antérieure à la
date de début des droits PUMa"). While PUMa rights are maintained after the loss of the right
to stay, only a CSS held then can be renewed, within that limit (seed 003 § I).
"""

from __future__ import annotations

from datetime import date

from assistant.dates import add_days, add_months, age_on, first_of_month
from assistant.engine.benefits import presumed_css
from assistant.engine.ceilings import resource_band, say_under_free
from assistant.engine.context import Context, Outcome


AUTOMATIC_RENEWAL = {"rsa", "aspa"}  # seed 003 § I; BENEFITS.md says the same of the ASPA


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
    maint = ctx.maintenance  # maintained PUMa rights, current and sure to exist (or sure to end)
    if maint is not None and (maint.ended or (puma.status != "open" and maint.until is not None)):
        maint = None
    held_until = ctx.get("coverage.css_until")
    held = ctx.get("coverage.complementary") == "css"
    if held and (held_until is None or held_until >= ctx.app):
        _open(ctx, o, held_until, maint)
        return o
    previous = held_until if held else None  # a CSS that has ended: no day covered twice
    if maint is not None and (previous is None or previous < maint.lost_on):
        _no_new_css(ctx, o, maint)
        return o
    if puma.status == "to_check" and maint is None:
        o.need(*puma.missing)
    if ctx.get("person.minor_status") == "unaccompanied_ase" and puma.status == "eligible":
        o.status, o.participation_monthly = "eligible", 0
        ctx.say(o, "puma.minor_ase")
        _effective_date(ctx, o, puma, previous)
        return o
    kind = _kind(ctx, o, puma)
    if kind is None:
        return o
    if kind == "over":
        return o
    if ctx.get("coverage.complementary") == "private":
        ctx.say(o, "css.private_contract")
    if puma.status == "not_yet":
        o.status, o.eligible_from = "not_yet", puma.eligible_from
        ctx.say(o, "css.needs_puma")
    else:
        o.status = "eligible"
        if maint is not None:  # renewal of the CSS held when the right to stay was lost
            o.until = maint.until
            _say_maintenance(ctx, o, maint, "css.renewal_during_maintenance")
        _effective_date(ctx, o, puma, previous)
    if kind == "participation":
        o.participation_monthly = _participation(ctx, o)
    return o


def _kind(ctx: Context, o: Outcome, puma: Outcome) -> str | None:
    """"free", "participation" or "over", saying why, from a benefit that decides it or the
    resources; None (status to_check, what is missing recorded) when neither decides."""
    presumed, unsure = presumed_css(ctx, o)
    amount = ctx.get("resources.annual")
    if presumed == "free":
        kind = "free"
    elif presumed == "participation":
        # The presumption spares the resources statement; resources under the free ceiling
        # still give the free CSS.
        r = resource_band(ctx, Outcome("css"), ctx.app)
        if r is not None and r.kind == "free":
            say_under_free(ctx, o, r, amount, ctx.app, "css.free", "css.free_any_household")
            kind = "free"
        else:
            ctx.say(o, "css.benefit_free_if_under")
            kind = "participation"
    else:
        r = resource_band(ctx, o, ctx.app)
        if r is not None and unsure and r.kind not in ("free", "participation"):
            o.need(*unsure)  # over the ceilings: whether a presumption applies decides
        elif r is None:
            o.need(*unsure)
        kind = None if r is None else r.kind
    if kind is None or o.missing:
        o.status = "to_check"
        if puma.status == "to_check":
            ctx.say(o, "css.needs_puma")
        return None
    if presumed is None and kind == "over":
        o.status, o.block = "not_eligible", "resources"
        ctx.say(o, "css.over_ceiling", amount=amount, persons=r.persons, ceiling2=r.participation.shown)
    elif presumed is None and kind == "free":
        say_under_free(ctx, o, r, amount, ctx.app, "css.free", "css.free_any_household")
    elif presumed is None:
        ctx.say(o, "css.contributive", amount=amount, persons=r.persons, ceiling=r.free.shown,
                ceiling2=r.participation.shown)
    if kind == "free":
        o.participation_monthly = 0
    return kind


def _say_maintenance(ctx: Context, o: Outcome, maint, item: str) -> None:
    if maint.until is None:
        ctx.say(o, item + "_oqtf_unknown", short_end=maint.short_end, long_end=maint.long_end)
    else:
        ctx.say(o, item, puma_until=maint.until)


def _no_new_css(ctx: Context, o: Outcome, maint) -> None:
    """Maintained PUMa rights: no new CSS; say what the maintenance covers and until when."""
    o.status, o.block = "not_eligible", "maintenance"
    _say_maintenance(ctx, o, maint, "css.no_new_during_maintenance")


def _open(ctx: Context, o: Outcome, until: date | None, maint) -> None:
    o.status, o.until = "open", until
    if maint is not None and maint.until is not None and (until is None or until > maint.until):
        o.until, o.block = maint.until, "capped"  # no CSS without PUMa: it ends with the maintained rights
        if until is None:
            ctx.say(o, "css.open_capped_no_end", until=maint.until)
        else:
            ctx.say(o, "css.open_capped", css_until=until, until=maint.until)
        return
    if until is None:
        ctx.say(o, "css.open_no_end")
        o.need("coverage.css_until")
    else:
        ctx.say(o, "css.open", until=until)
    if maint is not None:
        _say_maintenance(ctx, o, maint, "css.during_maintenance")
    if set(ctx.get("resources.benefits") or ()) & AUTOMATIC_RENEWAL:
        ctx.say(o, "css.renewal_automatic")
    elif until is not None:
        ctx.say(o, "css.renewal_window_months",
                window_from=add_months(until, -ctx.value("css.renewal_window_months")))


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


def _effective_date(ctx: Context, o: Outcome, puma: Outcome, previous: date | None) -> None:
    """Hospital retroactivity, urgent care, or the month after the decision; never before the
    PUMa it rests on, the arrival in France, or the day after a previous CSS."""
    candidates = []
    admission, discharge = ctx.get("care.hospital_admission"), ctx.get("care.hospital_discharge")
    if admission is not None and admission <= ctx.app:
        retro = ctx.value("css.hospital_retro")
        limit = add_months(admission, retro["after_admission_months"])
        if discharge is not None:
            limit = min(limit, add_months(discharge, retro["after_discharge_months"]))
        if ctx.app <= limit:
            candidates.append(first_of_month(admission))
            ctx.say(o, "css.hospital_retro", admission=admission, month_start=first_of_month(admission))
            ctx.marks["css_hospital_limit"] = limit
        else:
            ctx.say(o, "css.hospital_too_late", admission=admission, limit=limit)
    if ctx.get("care.urgent_need"):
        candidates.append(first_of_month(ctx.app))
        ctx.say(o, "css.effective_urgent", month_start=first_of_month(ctx.app))
    if not candidates:
        ctx.say(o, "css.effective_default")
        return
    start = min(candidates)
    arrival = ctx.get("person.arrival_date")
    floors = []  # (first day the CSS may cover, the reason that says why)
    if previous is not None:
        floors.append((add_days(previous, 1), "css.not_before_previous"))
    if puma.status == "open":
        since = ctx.get("coverage.puma_since")
        if since is not None:
            floors.append((since, "css.not_before_puma"))
        elif previous is None:  # (with a previous CSS, the PUMa was already open under it)
            o.need("coverage.puma_since")
            ctx.say(o, "css.start_needs_puma_since", month_start=start)
            return
    elif puma.effective_date is not None:
        floors.append((puma.effective_date, "css.not_before_puma"))
    else:  # affiliation on activity: the PUMa starts with the activity, a date we are not given
        earliest = max(start, arrival) if arrival else start
        ctx.say(o, "css.start_with_activity", earliest=earliest)
        return
    if arrival is not None:
        floors.append((arrival, "css.not_before_arrival"))
    floor, item = max(floors, key=lambda f: f[0])
    if floor > start:
        start = floor
        if item == "css.not_before_previous":
            ctx.say(o, item, prior_until=previous, start=start)
        else:
            ctx.say(o, item, start=start)
    o.effective_date = start
