"""Aide médicale de l'État: irregular stay for more than 3 months, resources, retroactivity.

No day is covered twice: the AME follows maintained PUMa rights (seed 003: "ne peut intervenir
qu'à l'expiration des droits de base"; seed 002: "impossibilité de chevauchement entre les
droits") and a previous AME, and its retroactivity never reaches into the days they covered.
"""

from __future__ import annotations

from datetime import date

from assistant.dates import add_days, add_months, period_end
from assistant.engine.ceilings import resource_band, say_under_free
from assistant.engine.context import Context, Outcome


def assess(ctx: Context, puma: Outcome) -> Outcome:
    o = Outcome("ame")
    ctx.outcomes["ame"] = o
    previous = None  # last day of an AME that has ended: this request renews it
    if ctx.get("coverage.ame") == "open" and ctx.nationality != "french":  # no AME for a French national
        until = ctx.get("coverage.ame_until")
        if until is None or until >= ctx.app:
            _open(ctx, o, until)
            return o
        previous = until
    if ctx.is_minor:
        _minor(ctx, o, puma)
    else:
        _adult(ctx, o, puma, previous)
    if o.status == "eligible":
        _granted(ctx, o, previous)
    return o


def _open(ctx: Context, o: Outcome, until: date | None) -> None:
    o.status, o.until = "open", until
    if until is None:
        ctx.say(o, "ame.open_no_end")
    else:
        ctx.say(o, "ame.open", until=until)
    if ctx.right_to_stay in ("yes", "asylum_seeker"):
        o.block = "regularised"  # no renewal: PUMa and CSS take over
        ctx.say(o, "ame.regularised")
        return
    if until is None:
        o.need("coverage.ame_until")
    else:
        ctx.say(o, "ame.renewal_window_months",
                window_from=add_months(until, -ctx.value("ame.renewal_window_months")))


def _minor(ctx: Context, o: Outcome, puma: Outcome) -> None:
    status = ctx.get("person.minor_status")
    parents = ctx.get("person.parents_right_to_stay")
    maint = ctx.maintenance
    if ctx.nationality == "french":  # a French child has the PUMa, whatever the parents' stay
        o.status, o.block = "not_eligible", "national"
        ctx.say(o, "ame.national")
    elif maint is not None and not maint.ended and (status == "unaccompanied_under_evaluation" or parents == "no"):
        _during_maintenance(ctx, o, resources=False)  # the AME follows the maintained PUMa
    elif puma.status == "open":
        o.status, o.block = "not_eligible", "puma_open"
        ctx.say(o, "ame.puma_open")
    elif status == "unaccompanied_under_evaluation":
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "ame.minor_evaluation")
    elif status == "with_parents" and parents == "no":
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "ame.minor")
    elif status == "with_parents" and parents == "short_stay_visa":
        o.status, o.block = "not_eligible", "visa"
        ctx.say(o, "ame.visa_parents")
    elif puma.status == "to_check":
        o.status = "to_check"
        o.need(*puma.missing)
    else:
        o.status, o.block = "not_eligible", "regular"
        ctx.say(o, "ame.regular_stay")


def _adult(ctx: Context, o: Outcome, puma: Outcome, previous: date | None) -> None:
    if ctx.nationality == "french":
        o.status, o.block = "not_eligible", "national"
        ctx.say(o, "ame.national")
        return
    stay = ctx.right_to_stay
    if ctx.eu_irregular_since is not None:
        stay = "no"
    if puma.status in ("open", "eligible", "not_yet") and ctx.maintenance is None and stay != "no":
        o.status, o.block = "not_eligible", "regular"
        ctx.say(o, "ame.regular_stay" if puma.block != "rights_abroad" else "puma.eu_rights_abroad")
        return
    if puma.block in ("posted", "rights_abroad"):
        o.status, o.block = "not_eligible", puma.block
        ctx.say(o, "puma.eu_posted" if puma.block == "posted" else "puma.eu_rights_abroad")
        return
    if stay in ("yes", "asylum_seeker"):
        o.status, o.block = "not_eligible", "regular"
        ctx.say(o, "ame.regular_stay")
        return
    if stay == "short_stay_visa":
        o.status, o.block = "not_eligible", "visa"
        ctx.say(o, "ame.visa")
        return
    if stay is None:
        o.status = "to_check"
        o.need(*(puma.missing or ["person.right_to_stay"]))
        return
    maint = ctx.maintenance
    if maint is not None and not maint.ended:
        _during_maintenance(ctx, o)
    else:
        _irregular(ctx, o, previous)
    if ctx.is_minor is None and o.status in ("not_yet", "not_eligible", "to_check"):
        o.need("person.age")  # a minor of irregular parents needs neither 3 months nor resources
        o.status = "to_check"


