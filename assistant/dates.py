"""Calendar arithmetic as French deadlines count it (stdlib only).

A period "of N months from D" ends on the day of the N-th month bearing the same number as D,
or on that month's last day when it has none (31 January + 1 month = 28/29 February).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from assistant.display import capped

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso(text: str) -> date:
    """A strict YYYY-MM-DD date; ValueError (in French) otherwise, e.g. for 2025-02-30."""
    if not _ISO.fullmatch(text):
        raise ValueError(f"date {capped(text)} : format attendu AAAA-MM-JJ")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"date impossible {capped(text)}") from None


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, _days_in_month(year, month)))


def period_end(start: date, months: int) -> date:
    """Last day of a period of `months` starting on `start`: the day before the anniversary
    (a year from 29 February 2024 ends on 28 February 2025, from 1 March 2023 on 29 February 2024)."""
    anniversary = add_months(start, months)
    if anniversary.day != start.day:  # no such day that month: the anniversary is the 1st of the next
        return anniversary
    return anniversary - timedelta(days=1)


def add_days(d: date, days: int) -> date:
    return d + timedelta(days=days)


def add_delay(start: date, delay: dict) -> date:
    """`start` plus a delay written {"days": n} or {"months": n} in the knowledge base."""
    return add_days(start, delay["days"]) if "days" in delay else add_months(start, delay["months"])


def first_of_month(d: date) -> date:
    return d.replace(day=1)


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def numeric_date(d: date | None, lang: str | None = None) -> str:
    """Dates in columns, ten characters: day/month/year in French; year-month-day in English,
    where 03/04 would be read either way."""
    from assistant.i18n import language

    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if (lang or language()) == "fr" else d.isoformat()
