"""Dates the agent and the person must act by; each label is the `deadline.<id>` text."""

from __future__ import annotations

from datetime import date

from assistant.dates import add_days, add_delay, add_months
from assistant.engine.context import Context
from assistant.engine.css import AUTOMATIC_RENEWAL


def deadlines(ctx: Context) -> list[dict]:
    out: list[dict] = []
    o = ctx.outcomes
    app = ctx.app

    def add(deadline_id: str, when: date | None, coverage: str, **params) -> None:
        if when is not None:
            item = f"deadline.{deadline_id}"
            out.append({"id": deadline_id, "date": when.isoformat(), "for": coverage,
                        "label": ctx.text(item, date=when, **params), "sources": ctx.sources(item)})

    puma, css, ame, dsuv = o["puma"], o["css"], o["ame"], o["dsuv"]
    if puma.status == "not_yet":
        add("puma_eligible_from", puma.eligible_from, "puma")
    if ctx.maintenance is not None and puma.until is not None:
        add("puma_maintenance_end", puma.until, "puma")

    benefits = set(ctx.get("resources.benefits") or ())
    if css.status == "open" and css.until and css.block != "capped" and not benefits & AUTOMATIC_RENEWAL:
        add("css_renewal_window", add_months(css.until, -ctx.value("css.renewal_window_months")), "css",
            until=css.until)
    if css.status == "eligible":
        add("css_decision", add_delay(app, ctx.value("css.processing")), "css")
        limit = ctx.marks.get("css_hospital_limit")
        if limit and limit >= ctx.on:
            add("css_hospital_retro_limit", limit, "css")

    if ame.status in ("open", "eligible") and ame.until and ame.block != "regularised":
        add("ame_renewal_window", add_months(ame.until, -ctx.value("ame.renewal_window_months")), "ame",
            until=ame.until)
    if ame.status == "not_yet" and ame.block == "three_months":
        add("ame_eligible_from", ame.eligible_from, "ame")
    if ame.status == "eligible":
        processing = ctx.value("ame.processing")
        in_hospital = ctx.get("care.hospital_admission") and not ctx.get("care.hospital_discharge")
        urgent = ctx.get("care.urgent_need") or in_hospital  # care needed now, as documents.py asks it proven
        days = processing["urgent_days" if urgent else "days"]
        add("ame_decision", add_days(app, days), "ame", days=days)  # from the receipt, even when dated later
        add("ame_implicit_refusal", add_months(app, ctx.value("ame.implicit_refusal_months")), "ame")
        if ctx.get("coverage.ame") != "open":
            add("pass_transmission", add_days(app, ctx.value("pass.transmission_days")), "ame")
        add("ame_waiting_period_end", ctx.marks.get("ame_waiting_end"), "ame")
        limit = ctx.marks.get("ame_retro_limit")
        if limit and limit >= ctx.on:
            add("ame_retro_filing_limit", limit, "ame", start=ame.effective_date)
    filing_from = ctx.marks.get("ame_filing_from")
    if filing_from:
        add("ame_anticipated_filing", filing_from, "ame", after_puma=add_days(ctx.maintenance.until, 1))

    condition_from = ctx.marks.get("puma_condition_from")
    if dsuv.status == "eligible" and ctx.right_to_stay == "asylum_seeker" and condition_from:
        if add_days(condition_from, -1) >= ctx.on:
            add("dsuv_asylum_end", add_days(condition_from, -1), "dsuv")
    out.sort(key=lambda d: d["date"])
    return out
