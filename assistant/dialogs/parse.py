"""Read what the agent types: French dates, euro amounts, whole numbers, and fuzzy option labels.

Every function returns `None` when it does not understand, never raises: the chat then
re-asks. Dates are read day-first (`12/03/2024` is 12 March), as written in France.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from assistant.dates import add_months

MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
}
UNITS = {"jour": "days", "jours": "days", "semaine": "weeks", "semaines": "weeks",
         "mois": "months", "an": "years", "ans": "years", "annee": "years", "annees": "years"}
UNKNOWN_PHRASES = (
    "je ne sais pas", "je sais pas", "sais pas", "ne sait pas", "on ne sait pas", "je ne sais plus",
    "nsp", "inconnu", "inconnue", "aucune idee", "pas sur", "pas sure", "ne se souvient pas",
    "i don't know", "dont know", "unknown",
)


def normalize(text: str) -> str:
    """Lower case, no accents, apostrophes and dashes as spaces, single spaces, no end stop."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[’'`\-_]", " ", text)
    return " ".join(text.split()).strip(".!?;: ")


def means_unknown(text: str) -> bool:
    from rapidfuzz import fuzz

    if text.strip() in ("?", "??"):
        return True
    norm = normalize(text)
    return any(fuzz.ratio(norm, phrase) >= 88 for phrase in UNKNOWN_PHRASES)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:  # 24 -> 2024, 85 -> 1985: never more than a year ahead of today
        year += 2000 if 2000 + year <= today.year + 1 else 1900
    return year


def _shift(today: date, n: int, unit: str) -> date | None:
    try:
        if unit == "days":
            return today + timedelta(days=n)
        if unit == "weeks":
            return today + timedelta(weeks=n)
        return add_months(today, n * (12 if unit == "years" else 1))
    except (OverflowError, ValueError):
        return None


def _count(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def parse_date(text: str, today: date) -> date | None:
    """`12/03/2024`, `12-03-24`, `2024-03-12`, `12 mars 2024`, `1er mars`, `il y a 3 mois`,
    `dans 2 semaines`, `hier`, `aujourd'hui`; relative forms count from `today`."""
    norm = normalize(text)
    if norm in ("aujourd hui", "ce jour"):
        return today
    if norm == "hier":
        return today - timedelta(days=1)
    if norm == "avant hier":
        return today - timedelta(days=2)
    if m := re.fullmatch(r"(\d{4})[/. ](\d{1,2})[/. ](\d{1,2})", norm):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[/. ](\d{1,2})[/. ](\d{4}|\d{2})", norm):
        return _valid(_year(m[3], today), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(?:le )?(\d{1,2}|1er) ([a-z]+)\.?(?: (\d{4}))?", norm):
        month = MONTHS.get(m[2])
        day = 1 if m[1] == "1er" else int(m[1])
        year = int(m[3]) if m[3] else today.year
        return _valid(year, month, day) if month else None
    if m := re.fullmatch(r"(il y a|depuis|dans) (\w+) (\w+)", norm):
        n, unit = _count(m[2]), UNITS.get(m[3])
        if n is None or unit is None:
            return None
        return _shift(today, n if m[1] == "dans" else -n, unit)
    return None


_CURRENCY = re.compile(r"(€|eur|euros?)\b|€")
_MONTHLY = re.compile(r"(par mois|/ ?mois|mensuels?|mensuellement)$")


def parse_amount(text: str) -> tuple[float, bool] | None:
    """Euros with spaces, commas or dots: `10 339,50 €`, `10.339`, `1500`. Returns the amount
    and whether it was given per month (`800 par mois`). French first: a lone comma is decimal."""
    if text.strip().startswith("-"):
        return None
    norm = normalize(text)
    monthly = bool(_MONTHLY.search(norm))
    norm = _MONTHLY.sub("", norm)
    norm = _CURRENCY.sub("", norm).replace(" ", "").strip()
    if not re.fullmatch(r"\d[\d.,]*", norm):
        return None
    if "," in norm and "." in norm:
        decimal = "," if norm.rfind(",") > norm.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        norm = norm.replace(thousands, "").replace(decimal, ".")
    elif "." in norm and re.fullmatch(r"\d{1,3}(\.\d{3})+", norm):
        norm = norm.replace(".", "")
    elif "," in norm:
        norm = norm.replace(",", ".")
    try:
        return float(norm), monthly
    except ValueError:
        return None


SHORT_UNITS = {"mois", "semaine", "semaines", "jour", "jours"}  # "6 mois" is no age in years: ask again


def parse_number(text: str) -> int | None:
    """A whole number, alone or with a unit word: `46`, `46 ans`, `trois personnes`.

    A negative number or a count of months, weeks or days is not read (the agent is asked
    again) rather than silently turned into something else."""
    if text.strip().startswith("-"):
        return None
    words = normalize(text).split()
    if not words or len(words) > 2:
        return None
    n = _count(words[0])
    if n is None or (len(words) == 2 and (words[1].isdigit() or words[1] in SHORT_UNITS)):
        return None
    return n


def match_option(text: str, choices: dict[str, list[str]]) -> str | None:
    """The option id whose label or alias best matches `text`, or None when nothing matches
    well or two options match equally well."""
    from rapidfuzz import fuzz, process

    query = normalize(text)
    if not query:
        return None
    flat = [(normalize(alias), option) for option, aliases in choices.items() for alias in aliases]
    for alias, option in flat:
        if alias == query:
            return option
    # Only words are matched loosely: a one- or two-letter alias ("h", "f") must be typed as it
    # is, else "@SUM(1)" would be read as "m" (Homme) through a partial match on one letter.
    flat = [(alias, option) for alias, option in flat if len(alias) >= 3]
    if len(query) < 3 or not flat:
        return None
    found = process.extract(query, [a for a, _ in flat], scorer=fuzz.WRatio, score_cutoff=86, limit=5)
    # An alias of three letters or fewer counts only as a word of its own: "non" is not in "renoncement".
    words = query.split()
    found = [hit for hit in found if len(hit[0]) > 3 or hit[0] in words]
    if not found:
        return None
    best = flat[found[0][2]][1]
    rivals = {flat[i][1] for _, score, i in found if score >= found[0][1] - 2}
    return best if rivals == {best} else None
