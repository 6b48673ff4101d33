"""Answers to one question: the quick replies offered, what typed text means, and the echo.

An answer is plain JSON: `{"set": {field: value}, "option": id}` for a quick reply,
`{"set": {field: value}}` for a typed value, `{"unknown": true}` for "je ne sais pas".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from assistant.dialogs import parse
from assistant.dialogs.model import Question
from assistant.i18n import N_, _, euros, language, long_date, month_year, ngettext, short_date

UNKNOWN = {"unknown": True}
# French and English words, read in either interface language.
YES_ALIASES = ["oui", "o", "ouais", "yes", "y", "exact", "bien sur", "d accord", "yeah", "yep", "of course", "sure",
               "correct", "ok", "okay", "agreed"]
NO_ALIASES = ["non", "n", "no", "nan", "pas du tout", "jamais", "nope", "never", "not at all"]
NONE_ALIASES = ["aucun", "aucune", "rien", "non", "aucune de ces situations", "personne", "none", "nothing", "no",
                "none of these", "none of them", "neither"]
AND = (" et ", " and ", "&", ";", "+")  # "4 et 6", "4 and 6": several choices on one line


@dataclass(frozen=True)
class Choice:
    """A quick reply: its key (`1`-`9`), label (French source), and the answer it gives.
    In a multi-choice question, `value` is toggled instead of answering at once."""

    key: str
    id: str
    label: str
    aliases: tuple[str, ...]
    answer: dict | None
    value: object = None


def choices(question: Question) -> list[Choice]:
    """The quick replies of a question, numbered from 1; "je ne sais pas" comes last."""
    if question.type == "yes_no":
        raw = [("yes", N_("Oui"), YES_ALIASES, {"set": {question.field: True}, "option": "yes"}, None),
               ("no", N_("Non"), NO_ALIASES, {"set": {question.field: False}, "option": "no"}, None)]
    elif question.type == "multi_choice":
        raw = [(o.id, o.label, o.aliases, None, o.value) for o in question.options]
        raw.append(("none", N_("Aucune"), NONE_ALIASES, {"set": {question.field: []}, "option": "none"}, None))
    else:
        raw = [(o.id, o.label, o.aliases, {"set": dict(o.set), "option": o.id}, None) for o in question.options]
    if question.unknown:
        raw.append(("unknown", N_("Je ne sais pas"), [], UNKNOWN, None))
    return [Choice(str(i), cid, label, tuple(aliases), answer, value)
            for i, (cid, label, aliases, answer, value) in enumerate(raw, start=1)]


def multi_answer(question: Question, values: list) -> dict:
    """The answer of a multi-choice question from the values ticked (in option order)."""
    order = [o.value for o in question.options]
    return {"set": {question.field: sorted(set(values), key=order.index)}}


def _by_key_or_label(text: str, offered: list[Choice]) -> Choice | None:
    stripped = text.strip()
    for c in offered:
        if stripped == c.key:
            return c
    found = parse.match_option(text, {c.id: [_(c.label), c.label, *c.aliases] for c in offered})
    return next((c for c in offered if c.id == found), None)


def _by_words(part: str, offered: list[Choice]) -> Choice | None:
    """A part not matched whole ("renoncement aux soins"): the one choice having a label or
    alias among its words ("renoncement"); None when no choice, or several, have one."""
    padded = f" {part.strip()} "
    found = {c.id: c for c in offered if c.value is not None
             for name in (_(c.label), c.label, *c.aliases) if f" {parse.normalize(name)} " in padded}
    return next(iter(found.values())) if len(found) == 1 else None


def _multi(question: Question, text: str, offered: list[Choice]) -> dict | None:
    line = parse.normalize(text)
    for word in AND:
        line = line.replace(word, ",")
    parts = [p for p in line.split(",") if p.strip()]
    if len(parts) == 1 and all(w.isdigit() for w in parts[0].split()):
        parts = parts[0].split()
    values, income = [], []
    incomes = {parse.normalize(word) for word in question.none_aliases}
    for part in parts:
        if part.strip() in incomes:  # "chômage", "salaire": resources, not one of these benefits
            income.append(part.strip())
            continue
        c = _by_key_or_label(part, offered) or _by_words(part, offered)
        if c is None:
            return None
        if c.answer is not None:  # "aucune" or "je ne sais pas": only alone
            return c.answer if len(parts) == 1 else None
        values.append(c.value)
    if income:
        return multi_answer(question, values) | {"income": income} | ({} if values else {"option": "none"})
    return multi_answer(question, values) if values else None


def interpret(question: Question, text: str, today: date) -> dict | None:
    """The answer that typed `text` gives, or None when it is not understood."""
    offered = choices(question)
    if question.unknown and parse.means_unknown(text):
        return dict(UNKNOWN)
    if question.type == "multi_choice":
        return _multi(question, text, offered)
    if question.type in ("choice", "yes_no"):
        c = _by_key_or_label(text, offered)
        return dict(c.answer) if c else None
    if question.type == "date":
        when = parse.parse_when(text, today)
        if when is not None:
            if when.exact:
                return {"set": {question.field: when.low.isoformat()}}
            return {"set": {}, "range": [when.low.isoformat(), when.high.isoformat()]}
    elif question.type == "amount":
        found = parse.parse_amount(text, language())
        if found is not None:
            amount, period = found
            if period is None and amount:  # per month or per year: asked when not said
                return {"set": {}, "amount": amount}
            answer = {"set": {question.field: round(amount * 12 if period == "month" else amount, 2)},
                      "amount": amount, "period": period or "year"}
            return answer | ({"monthly": amount} if period == "month" else {})
    elif question.type == "number":
        n = parse.parse_number(text)
        low = question.minimum if question.minimum is not None else float("-inf")
        high = question.maximum if question.maximum is not None else float("inf")
        if n is not None and low <= n <= high:
            return {"set": {question.field: n}}
    c = _by_key_or_label(text, [c for c in offered if c.answer is not None]) if text.strip() else None
    return dict(c.answer) if c else None


def echo(question: Question, answer: dict) -> str:
    """The answer as the chat repeats it: unambiguous dates, euros, option labels."""
    if answer.get("unknown"):
        return _("Je ne sais pas")
    option = answer.get("option")
    income = _("{words} : une ressource, son montant compte dans les ressources du foyer").format(
        words=", ".join(answer["income"])) if answer.get("income") else None
    if option:
        label = next(_(c.label) for c in choices(question) if c.id == option)
        return f"{label} ({income})" if income else label
    if question.type == "date" and "range" in answer:
        return _range_echo(*(date.fromisoformat(d) for d in answer["range"]))
    if question.type == "amount" and question.field not in answer["set"]:
        return _("{amount} (par mois ou sur 12 mois ?)").format(amount=euros(answer["amount"]))
    value = answer["set"][question.field]
    if question.type == "date":
        return long_date(date.fromisoformat(value))
    if question.type == "amount":
        if "monthly" in answer:
            return _("{monthly} par mois, soit {annual} sur 12 mois").format(
                monthly=euros(answer["monthly"]), annual=euros(value))
        return _("{annual} sur 12 mois").format(annual=euros(value)) if value else _("Aucune ressource (0 €)")
    if question.type == "number":
        return str(value)
    if question.type == "multi_choice":
        labels = {o.value: _(o.label) for o in question.options}
        said = " ; ".join(labels[v] for v in value)
        return f"{said} ({income})" if income else said
    return str(value)


def _range_echo(low: date, high: date) -> str:
    """`mars 2026 (mois entier)`, `2025 (année entière)`, `du 1er janvier au 30 avril 2025`."""
    if low.day == 1 and (high + timedelta(days=1)).day == 1:
        if low.month == high.month and low.year == high.year:
            return _("{month} (mois entier)").format(month=month_year(low))
        if (low.month, high.month, low.year) == (1, 12, high.year):
            return _("{year} (année entière)").format(year=low.year)
    return _("du {low} au {high} (date approximative)").format(low=short_date(low), high=short_date(high))


def re_ask(question: Question) -> str:
    """The short re-ask when typed text was not understood."""
    hints = {
        "date": _("Je n'ai pas compris la date. Exemples : 12/03/2024, 12 mars 2024, mars 2026, début 2025, "
                  "il y a 3 semaines, depuis 8 mois."),
        "amount": _("Je n'ai pas compris le montant. Exemples : 900 par mois, 7200 par an, 1 200,50, rien."),
        "number": _("Je n'ai pas compris le nombre. Tapez un nombre, par exemple 3."),
    }
    n = len(choices(question))
    return hints.get(question.type) or ngettext(
        "Je n'ai pas compris. Tapez 1 ou le texte de la réponse.",
        "Je n'ai pas compris. Tapez un numéro de 1 à {n} ou le texte d'une réponse.", n).format(n=n)
