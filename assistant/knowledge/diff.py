"""What changes in the knowledge base between two dates: each rule or figure whose version in
force changes, old and new values (or texts), with the sources of both.

A version that starts inside the period (after its first day, up to its last) is a change
from the version in force the day before; a version that ends inside it with nothing after
is a rule or figure that stops applying.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.knowledge.base import KnowledgeBase


@dataclass(frozen=True)
class Change:
    item_id: str
    on: date  # first day of the new state
    old: dict | None  # the version in force the day before (None: the item did not exist)
    new: dict | None  # the version in force from `on` (None: the item stops applying)


def changes(kb: KnowledgeBase, start: date, end: date) -> list[Change]:
    """The changes of version of every item between `start` and `end`, by date then item id."""
    found = []
    for item_id, item in kb.items.items():
        for v in item["versions"]:
            begins, ends = v["valid_from"], v["valid_until"]
            if begins is not None and start < begins <= end:
                found.append(Change(item_id, begins, _in_force(kb, item_id, begins - timedelta(days=1)), v))
            if ends is not None and start <= ends < end and _in_force(kb, item_id, ends + timedelta(days=1)) is None:
                found.append(Change(item_id, ends + timedelta(days=1), v, None))
    return sorted(found, key=lambda c: (c.on, c.item_id))


def _in_force(kb: KnowledgeBase, item_id: str, on: date) -> dict | None:
    for v in kb.items[item_id]["versions"]:
        if (v["valid_from"] or date.min) <= on <= (v["valid_until"] or date.max):
            return v
    return None


def value_changes(old, new, path: str = "") -> list[tuple[str, object, object]]:
    """(dotted key, old, new) for each value that differs; nested tables are compared key by key."""
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in list(dict.fromkeys([*old, *new])):
            out += value_changes(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
        return out
    return [] if old == new else [(path, old, new)]


def shown(value) -> str:
    return "—" if value is None else json.dumps(value, ensure_ascii=False, default=str)