def _during_maintenance(ctx: Context, o: Outcome, resources: bool = True) -> None:
    """A request filed while PUMa rights are maintained: it takes effect the day after they end."""
    maint = ctx.maintenance
    puma = ctx.outcomes["puma"]
    if maint.until is None or puma.status == "to_check":  # its end (OQTF) or the PUMa itself to confirm
        o.status = "to_check"
        o.need(*puma.missing)
        return
    after = add_days(maint.until, 1)
    days = ctx.value("ame.after_puma_maintenance")
    filing_from = ctx.marks["ame_filing_from"] = add_days(maint.until, -days)
    if ctx.app < filing_from:
        o.status, o.eligible_from, o.block = "not_yet", filing_from, "maintenance"
        ctx.say(o, "ame.after_puma_maintenance_early", puma_until=maint.until, days=days,
                eligible_from=filing_from, after_puma=after)
        return
    # Seed 003: filing 45 days ahead is there "pour éviter une rupture des droits"; seed 002: the
    # caisse dates the request the day after the PUMa rights end. No further 3-month wait.
    ctx.say(o, "ame.after_puma_maintenance", puma_until=maint.until, days=days, filed=ctx.app, after_puma=after)
    if not resources or _check_resources(ctx, o, after):
        o.status, o.effective_date = "eligible", after


def _irregular(ctx: Context, o: Outcome, previous: date | None) -> None:
    maint = ctx.maintenance
    if maint is not None:  # ended: the AME covers days from the one after the maintained rights
        condition_from = add_days(maint.until or maint.short_end, 1)
        if maint.until is None:
            ctx.say(o, "ame.after_puma_maintenance_ended_oqtf_unknown", short_end=maint.short_end,
                    long_end=maint.long_end)
        else:
            ctx.say(o, "ame.after_puma_maintenance_ended", puma_end=maint.until, after_puma=condition_from)
    else:
        start = _irregular_start(ctx, o, ask=previous is None)
        if start is None and previous is None:
            o.status = "to_check"
            return
        if start is None:  # a renewal: the conditions were met when the previous AME was granted
            condition_from = add_days(previous, 1)
        else:
            condition_from = ctx.three_months_after(start, "ame.min_irregular")
            eu = ctx.eu_irregular_since is not None
            if eu:
                ctx.say(o, "ame.eu_inactive", arrival=start, free_until=add_days(condition_from, -1),
                        condition_from=condition_from)
            if ctx.app < condition_from:
                o.status, o.eligible_from, o.block = "not_yet", condition_from, "three_months"
                ctx.say(o, "ame.eu_not_yet" if eu else "ame.not_yet_3_months", filed=ctx.app,
                        eligible_from=condition_from)
                _check_resources(ctx, o, ctx.app, keep_status=True)
                return
            if not eu:
                ctx.say(o, "ame.min_irregular", arrival=ctx.get("person.arrival_date") or start, irregular=start,
                        filed=ctx.app)
    ctx.marks["ame_condition_from"] = condition_from
    if previous is not None:
        ctx.say(o, "ame.renewal_late", prior_until=previous, after_prior=add_days(previous, 1))
    if _check_resources(ctx, o, ctx.app):
        o.status, o.effective_date = "eligible", ctx.app


def _irregular_start(ctx: Context, o: Outcome, ask: bool = True) -> date | None:
    """Start of the presence that counts: the later of arrival and the first irregular day."""
    f = ctx.get
    irregular = f("person.irregular_since")
    if irregular is None and ctx.eu_irregular_since is not None:
        irregular = ctx.eu_irregular_since
    lost = [d for d in (f("person.permit_expired_on"), f("person.asylum_ended_on")) if d]
    if irregular is None and lost:
        irregular = add_days(max(lost), 1)
    if irregular is None:
        if ask:
            o.need("person.irregular_since")
        return None
    arrival = f("person.arrival_date")
    return max(irregular, arrival) if arrival else irregular


