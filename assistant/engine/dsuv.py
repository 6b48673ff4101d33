"""Soins urgents et vitaux (DSUV): hospital care billed by the hospital for people without
openable rights (seed 003 § I DSUV, seed 002 on asylum seekers and minors, seed 000 example 2)."""

from __future__ import annotations

from assistant.dates import add_days
from assistant.engine.context import Context, Outcome


def assess(ctx: Context, puma: Outcome, ame: Outcome) -> Outcome:
    o = Outcome("dsuv")
    ctx.outcomes["dsuv"] = o
    admission = ctx.get("care.hospital_admission")
    if not _excluded(ctx, o, puma, ame) and _urgent(ctx, o):
        o.status, o.effective_date = "eligible", admission
        ctx.say(o, "dsuv.eligible", date=admission or ctx.app)
        if ctx.right_to_stay != "asylum_seeker":
            ctx.say(o, "dsuv.after_ame_refusal")
        ctx.say(o, "dsuv.hospital_only")
    return o


def _excluded(ctx: Context, o: Outcome, puma: Outcome, ame: Outcome) -> bool:
    """True (with the reason given) when the scheme cannot apply; sets to_check when unsure."""
    def no(item_id: str, block: str, **params) -> bool:
        o.status, o.block = "not_eligible", block
        ctx.say(o, item_id, **params)
        return True

    if ctx.get("person.minor_status") == "unaccompanied_under_evaluation":
        return no("dsuv.minor_evaluation", "minor_evaluation")
    if ctx.right_to_stay == "short_stay_visa" or puma.block == "visa":
        return no("dsuv.visa", "visa")
    abroad = ctx.nationality == "eu" and ctx.get("person.eu_rights_abroad")
    if abroad or puma.block in ("rights_abroad", "posted"):
        return no("dsuv.rights_abroad", "rights_abroad")
    if puma.status == "open" or ame.status == "open":
        return no("dsuv.has_rights", "covered", what="PUMa en cours" if puma.status == "open" else "AME en cours")
    admission = ctx.get("care.hospital_admission")
    # PUMa is never retroactive: a stay that began before its conditions were met stays uncovered
    condition_from = ctx.marks.get("puma_condition_from")
    before_puma = admission is not None and condition_from is not None and admission < condition_from
    if ctx.right_to_stay == "asylum_seeker" and not ctx.is_minor:
        if puma.status == "not_yet" or (puma.status == "eligible" and before_puma):
            ctx.say(o, "dsuv.asylum_first_months", arrival=ctx.get("person.arrival_date"),
                    until=add_days(condition_from, -1))
            return False
        if puma.status == "eligible":
            return no("dsuv.asylum_after", "covered")
    if puma.status == "eligible" and not before_puma:
        return no("dsuv.has_rights", "covered", what="PUMa à demander")
    # Eligible to the AME: it covers the stay, unless the stay began before its conditions were
    # met (then the urgent-care scheme does); a missed retroactivity deadline is not such a case.
    ame_from = ctx.marks.get("ame_condition_from")
    if ame.status == "eligible" and not (admission and ame_from and admission < ame_from):
        return no("dsuv.has_rights", "covered", what="AME")
    if puma.status == "to_check" or ame.status == "to_check":
        o.status = "to_check"
        o.need(*puma.missing, *ame.missing)
        return True
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
