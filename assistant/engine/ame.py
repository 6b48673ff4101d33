"""Aide médicale de l'État: irregular stay for more than 3 months, resources, retroactivity."""

from __future__ import annotations

from datetime import date

from assistant.dates import add_days, add_months, period_end
from assistant.engine.ceilings import resource_band
from assistant.engine.context import Context, Outcome


def assess(ctx: Context, puma: Outcome) -> Outcome:
    o = Outcome("ame")
    ctx.outcomes["ame"] = o
    renewal = False
    if ctx.get("coverage.ame") == "open" and ctx.nationality != "french":  # no AME for a French national
        until = ctx.get("coverage.ame_until")
        if until is None or until >= ctx.app:
            _open(ctx, o, until)
            return o
        renewal = True  # rights ended: a new request, but not a first one
    if ctx.is_minor:
        _minor(ctx, o, puma)
    else:
        _adult(ctx, o, puma)
    if o.status == "eligible":
        _granted(ctx, o, renewal)
    return o


def _open(ctx: Context, o: Outcome, until: date | None) -> None:
    o.status, o.until = "open", until
    ctx.say(o, "ame.open", until=f" jusqu'au {until:%d/%m/%Y}" if until else "")
    if ctx.right_to_stay in ("yes", "asylum_seeker"):
        o.block = "regularised"  # no renewal: PUMa and CSS take over
        ctx.say(o, "ame.regularised")
        return
    if until is None:
        o.need("coverage.ame_until")
    else:
        ctx.say(o, "ame.renewal_window_months", date=add_months(until, -ctx.value("ame.renewal_window_months")))


def _minor(ctx: Context, o: Outcome, puma: Outcome) -> None:
    status = ctx.get("person.minor_status")
    if status == "unaccompanied_under_evaluation":
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "ame.minor_evaluation")
    elif status == "with_parents" and ctx.get("person.parents_right_to_stay") == "no":
        o.status, o.effective_date = "eligible", ctx.app
        ctx.say(o, "ame.minor")
    elif puma.status == "to_check":
        o.status = "to_check"
        o.need(*puma.missing)
    else:
        o.status, o.block = "not_eligible", "regular"
        ctx.say(o, "ame.regular_stay")


def _adult(ctx: Context, o: Outcome, puma: Outcome) -> None:
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
    _irregular(ctx, o)
    if ctx.is_minor is None and o.status in ("not_yet", "not_eligible", "to_check"):
        o.need("person.age")  # a minor of irregular parents needs neither 3 months nor resources
        o.status = "to_check"


def _irregular(ctx: Context, o: Outcome) -> None:
    ref = ctx.app
    maint = ctx.maintenance
    if maint is not None:
        puma = ctx.outcomes["puma"]
        if maint.until is None:
            o.status = "to_check"
            o.need(*puma.missing)
            return
        ref = add_days(maint.until, 1)  # no overlap: AME starts the day after
        filing_from = add_days(maint.until, -ctx.value("ame.after_puma_maintenance"))
        ctx.say(o, "ame.after_puma_maintenance", until=maint.until, date=filing_from, **{"from": ref})
        ctx.marks["ame_filing_from"] = filing_from
        if ctx.app < filing_from:
            o.status, o.eligible_from, o.block = "not_yet", filing_from, "maintenance"
            return
        # Seed 003: filing 45 days ahead is there "pour éviter une rupture des droits": the AME
        # takes over the day after the maintained PUMa, without a further 3-month wait.
        if _check_resources(ctx, o, ref):
            o.status, o.effective_date = "eligible", ref
        return
    start = _irregular_start(ctx, o)
    if start is None:
        o.status = "to_check"
        return
    condition_from = ctx.three_months_after(start, "ame.min_irregular")
    ctx.marks["ame_condition_from"] = condition_from
    if ref < condition_from:
        o.status, o.eligible_from, o.block = "not_yet", condition_from, "three_months"
        ctx.say(o, "ame.not_yet_3_months", date=ref, **{"from": condition_from})
        _check_resources(ctx, o, ref, keep_status=True)
        return
    arrival = ctx.get("person.arrival_date")
    ctx.say(o, "ame.min_irregular", arrival=arrival or start, irregular=start, date=ref)
    if _check_resources(ctx, o, ref):
        o.status, o.effective_date = "eligible", ref


