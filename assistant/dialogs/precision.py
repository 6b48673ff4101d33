"""Follow-up questions that make an answer precise enough, only when the outcome depends on it.

An answer may leave its value open: a date given to the month or approximately ("mars 2026",
"depuis 8 mois") is a range of days; an amount without its period ("900") may be monthly or
yearly. The runner evaluates a range at both ends: when the outcome is the same it goes on
(the first day stands for the range); when it differs it asks what decides, in words
("Arrivée en France avant ou après le 15 mars 2026 ?"), or the exact day when the outcome
changes more than once inside the range. An amount without its period is always asked
"par mois ou sur 12 mois ?" (people say both, and the factor is 12).

A follow-up's answer is merged into the answer of its question (the range narrowed, the day
or the period added), so that the dialog state keeps one answer per question.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from assistant.dialogs.model import Option, Question
from assistant.i18n import N_, _, euros, short_date

PRECISE, PERIOD = "~precise", "~period"
BEFORE, AFTER, MONTHLY, YEARLY = "before", "after", "monthly", "yearly"


def parent_id(qid: str) -> str | None:
    """The question a follow-up id is about, or None for an ordinary question."""
    for suffix in (PRECISE, PERIOD):
        if qid.endswith(suffix):
            return qid.removesuffix(suffix)
    return None


def span(answer: dict) -> tuple[date, date] | None:
    """The range of days an answer leaves open, if any."""
    found = answer.get("range")
    return (date.fromisoformat(found[0]), date.fromisoformat(found[1])) if found else None


def open_period(answer: dict) -> bool:
    """An amount given without saying per month or per year."""
    return "amount" in answer and "period" not in answer


def split_question(parent: Question, low: date, high: date, change: date | None) -> Question:
    """What decides inside [low, high]: before or from `change` (one change), else the exact day."""
    event = _(parent.event or parent.short)
    if change is not None:
        day = short_date(change)
        options = [
            Option(id=BEFORE, label=_("Avant le {day}").format(day=day), aliases=["avant", "plus tot", "before", "earlier"]),
            Option(id=AFTER, label=_("Le {day} ou après").format(day=day),
                   aliases=["apres", "ou apres", "plus tard", "le jour meme", "after", "on or after",
                            "later", "that day", "the same day"]),
        ]
        text = _("{event} avant ou après le {day} ? La réponse change le résultat.").format(event=event, day=day)
        return replace(parent, id=parent.id + PRECISE, type="choice", text=text, options=options, always=False,
                       help=_(N_("La date donnée couvre plusieurs jours ({low} – {high}) et le résultat n'est pas "
                                 "le même d'un bout à l'autre : seule cette précision compte.")).format(
                           low=short_date(low), high=short_date(high)), probe=[])
    text = _("{event} : quel jour exactement, entre le {low} et le {high} ? Le jour change le résultat.").format(
        event=event, low=short_date(low), high=short_date(high))
    return replace(parent, id=parent.id + PRECISE, text=text, options=[], always=False, probe=[])


def period_question(parent: Question, amount: float) -> Question:
    """Per month or over 12 months, for an amount said without its period."""
    options = [
        Option(id=MONTHLY, label=_("Par mois (soit {annual} sur 12 mois)").format(annual=euros(round(amount * 12, 2))),
               aliases=["par mois", "mois", "mensuel", "mensuelle", "chaque mois", "per month", "a month", "month",
                        "monthly", "each month", "every month"]),
        Option(id=YEARLY, label=_("Sur 12 mois ({amount})").format(amount=euros(amount)),
               aliases=["par an", "an", "annee", "annuel", "annuelle", "sur l annee", "12 mois", "sur 12 mois", "per year",
                        "a year", "year", "yearly", "annual", "annually", "12 months", "over 12 months"]),
    ]
    return replace(parent, id=parent.id + PERIOD, type="choice", unknown=False, options=options, always=False,
                   text=_("{amount} : par mois ou sur 12 mois ?").format(amount=euros(amount)),
                   help=_(N_("Les plafonds portent sur les ressources des 12 derniers mois : un montant mensuel "
                             "est multiplié par 12.")), probe=[])


def merge(parent: Question, previous: dict, follow_up: Question, answer: dict, change: date | None) -> dict:
    """The parent's answer once the follow-up is answered (`change`: the day a before/after
    follow-up asked about); ValueError (in words) for a day outside the range."""
    field = parent.field
    option = answer.get("option")
    if follow_up.id.endswith(PERIOD):
        amount = previous["amount"]
        monthly = option == MONTHLY
        out = {**previous, "period": "month" if monthly else "year",
               "set": {field: round(amount * 12, 2) if monthly else amount}}
        return out | ({"monthly": amount} if monthly else {})
    low, high = span(previous)
    if answer.get("unknown"):
        return {**previous, "undecided": True}
    if option in (BEFORE, AFTER):
        narrowed = (low, change - timedelta(days=1)) if option == BEFORE else (change, high)
        return {**previous, "range": [d.isoformat() for d in narrowed]}
    if "range" in answer:
        new_low, new_high = span(answer)
    else:
        new_low = new_high = date.fromisoformat(answer["set"][field])
    if new_low < low or new_high > high:
        raise ValueError(_("le jour doit être entre le {low} et le {high} (ou changez la réponse précédente)").format(
            low=short_date(low), high=short_date(high)))
    if new_low == new_high:
        return {key: value for key, value in previous.items() if key != "range"} | {"set": {field: new_low.isoformat()}}
    return {**previous, "range": [new_low.isoformat(), new_high.isoformat()]}
