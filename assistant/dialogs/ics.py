"""A small iCalendar (RFC 5545) writer for the deadlines: one all-day event each."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines of at most 75 octets, continuation lines starting with a space (RFC 5545 3.1)."""
    parts, current = [], ""
    for char in line:
        limit = 75 if not parts else 74  # a continuation line also carries its leading space
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return [parts[0], *(" " + part for part in parts[1:])]


def calendar(events: list[tuple[date, str, str]], stamp: datetime | None = None) -> str:
    """`events` as (day, summary, description); CRLF line ends, UTF-8 text."""
    stamp = (stamp or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//assistant couverture sante//FR", "CALSCALE:GREGORIAN"]
    for day, summary, description in events:
        uid = hashlib.sha256(f"{day.isoformat()}|{summary}".encode()).hexdigest()[:24]
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@assistant-couverture",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
