"""Read what the agent types: French dates, euro amounts, whole numbers, and fuzzy option labels.

Every function returns `None` when it does not understand, never raises: the chat then
re-asks. Dates are read day-first (`12/03/2024` is 12 March), as written in France.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
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
HALF_UNIT = {"weeks": 3, "months": 15, "years": 182}
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


@dataclass(frozen=True)
class When:
    """A date as it was given: one day (`low == high`) or a range of days ("mars 2026")."""

    low: date
    high: date

    @property
    def exact(self) -> bool:
        return self.low == self.high


def _month_end(year: int, month: int) -> date:
    return add_months(date(year, month, 1), 1) - timedelta(days=1)


def _part(part: str, low: date, high: date) -> tuple[date, date]:
    """"début", "mi", "fin" of a month (1-10, 11-20, 21-end) or of a year (Jan-Apr, May-Aug, Sep-Dec)."""
    if low.month == high.month:  # a month
        bounds = {"debut": (1, 10), "mi": (11, 20), "milieu": (11, 20), "fin": (21, high.day)}[part]
        return low.replace(day=bounds[0]), low.replace(day=bounds[1])
    first = {"debut": 1, "mi": 5, "milieu": 5, "fin": 9}[part]
    return date(low.year, first, 1), _month_end(low.year, first + 3)


def _last_month(month: int, today: date) -> int:
    """The year of the latest `month` that has begun by `today` ("fin janvier" said in June)."""
    return today.year if month <= today.month else today.year - 1


_PARTS = r"(debut|mi|milieu|fin)"


def _period(norm: str, today: date) -> tuple[date, date] | None:
    """A month, a year, or a part of one, without a day: `mars 2026`, `03/2026`, `2025`,
    `debut 2025`, `fin janvier`, `l an dernier`, `le mois dernier`."""
    norm = re.sub(r"^(en|depuis|courant|vers|autour de|environ|a partir de)( le| l| la)? ", "", norm)
    if norm in ("l an dernier", "l annee derniere", "an dernier", "annee derniere", "l an passe", "l annee passee"):
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if norm in ("cette annee", "cette annee ci"):
        return date(today.year, 1, 1), today
    if norm in ("le mois dernier", "mois dernier", "le mois passe"):
        first = add_months(today.replace(day=1), -1)
        return first, _month_end(first.year, first.month)
    if norm in ("ce mois ci", "ce mois"):
        return today.replace(day=1), today
    part = None
    if m := re.fullmatch(_PARTS + r" (.+)", norm):
        part, norm = ("mi" if m[1] == "milieu" else m[1]), m[2]
    if m := re.fullmatch(r"(\d{1,2})[/. -](\d{4})", norm):
        month, year = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{4})[/. -](\d{1,2})", norm):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"([a-z]+)\.?(?: (\d{4}|\d{2}))?", norm):
        month = MONTHS.get(m[1])
        if month is None:
            return None
        year = _year(m[2], today) if m[2] else _last_month(month, today)
    elif m := re.fullmatch(r"(\d{4})", norm):
        low, high = date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
        return _part(part, low, high) if part else (low, high)
    else:
        return None
    if not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None
    low, high = date(year, month, 1), _month_end(year, month)
    return _part(part, low, high) if part else (low, high)


def parse_when(text: str, today: date) -> When | None:
    """A date or a range of days, as people give them. Exact: `12/03/2024`, `12 mars 2024`,
    `depuis le 5 janvier`, `hier`, `il y a 10 jours`. Ranges: `mars 2026` (the month),
    `03/2026`, `2025`, `debut 2025`, `fin janvier`, `l'an dernier`; `depuis 8 mois`,
    `il y a 3 semaines` (at least 8 months and less than 9: from the day after 9 months ago
    to 8 months ago). Relative forms count from `today`; a month without a year is the latest
    that has begun."""
    norm = normalize(text)
    day = parse_date(text, today)
    if day is not None:
        return When(day, day)
    if m := re.fullmatch(r"(il y a|depuis|ca fait|cela fait) (?:environ |a peu pres |pres de )?(\w+) (\w+)", norm):
        n, unit = _count(m[2]), UNITS.get(m[3])
        if n is None or unit not in ("weeks", "months", "years"):
            return None
        if m[1] == "depuis":  # "depuis 8 mois": 8 months at least, 9 not yet
            high, low = _shift(today, -n, unit), _shift(today, -n - 1, unit)
            return When(low + timedelta(days=1), high) if low and high else None
        center = _shift(today, -n, unit)  # "il y a 3 semaines": about then, half a unit either side
        if center is None:
            return None
        half = timedelta(days=HALF_UNIT[unit])
        return When(center - half, min(center + half, today))
    found = _period(norm, today)
    return When(*found) if found else None


def parse_date(text: str, today: date) -> date | None:
    """One day: `12/03/2024`, `12-03-24`, `2024-03-12`, `12 mars 2024`, `1er mars`,
    `depuis le 5 janvier` (the latest 5 January), `il y a 10 jours`, `dans 2 semaines`, `hier`,
    `aujourd'hui`; relative forms count from `today`."""
    norm = normalize(text)
    if norm in ("aujourd hui", "ce jour", "maintenant"):
        return today
    if norm == "hier":
        return today - timedelta(days=1)
    if norm == "avant hier":
        return today - timedelta(days=2)
    since = bool(re.match(r"(depuis|a partir du|a partir de|arrive|arrivee) ", norm))
    norm = re.sub(r"^(depuis|a partir du|a partir de|arrive|arrivee|entre|entree|sorti|sortie)( le)? ", "", norm)
    if m := re.fullmatch(r"(\d{4})[/. -](\d{1,2})[/. -](\d{1,2})", norm):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[/. -](\d{1,2})[/. -](\d{4}|\d{2})", norm):
        return _valid(_year(m[3], today), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(?:le )?(\d{1,2}|1er) ([a-z]+)\.?(?: (\d{4}|\d{2}))?", norm):
        month = MONTHS.get(m[2])
        day = 1 if m[1] == "1er" else int(m[1])
        if not month:
            return None
        if m[3]:
            return _valid(_year(m[3], today), month, day)
        found = _valid(today.year, month, day)
        if since and found and found > today:  # "depuis le 5 janvier" said in June: this year's
            found = _valid(today.year - 1, month, day)
        return found
    if m := re.fullmatch(r"(il y a|dans) (\w+) (jours?)", norm):
        n = _count(m[2])
        return None if n is None else _shift(today, n if m[1] == "dans" else -n, "days")
    if m := re.fullmatch(r"dans (\w+) (\w+)", norm):
        n, unit = _count(m[1]), UNITS.get(m[2])
        return None if n is None or unit is None else _shift(today, n, unit)
    return None


_CURRENCY = re.compile(r"(€|\beur\b|\beuros?\b|(?<=\d) ?e\b)")
_MONTHLY = re.compile(r"(/ ?mois|\b(par mois|mensuels?|mensuellement|chaque mois|tous les mois|le mois|mois))$")
_YEARLY = re.compile(r"(/ ?an|\b(par an|par annee|annuels?|annuellement|sur l an|sur l annee|sur 12 mois|l an|"
                     r"dans l annee|sur un an))$")
_APPROX = re.compile(r"^(environ|a peu pres|autour de|pres de|presque|dans les|a peu pres|vers|env)\b ?")
# What people name their income by: read as the amount it comes with ("chômage 900 par mois").
INCOME_WORDS = ("salaire", "chomage", "retraite", "pension", "revenus", "revenu", "ressources", "are",
                "allocations", "allocation", "smic", "il touche", "elle touche", "touche", "gagne", "il gagne",
                "elle gagne", "de", "net", "brut")
NOTHING = ("rien", "aucune", "aucun", "aucune ressource", "pas de ressources", "sans ressources", "zero",
           "nothing", "none", "pas de revenus", "aucun revenu", "sans revenu", "sans revenus")


def parse_amount(text: str) -> tuple[float, str | None] | None:
    """Euros as people say them: `900`, `900e`, `900 €`, `environ 900`, `1 200,50`, `10.339`,
    `900 par mois`, `7200 par an`, `salaire 1500 net`, `rien`. Returns the amount and the period
    said (`month`, `year`, or None when not said). French first: a lone comma is decimal."""
    if text.strip().startswith("-"):
        return None
    norm = normalize(text.replace("€", " € "))
    if norm in NOTHING:
        return 0.0, None
    period = None
    for pattern, name in ((_MONTHLY, "month"), (_YEARLY, "year")):
        if pattern.search(norm):
            period, norm = name, pattern.sub("", norm).strip()
    norm = _APPROX.sub("", norm)
    words = norm.split()
    while words and words[0] in INCOME_WORDS:
        words.pop(0)
    while words and words[-1] in INCOME_WORDS:
        words.pop()
    norm = " ".join(words)
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
        amount = float(norm)
    except ValueError:
        return None
    return amount, (None if amount == 0 else period)


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
