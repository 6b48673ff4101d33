"""Opening hours as data·inclusion stores them (OpenStreetMap `opening_hours`), in words.

`Mo-Fr 08:30-12:30,13:30-16:30; Sa 09:00-12:00; PH off` ->
`lun.–ven. 8 h 30–12 h 30, 13 h 30–16 h 30 ; sam. 9 h–12 h ; fermé les jours fériés`
(`Mon–Fri 8:30–12:30, 13:30–16:30; Sat 9:00–12:00; closed on public holidays` in English).
Only the common forms are put in words; anything else is shown as written.
"""

from __future__ import annotations

import re

from assistant.i18n import N_, _

_DAYS = {"Mo": N_("lun."), "Tu": N_("mar."), "We": N_("mer."), "Th": N_("jeu."), "Fr": N_("ven."), "Sa": N_("sam."),
         "Su": N_("dim.")}
_DAY = "(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS_PART = re.compile(rf"^{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*$")
_TIMES_PART = re.compile(r"^\d{2}:\d{2}-\d{2}:\d{2}(?:,\d{2}:\d{2}-\d{2}:\d{2})*$")


def _time(text: str) -> str:
    hours, minutes = text.split(":")
    if minutes == "00":
        return _("{hours} h").format(hours=int(hours))
    return _("{hours} h {minutes}").format(hours=int(hours), minutes=minutes)


def _days(text: str) -> str:
    return ", ".join("–".join(_(_DAYS[d]) for d in span.split("-")) for span in text.split(","))


def _rule(rule: str) -> str | None:
    rule = rule.strip()
    if rule in ("PH off", "PH closed"):
        return _("fermé les jours fériés")
    days, _sep, times = rule.partition(" ")
    if not _DAYS_PART.match(days):
        return None
    times = times.strip()
    if times in ("off", "closed"):
        return _("{days} fermé").format(days=_days(days))
    if not _TIMES_PART.match(times):
        return None
    spans = ", ".join("–".join(_time(t) for t in span.split("-")) for span in times.split(","))
    return f"{_days(days)} {spans}"


def in_words(hours: str | None) -> str | None:
    """The hours in words, or as written when they are not in a form read here."""
    if not hours or not hours.strip():
        return None
    rules = [_rule(r) for r in hours.split(";") if r.strip()]
    if not rules or None in rules:
        return hours.strip()
    return _(" ; ").join(rules)
