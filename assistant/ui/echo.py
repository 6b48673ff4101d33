"""An answer as the chat repeats it: the dialog's echo, with the choices of a multiple choice ticked."""

from __future__ import annotations

from assistant.dialogs.answers import echo
from assistant.dialogs.model import Question
from assistant.i18n import _

TICK = "☑"


def chat_echo(question: Question, answer: dict) -> str:
    values = answer.get("set", {}).get(question.field) if question.type == "multi_choice" else None
    if not values or answer.get("option"):  # "Aucune", "Je ne sais pas" and single answers: as said
        return echo(question, answer)
    labels = {o.value: _(o.label) for o in question.options}
    return "  ".join(f"{TICK} {labels[v]}" for v in values)
