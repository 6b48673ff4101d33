"""Checks over a whole knowledge base: temporal coverage of every dated item."""

from __future__ import annotations

from datetime import date, timedelta

from assistant.knowledge.base import KnowledgeBase

SPAN = (date(2019, 1, 1), date(2027, 12, 31))


def coverage_gaps(kb: KnowledgeBase, span: tuple[date, date] = SPAN) -> list[str]:
    """Items that do not have exactly one version in force on each day of `span`.

    Versions never overlap (the schema refuses it), so checking that they are contiguous and
    reach both ends of the span proves "exactly one" for every day in it.
    """
    problems = []
    first, last = span
    for item_id, item in kb.items.items():
        versions = sorted(item["versions"], key=lambda v: v["valid_from"] or date.min)
        start = versions[0]["valid_from"]
        if start is not None and start > first:
            problems.append(f"{item_id}: nothing in force before {start}")
        for before, after in zip(versions, versions[1:], strict=False):
            if before["valid_until"] is None or before["valid_until"] + timedelta(days=1) != after["valid_from"]:
                problems.append(f"{item_id}: gap or overlap between {before['valid_until']} and {after['valid_from']}")
        end = versions[-1]["valid_until"]
        if end is not None and end < last:
            problems.append(f"{item_id}: nothing in force after {end}")
    return problems
