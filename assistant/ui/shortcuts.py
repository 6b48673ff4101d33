"""One-key answers and the hint of the answer line, for each kind of question."""

from __future__ import annotations

from assistant.dialogs.answers import choices
from assistant.dialogs.model import Question
from assistant.i18n import _

PICKED = ("choice", "yes_no", "multi_choice")


def shortcuts(question: Question) -> dict[str, str]:
    """Typed character -> quick-reply key, active while the answer line is empty. Digits are
    shortcuts only where the answer is picked, not typed (a date starts with a digit)."""
    offered = choices(question)
    keys = {c.key: c.key for c in offered if len(c.key) == 1} if question.type in PICKED else {}
    if question.type == "yes_no":
        keys |= {"o": "1", "y": "1", "n": "2"}
    unknown = next((c.key for c in offered if c.id == "unknown"), None)
    if unknown:
        keys["?"] = unknown
    return keys


def placeholder(question: Question) -> str:
    return {
        "date": _("Date : 12/03/2024, 12 mars 2024, il y a 3 mois…"),
        "amount": _("Montant en euros : 10 339,50 ou 800 par mois…"),
        "number": _("Un nombre…"),
        "multi_choice": _("Numéros (ex. 1 3), puis Entrée ; ou tapez la réponse…"),
    }.get(question.type, _("Numéro ou réponse en toutes lettres…"))
