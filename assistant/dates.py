"""Calendar arithmetic as French deadlines count it (stdlib only).

A period "of N months from D" ends on the day of the N-th month bearing the same number as D,
or on that month's last day when it has none (31 January + 1 month = 28/29 February).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + (d.month - 1) + months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def add_days(d: date, days: int) -> date:
    return d + timedelta(days=days)


def first_of_month(d: date) -> date:
    return d.replace(day=1)


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def fr(d: date | None) -> str:
    """Dates in reasons: day/month/year, the unambiguous French form."""
    return "" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year}"
