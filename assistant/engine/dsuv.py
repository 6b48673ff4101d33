"""Soins urgents et vitaux (DSUV): the hospital stay of a foreign person who could have neither
the PUMa nor the AME when admitted (seed 003 § I DSUV and Q/R, seed 002 on asylum seekers and
minors, seed 000 example 2). Everyone else is covered, or coverable, by those rights."""

from __future__ import annotations

from datetime import date

from assistant.dates import add_days
from assistant.engine.context import Context, Outcome
from assistant.engine.puma import insured


def assess(ctx: Context, puma: Outcome, ame: Outcome) -> Outcome:
    o = Outcome("dsuv")
    ctx.outcomes["dsuv"] = o
    admission = ctx.get("care.hospital_admission")
    if admission is None:  # a hospital scheme: nothing to ask without a stay
        o.status, o.block = "not_eligible", "no_stay"
        ctx.say(o, "dsuv.no_hospital_stay")
        return o
    basis = _basis(ctx, o, admission, puma, ame)
    if basis is None or not _urgent(ctx, o):
        return o
    o.status, o.effective_date, o.basis = "eligible", admission, basis
    ctx.say(o, "dsuv.eligible", start=admission)
    condition_from = ctx.marks.get("puma_condition_from")
    if basis == "asylum":
        ctx.say(o, "dsuv.asylum_first_months", arrival=ctx.get("person.arrival_date"),
                last_day=add_days(condition_from, -1))
    elif basis == "puma_later":
        ctx.say(o, "dsuv.puma_later", since=ctx.get("coverage.puma_since"), admission=admission)
    elif basis == "before_puma":  # a regular stay whose 3 months were not reached at admission
        ctx.say(o, "dsuv.before_puma", condition_from=condition_from)
    elif basis == "before_ame":
        ctx.say(o, "dsuv.before_ame", admission=admission, condition_from=ctx.marks["ame_condition_from"])
    elif basis == "eu_free_movement":
        ctx.say(o, "dsuv.eu_free_movement")
    else:
        ctx.say(o, "dsuv.after_ame_refusal")
    ctx.say(o, "dsuv.hospital_only")
    return o


def _basis(ctx: Context, o: Outcome, admission: date, puma: Outcome, ame: Outcome) -> str | None:
    """Why neither the PUMa nor the AME could cover the stay ("puma_later", "asylum",
    "before_puma", "before_ame", "eu_free_movement", "ame_refused"), or None after deciding the
    outcome (excluded, to check)."""
    def no(item_id: str, block: str, **params) -> None:
        o.status, o.block = "not_eligible", block
        ctx.say(o, item_id, **params)

    if ctx.nationality == "french":
        return no("dsuv.national", "national")
    if ctx.nationality is None:  # the scheme is for foreign nationals only
        o.status = "to_check"
        o.need("person.nationality")
        return None
    if ctx.get("person.minor_status") == "unaccompanied_under_evaluation":
        return no("dsuv.minor_evaluation", "minor_evaluation")
    if ctx.right_to_stay == "short_stay_visa" or "visa" in (puma.block, ame.block):
        return no("dsuv.visa", "visa")
    abroad = ctx.nationality == "eu" and ctx.get("person.eu_rights_abroad")
    if abroad or puma.block in ("rights_abroad", "posted"):
        return no("dsuv.rights_abroad", "rights_abroad")
    covered = _covered_then(ctx, o, admission, puma, ame)
    if covered is not False:
        return None
    if puma.status == "to_check" or ame.status == "to_check":
        o.status = "to_check"
        o.need(*puma.missing, *ame.missing)
        return None
    if puma.status == "open":  # open now, but only since after the admission
        return "puma_later"
    if ctx.right_to_stay == "asylum_seeker" and not ctx.is_minor:
        return "asylum"
    if puma.status in ("eligible", "not_yet"):
        return "before_puma"
    if ame.status == "eligible":
        return "before_ame"
    if ctx.eu_irregular_since is not None:
        return "eu_free_movement"
    return "ame_refused"


def _covered_then(ctx: Context, o: Outcome, admission: date, puma: Outcome, ame: Outcome) -> bool | None:
    """Whether the PUMa or the AME covered (or could cover) the stay when it began: True (the
    outcome says which), None (to check) or False (neither could)."""
    def covered(item_id: str, **params) -> bool:
        o.status, o.block = "not_eligible", "covered"
        ctx.say(o, item_id, **params)
        return True

    maint = ctx.maintenance
    if maint is not None and admission <= maint.long_end:
        if not insured(ctx):  # maintained rights only for someone who was insured
            o.status = "to_check"
            o.need("coverage.puma")
            return None
        if admission <= (maint.until or maint.short_end):
            return covered("dsuv.covered_puma_maintained", admission=admission, puma_end=maint.until or maint.short_end)
        if maint.until is None:  # between the two possible ends: the OQTF decides
            o.status = "to_check"
            o.need("person.oqtf_final")
            return None
    if puma.status == "open" and maint is None:
        since = ctx.get("coverage.puma_since")
        if since is None or since <= admission:
            return covered("dsuv.covered_puma_open")
        # opened after the admission (never retroactively): could it have been opened then?
        working = ctx.get("person.activity") in ("employed", "self_employed", "student")
        arrival = ctx.get("person.arrival_date")
        if working or ctx.get("person.family_reunification") or ctx.is_minor:
            return covered("dsuv.covered_puma")
        if arrival is None:
            o.status = "to_check"
            o.need("person.arrival_date")
            return None
        if admission >= ctx.three_months_after(arrival):
            return covered("dsuv.covered_puma")
    if ame.status == "open":
        return covered("dsuv.covered_ame_open")
    previous = ctx.get("coverage.ame_until") if ctx.get("coverage.ame") == "open" else None
    if previous is not None and admission <= previous:
        return covered("dsuv.covered_ame_previous", admission=admission, prior_until=previous)
    if ame.status == "eligible":
        if ame.effective_date is not None and ame.effective_date <= admission:
            return covered("dsuv.covered_ame", admission=admission)
        ame_from = ctx.marks.get("ame_condition_from")
        if ame_from is None or admission >= ame_from:  # eligible then: a late filing is no ground
            return covered("dsuv.ame_possible_then", admission=admission)
    if ctx.right_to_stay == "asylum_seeker" and not ctx.is_minor and puma.status == "eligible":
        condition_from = ctx.marks.get("puma_condition_from")  # none when working: PUMa from the first hour
        if condition_from is None or admission >= condition_from:
            return covered("dsuv.asylum_after")
    elif puma.status == "eligible":
        condition_from = ctx.marks.get("puma_condition_from")
        if condition_from is None or admission >= condition_from:
            return covered("dsuv.covered_puma")
    return False


def _urgent(ctx: Context, o: Outcome) -> bool:
    vital, pregnant = ctx.get("care.vital_emergency"), ctx.get("care.pregnant")
    if vital or pregnant:
        if pregnant and not vital:
            ctx.say(o, "dsuv.pregnancy")
        return True
    if vital is None:
        o.need("care.vital_emergency")
    if pregnant is None and ctx.get("person.sex") != "M":
        o.need("care.pregnant")
    if o.missing:
        o.status = "to_check"
    else:
        o.status, o.block = "not_eligible", "not_urgent"
        ctx.say(o, "dsuv.not_urgent")
    return False
