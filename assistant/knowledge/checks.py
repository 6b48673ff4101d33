"""Checks over a whole knowledge base: temporal coverage of every dated item."""

from __future__ import annotations

from datetime import date, timedelta

from assistant.i18n import _
from assistant.knowledge.base import KnowledgeBase

SPAN = (date(2019, 1, 1), date(2027, 12, 31))


def coverage_gaps(kb: KnowledgeBase, span: tuple[date, date] = SPAN) -> list[tuple[str, str]]:
    """(item id, problem) for the items without exactly one version in force each day of `span`.

    Versions never overlap (the schema refuses it), so checking that they are contiguous and
    reach both ends of the span proves "exactly one" for every day in it.
    """
    problems = []
    first, last = span
    for item_id, item in kb.items.items():
        versions = sorted(item["versions"], key=lambda v: v["valid_from"] or date.min)
        start = versions[0]["valid_from"]
        if start is not None and start > first:
            problems.append((item_id, _("aucune version en vigueur avant le {date}").format(date=start)))
        for before, after in zip(versions, versions[1:], strict=False):
            if before["valid_until"] is None or before["valid_until"] + timedelta(days=1) != after["valid_from"]:
                problems.append((item_id, _("trou ou chevauchement entre le {end} et le {start}").format(
                    end=before["valid_until"], start=after["valid_from"])))
        end = versions[-1]["valid_until"]
        if end is not None and end < last:
            problems.append((item_id, _("aucune version en vigueur après le {date}").format(date=end)))
    return problems
