"""PUMa: basic coverage by activity or by stable and regular residence (seeds 000, 002, 003)."""

from __future__ import annotations

from datetime import date

from assistant.dates import add_days, add_months
from assistant.engine.ceilings import resource_band
from assistant.engine.context import Context, Outcome

WORKING = ("employed", "self_employed")


class Maintenance:
    """PUMa rights kept after the right to stay was lost (6 months, 2 after a final OQTF).

    Kept on the context even once ended: the AME that follows never overlaps these days.
    """

    __slots__ = ("lost_on", "until", "asylum", "short_end", "long_end", "ended")

    def __init__(self, lost_on: date, until: date | None, asylum: bool, short_end: date, long_end: date,
                 ended: bool):
        self.lost_on = lost_on
        self.until = until  # None: depends on whether an OQTF is final (unknown)
        self.asylum = asylum
        self.short_end, self.long_end = short_end, long_end  # the end with and without a final OQTF
        self.ended = ended


def maintenance(ctx: Context) -> Maintenance | None:
    expired, asylum_end = ctx.get("person.permit_expired_on"), ctx.get("person.asylum_ended_on")
    irregular = ctx.get("person.irregular_since")
    if not (expired or asylum_end) and irregular and ctx.get("coverage.puma") == "open":
        expired = add_days(irregular, -1)  # the right to stay ended the day before
    if ctx.right_to_stay in ("yes", "asylum_seeker") or not (expired or asylum_end):
        return None
    lost = max(d for d in (expired, asylum_end) if d)
    months = ctx.value("puma.maintenance")
    short, long = add_months(lost, months["oqtf_final"]), add_months(lost, months["general"])
    oqtf = ctx.get("person.oqtf_final")
    # With an unknown OQTF the end is 2 or 6 months away: `until` stays None until asked.
    until = None if oqtf is None else (short if oqtf else long)
    return Maintenance(lost, until, asylum_end == lost, short, long, ctx.app > (until or long))


def assess(ctx: Context) -> Outcome:
    o = Outcome("puma")
    ctx.outcomes["puma"] = o
    maint = maintenance(ctx)
    if maint is not None and (insured(ctx) or ctx.get("coverage.puma") is None):
        ctx.maintenance = maint  # the AME and the CSS follow these rights without overlap
        if not maint.ended:
            _maintained(ctx, o, maint)
            return o
        if maint.until is None:
            ctx.say(o, "puma.maintenance_ended_oqtf_unknown", lost=maint.lost_on, short_end=maint.short_end,
                    long_end=maint.long_end)
        else:
            ctx.say(o, "puma.maintenance_ended", lost=maint.lost_on, puma_end=maint.until)
    elif insured(ctx):
        o.status = "open"
        since = ctx.get("coverage.puma_since")
        if since:
            ctx.say(o, "puma.open", since=since)
        else:
            ctx.say(o, "puma.open_no_date")
        return o
    if ctx.is_minor:
        _minor(ctx, o)
    elif ctx.is_minor is None and not ctx.known("person.minor_status"):
        _adult(ctx, o)
        working = ctx.get("person.activity") in WORKING  # minors who work are affiliated too
        if o.status in ("eligible", "not_yet", "to_check") and ctx.nationality != "french" and not working:
            o.need("person.age")
            if o.status != "to_check":
                o.status = "to_check"
    else:
        _adult(ctx, o)
    if o.status == "eligible":
        ctx.say(o, "puma.no_retroactivity")
        ctx.say(o, "puma.carte_vitale_days", days=ctx.value("puma.carte_vitale_days"))
    return o


def _maintained(ctx: Context, o: Outcome, maint: Maintenance) -> None:
    """Rights maintained after losing the right to stay (open, or to check when unsure)."""
    months = ctx.value("puma.maintenance")
    sure = insured(ctx) and (maint.until is not None or ctx.app <= maint.short_end)
    o.status = "open" if sure else "to_check"
    if not insured(ctx):
        o.need("coverage.puma")
    if maint.until is None:
        o.need("person.oqtf_final")
        ctx.say(o, "puma.maintenance_oqtf_unknown", lost=maint.lost_on, short_end=maint.short_end,
                long_end=maint.long_end)
    elif not sure:
        ctx.say(o, "puma.maintenance_if_insured", lost=maint.lost_on, maintained_until=maint.until)
    else:
        o.until = maint.until
        used = months["oqtf_final"] if ctx.get("person.oqtf_final") else months["general"]
        item = "puma.maintenance_after_asylum" if maint.asylum else "puma.maintenance"
        ctx.say(o, item, lost=maint.lost_on, months=used, until=maint.until)


def insured(ctx: Context) -> bool:
    """PUMa said to be open, or insured under the general scheme (which implies it)."""
    return ctx.get("coverage.puma") == "open" or (
        ctx.get("coverage.puma") is None and ctx.get("coverage.regime_general") is True)


def _minor(ctx: Context, o: Outcome) -> None:
    status = ctx.get("person.minor_status")
    if ctx.nationality == "french" or status == "unaccompanied_ase":
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "puma.minor_ase" if status == "unaccompanied_ase" else "puma.minor_with_parents")
        return
    if status == "unaccompanied_under_evaluation":
        o.status, o.block = "not_eligible", "minor_evaluation"
        ctx.say(o, "puma.minor_evaluation")
        return
    if status is None:
        if ctx.right_to_stay == "asylum_seeker":
            o.status, o.effective_date = "eligible", ctx.app
            ctx.say(o, "puma.exempt_minor_asylum", filed=ctx.app)
            return
        o.status = "to_check"
        if not ctx.known("person.nationality"):
            o.need("person.nationality")
        o.need("person.minor_status")
        return
    parents = ctx.get("person.parents_right_to_stay")
    if parents in ("yes", "asylum_seeker"):
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "puma.minor_with_parents")
    elif not _refused_stay(ctx, o, parents, "puma.minor_parents_irregular"):
        o.status = "to_check"
        o.need("person.parents_right_to_stay")