def _irregular_start(ctx: Context, o: Outcome) -> date | None:
    """Start of the presence that counts: the later of arrival and the first irregular day."""
    f = ctx.get
    irregular = f("person.irregular_since")
    if irregular is None and ctx.eu_irregular_since is not None:
        irregular = ctx.eu_irregular_since
        ctx.say(o, "ame.eu_inactive", date=irregular)
    lost = [d for d in (f("person.permit_expired_on"), f("person.asylum_ended_on")) if d]
    if irregular is None and lost:
        irregular = add_days(max(lost), 1)
    if irregular is None:
        o.need("person.irregular_since")
        return None
    arrival = f("person.arrival_date")
    return max(irregular, arrival) if arrival else irregular


def _check_resources(ctx: Context, o: Outcome, when: date, keep_status: bool = False) -> bool:
    r = resource_band(ctx, o, when)
    if r is None:
        if not keep_status:
            o.status = "to_check"
        return False
    kind, free, _, persons = r
    amount = ctx.get("resources.annual")
    if kind != "free":
        o.status, o.block, o.eligible_from = "not_eligible", "resources", None
        ctx.say(o, "ame.resources_over", amount=amount, persons=persons, ceiling=free, date=when)
        return False
    ctx.say(o, "ame.resources_ok", amount=amount, persons=persons, ceiling=free, date=when)
    return True


def _granted(ctx: Context, o: Outcome, renewal: bool) -> None:
    filing = o.effective_date
    if ctx.maintenance is None:
        _retroactivity(ctx, o)
    else:
        ctx.say(o, "ame.no_overlap")
    o.until = period_end(filing, ctx.value("ame.duration_months"))
    if o.effective_date == filing:
        ctx.say(o, "ame.effective_filing", date=filing)
    ctx.say(o, "ame.duration_months", until=o.until)
    if not renewal and not ctx.is_minor:
        end = period_end(o.effective_date, ctx.value("ame.waiting_period_months"))
        ctx.say(o, "ame.waiting_period_months", date=end)
        ctx.marks["ame_waiting_end"] = end
    if not renewal and ctx.get("coverage.ame") != "open":
        ctx.say(o, "ame.first_request_deposit")


def _retroactivity(ctx: Context, o: Outcome) -> None:
    """Rights from the admission or care date when filed in time and eligible then."""
    window = ctx.value("ame.retro_window")
    condition_from = ctx.marks.get("ame_condition_from")
    admission, discharge = ctx.get("care.hospital_admission"), ctx.get("care.hospital_discharge")
    care = ctx.get("care.care_date")
    candidates = []
    if admission is not None and admission < ctx.app:
        anchor = admission if window["from"] == "admission" else discharge
        candidates.append((admission, anchor))
    if care is not None and care < ctx.app:
        candidates.append((care, care))
    best = None
    for day, anchor in sorted(candidates, key=lambda c: c[0]):  # anchor may be None (still in hospital)
        limit = None if anchor is None else _window_end(anchor, window)
        if limit is not None and ctx.app > limit:
            ctx.say(o, "ame.retro_too_late", care=day, limit=limit)
            continue
        if condition_from is not None and day < condition_from:
            ctx.say(o, "ame.retro_conditions_not_met", care=day)
            continue
        best = best or day
        ctx.marks["ame_retro_limit"] = limit
        ctx.say(o, "ame.retro_window", care=day, limit=limit or _open_limit(window))
    if best is not None:
        o.effective_date = best


def _window_end(anchor: date, window: dict) -> date:
    if "days" in window:
        return add_days(anchor, window["days"])
    return add_months(anchor, window["months"])


def _open_limit(window: dict) -> str:
    """Still in hospital: the filing limit runs from a discharge that has not happened yet."""
    return f"{window['days']} jours après la sortie" if "days" in window else f"{window['months']} mois"
