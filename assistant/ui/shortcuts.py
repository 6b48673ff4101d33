"""One-key answers and the hint of the answer line, for each kind of question."""

from __future__ import annotations

from assistant.dialogs.answers import choices
from assistant.dialogs.model import Question
from assistant.i18n import _

PICKED = ("choice", "yes_no")


def shortcuts(question: Question) -> dict[str, str]:
    """Typed character -> quick-reply key, active while the answer line is empty. Digits are
    shortcuts only where one pick answers, among nine replies at most: not for a date or an
    amount (they start with a digit), nor for a multiple choice, whose digits are typed on the
    line ("1,2", "4 et 6", "4 and 6") and ticked in the quick replies as they come, nor where "1" would
    cut "10" short."""
    offered = choices(question)
    keys = {c.key: c.key for c in offered} if question.type in PICKED and len(offered) <= 9 else {}
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
        "multi_choice": _("Numéros (ex. 1,3 ou 4 et 6) ou mots des réponses, puis Entrée…"),
    }.get(question.type, _("Numéro ou réponse en toutes lettres…"))
