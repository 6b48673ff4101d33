"""Benefits that presume the CSS (knowledge items `css.benefit_*`, from shared/figures/BENEFITS.md).

The RSA gives the CSS without participation; the ASPA, the ASI and the AAH presume resources
under the ceiling of the CSS with participation, each from its date and only without a
professional activity in the 3 calendar months before the request (read from
`person.activity`), the AAH also only for a person living alone. A presumption spares the
resources statement; resources under the free ceiling still give the free CSS.
"""

from __future__ import annotations

from assistant.engine.context import Context, Outcome

PRESUMING = ("aspa", "asi", "aah")  # in the order their presumption is looked at
WORKING = {"employed", "self_employed", "posted_worker"}
NAMES = {"rsa": "RSA", "aspa": "ASPA", "asi": "ASI", "aah": "AAH"}


def presumed_css(ctx: Context, o: Outcome) -> tuple[str | None, list[str]]:
    """("free" for the RSA, "participation" for a presumption that applies, or None) and the
    facts that decide whether a presumption applies when they are unknown. Says why."""
    held = set(ctx.get("resources.benefits") or ())
    if "rsa" in held:
        ctx.say(o, "css.benefit_rsa")
        if ctx.value("css.benefit_rsa"):
            return "free", []
    unknown: list[str] = []
    for benefit in PRESUMING:
        if benefit not in held:
            continue
        item = f"css.benefit_{benefit}"
        if not ctx.value(item):
            ctx.say(o, item)
            continue
        activity = ctx.get("person.activity")
        if activity in WORKING:
            ctx.say(o, "css.benefit_activity", benefit=NAMES[benefit])
            continue
        persons = ctx.get("resources.household_size")
        if benefit == "aah" and persons is not None and persons > 1:
            ctx.say(o, "css.benefit_aah_household", persons=persons)
            continue
        missing = ["person.activity"] if activity is None else []
        if benefit == "aah" and persons is None:
            missing.append("resources.household_size")
        if missing:
            unknown += missing
            continue
        ctx.say(o, item)
        return "participation", []
    return None, list(dict.fromkeys(unknown))