def _check_resources(ctx: Context, o: Outcome, when: date, keep_status: bool = False) -> bool:
    r = resource_band(ctx, o, when, free_only=True)
    if r is None:
        if not keep_status:
            o.status = "to_check"
        return False
    amount = ctx.get("resources.annual")
    if r.kind != "free":
        o.status, o.block, o.eligible_from = "not_eligible", "resources", None
        ctx.say(o, "ame.resources_over", amount=amount, persons=r.persons, ceiling=r.free.shown, on=when)
        return False
    say_under_free(ctx, o, r, amount, when, "ame.resources_ok", "ame.resources_ok_any_household")
    return True


def _granted(ctx: Context, o: Outcome, previous: date | None) -> None:
    filing = o.effective_date  # the filing date, or the one the caisse retains after maintained PUMa
    deemed = ctx.maintenance is not None and not ctx.maintenance.ended
    if not deemed:
        _retroactivity(ctx, o, previous)
    o.until = period_end(filing, ctx.value("ame.duration_months"))
    if deemed:
        ctx.say(o, "ame.duration_deemed", start=filing, until=o.until)
    else:
        if o.effective_date == filing:
            ctx.say(o, "ame.effective_filing", filed=filing)
        ctx.say(o, "ame.duration_months", filed=filing, until=o.until)
    if previous is None and not ctx.is_minor:
        end = period_end(o.effective_date, ctx.value("ame.waiting_period_months"))
        ctx.say(o, "ame.waiting_period_months", waiting_end=end)
        ctx.marks["ame_waiting_end"] = end
    if previous is None and ctx.get("coverage.ame") != "open":
        ctx.say(o, "ame.first_request_deposit")


def _floor(ctx: Context, previous: date | None) -> tuple[date | None, date | None]:
    """(first day the AME may cover, last day of the rights it follows), or (None, None)."""
    ends = []
    maint = ctx.maintenance
    if maint is not None:
        ends.append(maint.until or maint.long_end)
    if previous is not None:
        ends.append(previous)
    if not ends:
        return None, None
    prior_end = max(ends)
    return add_days(prior_end, 1), prior_end


def _retroactivity(ctx: Context, o: Outcome, previous: date | None) -> None:
    """Rights from the admission or care date when filed in time, eligible then, and not
    already covered by the rights this AME follows."""
    window = ctx.value("ame.retro_window")
    condition_from = ctx.marks.get("ame_condition_from")
    floor, prior_end = _floor(ctx, previous)
    maint = ctx.maintenance
    admission, discharge = ctx.get("care.hospital_admission"), ctx.get("care.hospital_discharge")
    care = ctx.get("care.care_date")
    candidates = []  # (first day, anchor of the filing window, last day of care or None if ongoing)
    if admission is not None and admission < ctx.app:
        anchor = admission if window["from"] == "admission" else discharge
        candidates.append((admission, anchor, discharge, True))
    if care is not None and care < ctx.app:
        candidates.append((care, care, care, False))
    for day, anchor, last, stay in sorted(candidates, key=lambda c: c[0]):
        start = day
        if floor is not None and day < floor:
            if maint is not None and maint.until is None and (last is None or last > maint.short_end):
                o.need("person.oqtf_final")  # covered by the maintained PUMa or not, depending on the OQTF
                continue
            if not stay or (last is not None and last < floor):
                covered_until = prior_end
                if maint is not None and maint.until is None:  # care over by the earlier end (else asked above)
                    covered_until = max(maint.short_end, previous or maint.short_end)
                ctx.say(o, "ame.retro_already_covered", care=day, prior_until=covered_until)
                continue
            start = floor  # a stay that goes on after the earlier rights end
        limit = None if anchor is None else _window_end(anchor, window)
        if limit is not None and ctx.app > limit:
            ctx.say(o, "ame.retro_too_late", care=day, limit=limit)
            continue
        if condition_from is not None and start < condition_from:
            ctx.say(o, "ame.retro_conditions_not_met", care=day)
            continue
        ctx.marks["ame_retro_limit"] = limit
        if start != day:
            item = "ame.retro_after_prior" if limit else "ame.retro_after_prior_in_hospital"
            ctx.say(o, item, admission=day, prior_until=prior_end, limit=limit, start=start,
                    days=window.get("days"))
        elif limit is None:
            ctx.say(o, "ame.retro_window_in_hospital", start=start, days=window["days"])
        else:
            ctx.say(o, "ame.retro_window", start=start, limit=limit)
        o.effective_date = start
        return


def _window_end(anchor: date, window: dict) -> date:
    if "days" in window:
        return add_days(anchor, window["days"])
    return add_months(anchor, window["months"])
