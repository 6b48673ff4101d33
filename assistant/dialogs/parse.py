"""Read what the agent types: dates, euro amounts, whole numbers, and fuzzy option labels.

French and English words are read in either interface language ("mars 2026" and "March 2026",
"il y a 3 semaines" and "3 weeks ago"): no word means one thing in one and another in the other.
Numbers are where the languages clash ("1,200" is 1.2 in French, 1200 in English): they are
read in the interface language (`lang`). Every function returns `None` when it does not
understand, never raises: the chat then re-asks. Dates are read day-first (`12/03/2024` is
12 March), as written in France, in both languages.
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
EN_MONTHS = {
    "january": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
    "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "october": 10,
    "november": 11, "december": 12,
}
MONTHS |= EN_MONTHS
NUMBER_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
ARTICLES = {"a": 1, "an": 1}  # "a week ago", "for a year": counted only before a unit of time
UNITS = {"jour": "days", "jours": "days", "semaine": "weeks", "semaines": "weeks",
         "mois": "months", "an": "years", "ans": "years", "annee": "years", "annees": "years",
         "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
         "months": "months", "year": "years", "years": "years"}
HALF_UNIT = {"weeks": 3, "months": 15, "years": 182}
UNKNOWN_PHRASES = (
    "je ne sais pas", "je sais pas", "sais pas", "ne sait pas", "on ne sait pas", "je ne sais plus",
    "nsp", "inconnu", "inconnue", "aucune idee", "pas sur", "pas sure", "ne se souvient pas",
    "i don t know", "dont know", "don t know", "i do not know", "unknown", "no idea", "not sure", "dunno",
    "idk", "doesn t know", "does not know", "can t remember", "not known",
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


def _times(word: str) -> int | None:
    """A count of units of time: a number, a number word, or "a"/"an" ("a week ago")."""
    n = _count(word)
    return ARTICLES.get(word) if n is None else n


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
# English parts of a month or a year, read as the French ones: "early 2025" is "début 2025".
_EN_PARTS = ((re.compile(r"^(?:at |in )?(?:the )?(?:early|beginning of|start of) (?:in )?"), "debut"),
             (re.compile(r"^(?:in )?(?:the )?(?:mid|middle of) "), "mi"),
             (re.compile(r"^(?:at |in |towards |toward )?(?:the )?(?:late|end of) (?:in )?"), "fin"))
_PERIOD_PREFIX = re.compile(r"^(en|depuis|courant|vers|autour de|environ|a partir de|in|since|during|around|about|"
                            r"from|sometime in|back in|approximately|roughly)( le| l| la| the)? ")


def _period(norm: str, today: date) -> tuple[date, date] | None:
    """A month, a year, or a part of one, without a day: `mars 2026`, `03/2026`, `2025`,
    `debut 2025`, `fin janvier`, `l an dernier`, `le mois dernier`."""
    norm = _PERIOD_PREFIX.sub("", norm)
    if norm in ("l an dernier", "l annee derniere", "an dernier", "annee derniere", "l an passe", "l annee passee",
                "last year"):
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    if norm in ("cette annee", "cette annee ci", "this year"):
        return date(today.year, 1, 1), today
    if norm in ("le mois dernier", "mois dernier", "le mois passe", "last month"):
        first = add_months(today.replace(day=1), -1)
        return first, _month_end(first.year, first.month)
    if norm in ("ce mois ci", "ce mois", "this month"):
        return today.replace(day=1), today
    part = None
    if m := re.fullmatch(_PARTS + r" (.+)", norm):
        part, norm = ("mi" if m[1] == "milieu" else m[1]), m[2]
    else:
        for pattern, name in _EN_PARTS:
            if pattern.match(norm):
                part, norm = name, pattern.sub("", norm)
                break
    if m := re.fullmatch(r"(\d{1,2})[/. -](\d{4})", norm):
        month, year = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{4})[/. -](\d{1,2})", norm):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"([a-z]+)\.?(?: of)?(?: (\d{4}|\d{2}))?", norm):
        month = MONTHS.get(m[1])
        if month is None or (m[2] and len(m[2]) == 2 and m[1] in EN_MONTHS):  # "March 32": no day, no year
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


def _date_words(text: str) -> str:
    """`normalize`, and the commas of written dates dropped ("January 5, 2024", "March, 2026")."""
    return re.sub(r",(?= |$)", "", normalize(text)).strip()


_ABOUT = r"(?:environ |a peu pres |pres de |about |around |roughly |approximately |nearly |almost )?"
# "for 8 months" is "depuis 8 mois" (at least 8 months, 9 not yet); "8 months ago", "it's been
# 8 months" are "il y a 8 mois", "ça fait 8 mois" (about then).
_SINCE_EN = re.compile(r"(?:for|since|been here for|here for|in france for) " + _ABOUT + r"(\w+) (\w+)")
_AGO_EN = re.compile(_ABOUT + r"(\w+) (\w+) ago|(?:it s been|it has been|been) " + _ABOUT + r"(\w+) (\w+)")


def _relative(norm: str, today: date) -> When | None:
    """`depuis 8 mois` / `for 8 months` (a range of one unit: at least 8 months, 9 not yet);
    `il y a 3 semaines` / `3 weeks ago` (about then: half a unit either side)."""
    since = False
    if m := re.fullmatch(r"(il y a|depuis|ca fait|cela fait) " + _ABOUT + r"(\w+) (\w+)", norm):
        since, count, word = m[1] == "depuis", m[2], m[3]
    elif m := _SINCE_EN.fullmatch(norm):
        since, count, word = True, m[1], m[2]
    elif m := _AGO_EN.fullmatch(norm):
        count, word = (m[1], m[2]) if m[1] else (m[3], m[4])
    else:
        return None
    n, unit = _times(count), UNITS.get(word)
    if n is None or unit not in ("weeks", "months", "years"):
        return None
    if since:
        high, low = _shift(today, -n, unit), _shift(today, -n - 1, unit)
        return When(low + timedelta(days=1), high) if low and high else None
    center = _shift(today, -n, unit)
    if center is None:
        return None
    half = timedelta(days=HALF_UNIT[unit])
    return When(center - half, min(center + half, today))


def parse_when(text: str, today: date) -> When | None:
    """A date or a range of days, as people give them. Exact: `12/03/2024`, `12 mars 2024`,
    `depuis le 5 janvier`, `since January 5`, `hier`, `yesterday`, `il y a 10 jours`,
    `10 days ago`. Ranges: `mars 2026` / `March 2026` (the month), `03/2026`, `2025`,
    `debut 2025` / `early 2025`, `fin janvier` / `end of January`, `l'an dernier` / `last year`;
    `depuis 8 mois` / `for 8 months`, `il y a 3 semaines` / `3 weeks ago` (at least 8 months
    and less than 9: from the day after 9 months ago to 8 months ago). Relative forms count from
    `today`; a month without a year is the latest that has begun."""
    day = parse_date(text, today)
    if day is not None:
        return When(day, day)
    norm = _date_words(text)
    found = _relative(norm, today) or _period(norm, today)
    return found if isinstance(found, When) or found is None else When(*found)


_SINCE = r"(depuis|a partir du|a partir de|arrive|arrivee|since|from|arrived|came)"
_DAY_PREFIX = re.compile(r"^(depuis|a partir du|a partir de|arrive|arrivee|entre|entree|sorti|sortie|since|from|"
                         r"arrived|came|entered|admitted|left|discharged|on)( le| on)?( the)? ")
_ORDINAL = r"(\d{1,2}|1er)(?:st|nd|rd|th)?"


def parse_date(text: str, today: date) -> date | None:
    """One day: `12/03/2024`, `12-03-24`, `2024-03-12`, `12 mars 2024`, `1er mars`,
    `March 12, 2024`, `the 5th of January`, `depuis le 5 janvier` / `since January 5` (the
    latest 5 January), `il y a 10 jours` / `10 days ago`, `dans 2 semaines` / `in 2 weeks`,
    `hier` / `yesterday`, `aujourd'hui` / `today`; relative forms count from `today`."""
    norm = _date_words(text)
    if norm in ("aujourd hui", "ce jour", "maintenant", "today", "now", "this morning"):
        return today
    if norm in ("demain", "tomorrow"):
        return today + timedelta(days=1)
    if norm in ("hier", "yesterday"):
        return today - timedelta(days=1)
    if norm in ("avant hier", "the day before yesterday", "day before yesterday"):
        return today - timedelta(days=2)
    since = bool(re.match(_SINCE + " ", norm))
    norm = _DAY_PREFIX.sub("", norm)
    if m := re.fullmatch(r"(\d{4})[/. -](\d{1,2})[/. -](\d{1,2})", norm):
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[/. -](\d{1,2})[/. -](\d{4}|\d{2})", norm):
        return _valid(_year(m[3], today), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(?:le |the )?" + _ORDINAL + r"(?: of)? ([a-z]+)\.?(?: (\d{4}|\d{2}))?", norm):
        day_text, month_word, year_text = m[1], m[2], m[3]
    elif (m := re.fullmatch(r"([a-z]+)\.? (?:the )?" + _ORDINAL + r"(?: (\d{4}|\d{2}))?", norm)) and (
            m[1] in EN_MONTHS or m[3] or re.search(r"\d(st|nd|rd|th)\b", norm)):
        # "March 12", "Dec 5th", "Jan 5 2024": English order. "mars 26" stays March 2026 (a period).
        month_word, day_text, year_text = m[1], m[2], m[3]
    else:
        month_word = None
    if month_word is not None:
        month = MONTHS.get(month_word)
        day = 1 if day_text == "1er" else int(day_text)
        if not month:
            return None
        if year_text:
            return _valid(_year(year_text, today), month, day)
        found = _valid(today.year, month, day)
        if since and found and found > today:  # "depuis le 5 janvier" said in June: this year's
            found = _valid(today.year - 1, month, day)
        return found
    if m := re.fullmatch(r"(il y a|dans) (\w+) (jours?)", norm):
        n = _count(m[2])
        return None if n is None else _shift(today, n if m[1] == "dans" else -n, "days")
    if m := re.fullmatch(r"(\w+) (days?) ago", norm):
        n = _times(m[1])
        return None if n is None else _shift(today, -n, "days")
    if m := re.fullmatch(r"(?:dans|in) (\w+) (\w+)", norm):
        n, unit = _times(m[1]), UNITS.get(m[2])
        return None if n is None or unit is None else _shift(today, n, unit)
    return None


_CURRENCY = re.compile(r"(€|\beur\b|\beuros?\b|(?<=\d) ?e\b)")
_MONTHLY = re.compile(r"(/ ?(mois|month|mo)|\b(par mois|mensuels?|mensuellement|chaque mois|tous les mois|le mois|mois|"
                      r"per month|a month|each month|every month|monthly|month))$")
_YEARLY = re.compile(r"(/ ?(an|year|yr)|\b(par an|par annee|annuels?|annuellement|sur l an|sur l annee|sur 12 mois|l an|"
                     r"dans l annee|sur un an|per year|a year|each year|every year|yearly|annually|annual|per annum|"
                     r"over 12 months|over a year|in a year|over the year|year))$")
_APPROX = re.compile(r"^(environ|a peu pres|autour de|pres de|presque|dans les|a peu pres|vers|env|about|around|"
                     r"approximately|approx\.?|roughly|nearly|almost|~)(\b|(?<=[.~])) ?")
# What people name their income by: read as the amount it comes with ("chômage 900 par mois").
INCOME_WORDS = ("salaire", "chomage", "retraite", "pension", "revenus", "revenu", "ressources", "are",
                "allocations", "allocation", "smic", "il touche", "elle touche", "touche", "gagne", "il gagne",
                "elle gagne", "de", "net", "brut", "salary", "wage", "wages", "pay", "unemployment", "benefit",
                "benefits", "income", "he", "she", "earns", "gets", "makes", "of", "gross")
NOTHING = ("rien", "aucune", "aucun", "aucune ressource", "pas de ressources", "sans ressources", "zero",
           "nothing", "none", "pas de revenus", "aucun revenu", "sans revenu", "sans revenus", "no income",
           "no resources", "no money", "nothing at all", "nil", "no earnings")


def _decimal(digits: str, lang: str) -> str | None:
    """Digits with their separators as Python reads a number, in the way `lang` writes them;
    None when the separators make no sense there. In both, the last of a comma and a dot is
    the decimal one (`1.200,50`, `1,200.50`). Alone, French: a comma is decimal (`4,6`, `1 200,50`),
    dots group thousands (`10.339`). English: commas group thousands (`1,200`, `9,600`), the dot
    is decimal (two places at most: `10.339` is refused, not guessed); a comma before one or two
    last digits (`900,50`) can only be decimal."""
    if "," in digits and "." in digits:
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return digits.replace(thousands, "").replace(decimal, ".")
    if lang == "en":
        if re.fullmatch(r"\d{1,3}(,\d{3})+", digits):
            return digits.replace(",", "")
        if re.fullmatch(r"\d+,\d{1,2}", digits):
            return digits.replace(",", ".")
        return digits if re.fullmatch(r"\d+(\.\d{1,2})?", digits) else None
    if "." in digits and re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        return digits.replace(".", "")
    return digits.replace(",", ".")


def parse_amount(text: str, lang: str = "fr") -> tuple[float, str | None] | None:
    """Euros as people say them: `900`, `900e`, `900 €`, `€900`, `environ 900` / `about 900`,
    `1 200,50` (French) / `1,200.50` (English), `900 par mois` / `800 a month`, `7200 par an` /
    `9,600 per year`, `salaire 1500 net`, `rien` / `nothing`. Returns the amount and the period
    said (`month`, `year`, or None when not said). Words of both languages are read; the
    separators of the number are those of `lang`, the interface language."""
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
    digits = _decimal(norm, lang)
    if digits is None:
        return None
    try:
        amount = float(digits)
    except ValueError:
        return None
    return amount, (None if amount == 0 else period)


SHORT_UNITS = {"mois", "semaine", "semaines", "jour", "jours", "month", "months", "week", "weeks", "day", "days"}  # "6 mois" is no age in years: ask again


def parse_number(text: str) -> int | None:
    """A whole number, alone or with a unit word: `46`, `46 ans`, `trois personnes`, `46 years old`,
    `three people`.

    A negative number or a count of months, weeks or days is not read (the agent is asked
    again) rather than silently turned into something else."""
    if text.strip().startswith("-"):
        return None
    words = normalize(text).split()
    if len(words) == 3 and words[2] == "old":  # "46 years old"
        words.pop()
    if not words or len(words) > 2:
        return None
    n = _count(words[0])
    if n is None or (len(words) == 2 and (words[1].isdigit() or words[1] in SHORT_UNITS)):
        return None
    return n


NEGATIONS = {"pas", "sans", "non", "ne", "jamais", "aucun", "aucune", "plus", "no", "not", "without", "never",
             "none", "neither", "nor", "doesn", "doesnt", "don", "dont", "isn", "isnt", "hasn", "hasnt"}


def _negated(text: str) -> bool:
    return not NEGATIONS.isdisjoint(text.split())


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
    # A loose match never drops a negation: "not employed" is not "employed", "pas de titre de
    # séjour" not "titre de séjour" (an alias that says it, "sans titre", is matched).
    if _negated(query) and not _negated(found[0][0]):
        return None
    best = flat[found[0][2]][1]
    rivals = {flat[i][1] for _, score, i in found if score >= found[0][1] - 2}
    return best if rivals == {best} else None