def _refused_stay(ctx: Context, o: Outcome, stay: str | None, irregular_item: str) -> bool:
    """No right to stay, or a short-stay visa: no PUMa. True when that decided the outcome."""
    if stay == "no":
        o.status, o.block = "not_eligible", "irregular"
        ctx.say(o, irregular_item)
    elif stay == "short_stay_visa":
        o.status, o.block = "not_eligible", "visa"
        ctx.say(o, "puma.visa")
    else:
        return False
    return True


def _adult(ctx: Context, o: Outcome) -> None:
    activity = ctx.get("person.activity")
    nationality, stay = ctx.nationality, ctx.right_to_stay
    if activity == "posted_worker" and stay != "no":  # covered by the employer's country
        o.status, o.block = "not_eligible", "posted"
        ctx.say(o, "puma.eu_posted")
        return
    if nationality == "eu" and stay is None:
        _eu(ctx, o)
        return
    if stay is None:
        o.status = "to_check"
        if nationality is None:
            o.need("person.nationality")
        o.need("person.right_to_stay")
        return
    if _refused_stay(ctx, o, stay, "puma.irregular"):
        return
    if stay == "asylum_seeker" and activity not in WORKING:
        _asylum_seeker(ctx, o)
    else:
        _regular(ctx, o)


def _asylum_seeker(ctx: Context, o: Outcome) -> None:
    arrival = ctx.get("person.arrival_date")
    if arrival is None:
        o.status = "to_check"
        o.need("person.arrival_date")
        return
    start = ctx.marks["puma_condition_from"] = ctx.three_months_after(arrival)
    if ctx.app >= start:
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "puma.residence", arrival=arrival, filed=ctx.app)
    else:
        o.status, o.eligible_from, o.block = "not_yet", start, "asylum_wait"
        ctx.say(o, "puma.asylum_wait", arrival=arrival, eligible_from=start)


def _regular(ctx: Context, o: Outcome) -> None:
    activity = ctx.get("person.activity")
    if activity in WORKING:
        o.status = "eligible"  # rights from the first hour worked: the date is the activity's
        ctx.say(o, "puma.eu_worker" if ctx.nationality == "eu" else "puma.activity")
        return
    if activity == "student":
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "puma.exempt_student", filed=ctx.app)
        return
    if ctx.get("person.family_reunification") and ctx.nationality != "french":
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "puma.exempt_family", filed=ctx.app)
        return
    arrival = ctx.get("person.arrival_date")
    if arrival is None:
        o.status = "to_check"
        if activity is None:  # asked first: an activity opens rights whatever the arrival date
            o.need("person.activity")
        o.need("person.arrival_date")
        return
    start = ctx.marks["puma_condition_from"] = ctx.three_months_after(arrival)
    if ctx.app >= start:
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "puma.residence", arrival=arrival, filed=ctx.app)
        return
    # Not three months yet: an activity, studies or family reunification would open rights now.
    pending = [] if activity is not None else ["person.activity"]
    if ctx.nationality != "french" and ctx.get("person.family_reunification") is None:
        pending.append("person.family_reunification")
    if pending:
        o.status = "to_check"
        o.need(*pending)
    else:
        o.status, o.block = "not_yet", "residence"
    o.eligible_from = start
    ctx.say(o, "puma.residence_not_yet", arrival=arrival, condition_from=start)


def _eu(ctx: Context, o: Outcome) -> None:
    """EU/EEA/Swiss citizen whose right to stay is not stated: derive it (seed 003 § I)."""
    activity = ctx.get("person.activity")
    if activity in WORKING:
        _regular(ctx, o)
        return
    abroad = ctx.get("person.eu_rights_abroad")
    if abroad:
        o.status, o.block = "not_eligible", "rights_abroad"
        ctx.say(o, "puma.eu_rights_abroad")
        return
    pending = [p for p, v in (("person.activity", activity), ("person.eu_rights_abroad", abroad)) if v is None]
    if activity == "student" and abroad is False:
        _regular(ctx, o)
        return
    arrival = ctx.get("person.arrival_date")
    if arrival is None:
        pending.append("person.arrival_date")
    if pending:
        o.status = "to_check"
        o.need(*pending)
        return
    start = ctx.marks["puma_condition_from"] = ctx.three_months_after(arrival)
    r = resource_band(ctx, o, max(ctx.app, start), free_only=True)
    if r is None:
        o.status = "to_check"
        return
    amount = ctx.get("resources.annual")
    if r.kind == "free":  # at most the AME ceiling: not "sufficient resources"
        o.status, o.block = "not_eligible", "eu_insufficient"
        # "au-delà de 90 jours ... considérée comme irrégulière et peut bénéficier de l'AME": the
        # AME's "more than 3 months" of presence count from the arrival, so the AME is possible
        # the day after free movement ends.
        ame_from = ctx.three_months_after(arrival, "ame.min_irregular")
        ctx.say(o, "puma.eu_free_movement", free_until=add_days(ame_from, -1))
        ctx.say(o, "puma.eu_inactive_insufficient", amount=amount, ceiling=r.free.shown, condition_from=ame_from)
        ctx.eu_irregular_since = arrival
        return
    if ctx.app >= start:
        o.status, o.effective_date = "eligible", ctx.app
    else:
        o.status, o.eligible_from, o.block = "not_yet", start, "residence"
    ctx.say(o, "puma.eu_inactive_sufficient", amount=amount, ceiling=r.free.shown)
