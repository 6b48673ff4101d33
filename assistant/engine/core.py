"""evaluate(situation, on, kb) -> assessment: pure, no I/O, no UI."""

from __future__ import annotations

from datetime import date

from assistant.engine import ame, css, dsuv, puma, referrals
from assistant.engine.context import Context
from assistant.engine.deadlines import deadlines
from assistant.engine.documents import REQUESTED, checklist
from assistant.knowledge.base import KnowledgeBase


def evaluate(situation: dict, *, on: date, kb: KnowledgeBase, lang: str = "fr") -> dict:
    """The assessment of EVALUATE.md for a validated situation (see validation.parse_situation)."""
    ctx = Context(situation, on, kb, lang)
    p = puma.assess(ctx)
    a = ame.assess(ctx, p)
    c = css.assess(ctx, p)
    d = dsuv.assess(ctx, p, a)
    coverages = [p, c, a, d]
    for o in coverages:
        if o.status == "to_check":  # dates of a decision not taken yet would mislead
            o.effective_date = o.eligible_from = o.until = None
            if o.missing:
                ctx.say(o, "to_check.missing", what=", ".join(ctx.field_label(m) for m in o.missing))
    refs = referrals.assess(ctx)
    documents, documents_needed = checklist(ctx)
    return {
        "kb_version": kb.version_id,
        "kb_release": kb.release,
        "kb_hash": kb.hash,
        "evaluated_on": on.isoformat(),
        "application_date": ctx.app.isoformat(),
        "coverages": [o.to_dict() for o in coverages],
        "documents": documents,
        "referrals": [r.to_dict() for r in refs if r.status == "recommended"],
        "referrals_to_check": [{"id": r.id, "missing": r.missing} for r in refs if r.status == "to_check"],
        "referrals_excluded": [{"id": r.id, "reasons": r.reasons, "sources": r.sources}
                               for r in refs if r.status == "excluded"],
        "deadlines": deadlines(ctx),
        "warnings": ctx.warnings + _stale(ctx),
        "needed": {
            "coverages": _ordered(m for o in coverages for m in o.missing),
            "referrals": _ordered(m for r in refs for m in r.missing),
            "documents": _ordered(documents_needed),
            "requests": _address_needed(ctx, coverages),
        },
    }


def _address_needed(ctx: Context, coverages) -> list[str]:
    """Every request is sent to an address: a stable one, else a domiciliation (seed 002 § 1,
    seed 003): asked whenever a coverage is to be requested."""
    if not any(o.status in REQUESTED for o in coverages):
        return []
    stable = ctx.get("housing.stable_address")
    if stable is None:
        return ["housing.stable_address"]
    return ["housing.domiciliation"] if stable is False and ctx.get("housing.domiciliation") is None else []


def _ordered(paths) -> list[str]:
    return list(dict.fromkeys(paths))


def _stale(ctx: Context) -> list[str]:
    """Figures in force whose scheduled revaluation is not in our sources yet."""
    out = []
    seen = set()
    for when in sorted({ctx.on, ctx.app}):
        for item_id, v in ctx.kb.stale(when):
            if item_id in seen:
                continue
            seen.add(item_id)
            out.append(ctx.text("warning.stale_figure", label=ctx.kb.label(item_id), since=v["valid_from"],
                                review=v["next_review"], checked=v["last_checked"] or "?"))
    return out
