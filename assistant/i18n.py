"""gettext for every string the agent reads: French source strings, catalogs in `locales/`.

`set_language("en")` switches the catalog; strings without a translation stay in French.
Dates are written out in full ("mardi 12 mars 2024") so that they can never be misread.
"""

from __future__ import annotations

import gettext
from datetime import date
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
LANGUAGES = ("fr", "en")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "fr"


def set_language(lang: str) -> None:
    global _translation, _language
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (choose among {', '.join(LANGUAGES)})")
    _translation = gettext.translation(DOMAIN, LOCALES, languages=[lang], fallback=True)
    _language = lang


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural form for `n`; in French (the source language) 0 and 1 take the singular."""
    if _language == "fr" and type(_translation) is gettext.NullTranslations:
        return singular if n < 2 else plural
    return _translation.ngettext(singular, plural, n)


FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")


def _format(day: date, form: str) -> str:
    if _language == "fr":  # written out here: loading babel's locale data costs the start-up 20 ms
        text = f"{'1er' if day.day == 1 else day.day} {FR_MONTHS[day.month - 1]} {day.year}"
        return f"{FR_DAYS[day.weekday()]} {text}" if form == "full" else text
    from babel.dates import format_date

    return format_date(day, format=form, locale=_language)


def long_date(day: date) -> str:
    """The date in full, in the current language: `mardi 12 mars 2024`, `samedi 1er mars 2025`."""
    return _format(day, "full")


def short_date(day: date) -> str:
    """`12 mars 2024`, `1er février 2025`."""
    return _format(day, "long")


def euros(amount: float) -> str:
    """`10 339,50 €`, `9 600 €` in French (plain spaces: some terminals mis-measure narrow ones)."""
    from babel.numbers import format_currency

    whole = float(amount).is_integer()
    text = format_currency(amount, "EUR", format="#,##0\u00a0¤" if whole else None,
                           currency_digits=not whole, locale=_language)
    return text.replace("\u202f", " ").replace("\xa0", " ")
