"""What an agent types to answer a dialog question from a scenario's facts (Pilot tests)."""

from __future__ import annotations

from datetime import date

from assistant.dialogs.answers import choices
from assistant.dialogs.model import CASE, Question

_ABSENT = object()


def value_at(situation: dict, path: str):
    node = situation
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return _ABSENT
        node = node[part]
    return node


def typed_answer(question: Question, situation: dict) -> str:
    """The line to type: a reply's number, a date, an amount; `?` when the facts do not say."""
    offered = choices(question)
    if question.id == "purpose":
        return next(c.key for c in offered if c.id == "rights")
    if question.type == "choice":
        for c in offered:
            facts = {k: v for k, v in (c.answer or {}).get("set", {}).items() if not k.startswith(CASE)}
            if facts and all(value_at(situation, k) == v for k, v in facts.items()):
                return c.key
        return "?"
    value = value_at(situation, question.field)
    if value is _ABSENT or value is None:
        return "?"
    if question.type == "yes_no":
        return "oui" if value else "non"
    if question.type == "date":
        return (value if isinstance(value, date) else date.fromisoformat(value)).strftime("%d/%m/%Y")
    if question.type == "multi_choice":
        keys = [c.key for c in offered if c.value in value]
        return ",".join(keys) if keys else "aucune"
    return str(value)
