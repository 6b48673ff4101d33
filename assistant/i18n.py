"""gettext for every string the agent reads: French source strings, catalogs from `locales/`.

`set_language("en")` switches the catalog; strings without a translation stay in their source
language. The same catalogs translate click's and argparse's own strings ("Usage:", "Error:
No such option..."): those libraries call `gettext.gettext` on the global domain `messages`,
which `set_language` binds to our compiled catalogs.
Dates are written out in full ("mardi 12 mars 2024") so that they can never be misread.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

LOCALES = Path(__file__).parent / "locales"  # compiled catalogs (.mo), package data of the wheel
SOURCES = Path(__file__).parents[1] / "locales"  # the .po files, present in a source checkout only
DOMAIN = "messages"



def _languages() -> tuple[str, ...]:
    """French (the sources) first, then every language with a catalog: adding one is a catalog
    in locales/ and `{LANG: ...}` texts in the data, not code."""
    found = {p.parent.parent.name for root in (SOURCES, LOCALES) if root.is_dir()
             for p in root.glob("*/LC_MESSAGES/messages.[mp]o")}
    return ("fr", *sorted(found - {"fr"}))


LANGUAGES = _languages()
DEFAULT_LANGUAGE = "fr"
ENV = "ASSISTANT_LANG"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE
_chosen = False  # set_language called in this process (the global gettext domain is bound)
_refreshed = False


def set_language(lang: str) -> None:
    global _translation, _language, _chosen
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r} (choose among {', '.join(LANGUAGES)})")
    catalogs = _catalogs()
    _translation = gettext.translation(DOMAIN, catalogs, languages=[lang], fallback=True)
    _language, _chosen = lang, True
    # click and argparse: gettext.gettext looks the language up in the environment only
    gettext.bindtextdomain(DOMAIN, str(catalogs))
    os.environ["LANGUAGE"] = lang


def language() -> str:
    return _language


def chosen() -> bool:
    """Whether a language was set in this process (else the French sources, click in English)."""
    return _chosen


def default_language(site: str | None = None) -> str:
    """ASSISTANT_LANG when set, else the site's language, else French; ValueError for a
    language we do not have."""
    value = os.environ.get(ENV) or site or DEFAULT_LANGUAGE
    if value not in LANGUAGES:
        raise ValueError(value)
    return value


def requested_language(argv: Sequence[str]) -> str | None:
    """The language a command line asks for (`--lang en` anywhere before `--`), read before
    parsing so that the parser's own errors are in that language; None when it asks for none
    (an unknown value is left for the parser to refuse)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[len("--lang="):] in LANGUAGES:
            return arg[len("--lang="):]
    return None


def _catalogs() -> Path:
    """The compiled catalogs; in a source checkout, first recompiled from any `.po` newer than its `.mo`."""
    global _refreshed
    if not _refreshed and (SOURCES / "messages.pot").is_file() and (SOURCES.parent / "pyproject.toml").is_file():
        from assistant.catalogs import compile_catalogs, stale

        if stale(SOURCES, LOCALES):  # babel is imported only when something must be compiled
            try:
                compile_catalogs(SOURCES, LOCALES, only_stale=True)
            except OSError:  # a read-only checkout: the catalogs compiled earlier, if any, serve
                pass
        _refreshed = True
    return LOCALES


def _(message: str) -> str:
    return _translation.gettext(message)


def labelled(label: str, value: str = "") -> str:
    """`Âge : 40` / `Age: 40` (French puts a space before the colon)."""
    colon = _(" : ")
    return f"{label}{colon}{value}"


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural form for `n`; in French (the source language) 0 and 1 take the singular,
    also for our strings, which the French catalog leaves untranslated (gettext then falls back on
    English's rule, singular for 1 only). 0 and 1 take the same form in the French catalog's rule."""
    return _translation.ngettext(singular, plural, 1 if _language == "fr" and n == 0 else n)


FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre")


def _format(day: date, form: str, lang: str | None = None) -> str:
    lang = lang or _language
    if lang == "fr":  # written out here: loading babel's locale data costs the start-up 20 ms
        text = f"{'1er' if day.day == 1 else day.day} {FR_MONTHS[day.month - 1]} {day.year}"
        return f"{FR_DAYS[day.weekday()]} {text}" if form == "full" else text
    from babel.dates import format_date

    return format_date(day, format=form, locale=lang)


def long_date(day: date, lang: str | None = None) -> str:
    """The date in full, in the current language: `mardi 12 mars 2024`, `samedi 1er mars 2025`,
    `Tuesday, March 12, 2024`."""
    return _format(day, "full", lang)


def short_date(day: date, lang: str | None = None) -> str:
    """`12 mars 2024`, `1er février 2025`, `March 12, 2024`."""
    return _format(day, "long", lang)


def month_year(day: date) -> str:
    """`mars 2026`, `March 2026`."""
    if _language == "fr":
        return f"{FR_MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date

    return format_date(day, format="MMMM y", locale=_language)


def number(value: float, lang: str | None = None, decimals: int = 0) -> str:
    """`10 339`, `10 339,5` / `10,339`, `10,339.5`; `decimals` fixes the digits after the point.
    Groups are split by a non-breaking space, never a narrow one (see `euros`)."""
    lang = lang or _language
    if lang == "fr" and (decimals or float(value).is_integer()):  # babel's output, without loading babel (20 ms)
        whole, _sep, cents = f"{value:,.{decimals}f}".partition(".")
        return whole.replace(",", "\xa0") + ("," + cents if cents else "")
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * decimals if decimals else "#,##0.##"
    return format_decimal(value, format=pattern, locale=lang).replace("\u202f", "\xa0")


def euros(amount: float, lang: str | None = None) -> str:
    """`10 339,50 €`, `9 600 €` in French; `€10,339.50`, `€9,600` in English. Plain spaces:
    some terminals mis-measure narrow ones."""
    from babel.numbers import format_currency

    whole = float(amount).is_integer()
    return _plain(format_currency(amount, "EUR", format="#,##0\u00a0¤" if whole and (lang or _language) == "fr"
                                  else "¤#,##0" if whole else None,
                                  currency_digits=not whole, locale=lang or _language))


def load_formats() -> None:
    """Load babel's number and date data of every language now (~20 ms each), at a moment when
    nobody waits, rather than at the first amount shown or at the first language switch."""
    for lang in LANGUAGES:
        euros(1.5, lang)
        number(1.5, lang)
        long_date(date(2025, 1, 1), lang)


def _plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")
