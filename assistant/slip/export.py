"""The slip in each format, and its export as new owner-only files.

Formats: `pdf` (what is printed and handed over), `html` (printable page), `md` (plain text),
`ics` (the dates to remember, for a calendar). The app writes all four under one name; the
command line `cases slip` writes the one asked for.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.dialogs import ics
from assistant.files import write_new
from assistant.i18n import _
from assistant.knowledge.base import format_source
from assistant.slip.content import Slip

FORMATS = ("pdf", "html", "md", "ics")


def calendar(assessment: dict) -> str:
    """The assessment's deadlines as all-day events, each with its sources (as titles)."""
    events = [
        (date.fromisoformat(d["date"]), d["label"],
         _("Source : {sources}").format(sources=" ; ".join(format_source(s) for s in d.get("sources", []))))
        for d in assessment.get("deadlines", []) if d.get("date")
    ]
    return ics.calendar(events)


def render(slip: Slip, assessment: dict, fmt: str) -> bytes:
    if fmt == "pdf":
        from assistant.slip.pdf import render as pdf

        return pdf(slip)[0]
    from assistant.slip.text import html_page, markdown

    text = {"html": html_page, "md": markdown}.get(fmt)
    if text is not None:
        return text(slip).encode("utf-8")
    if fmt == "ics":
        return calendar(assessment).encode("utf-8")
    raise ValueError(f"unknown slip format {fmt!r} (choose among {', '.join(FORMATS)})")


def export(folder: Path, stem: str, slip: Slip, assessment: dict, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """Write the slip in `formats` as new owner-only files sharing one free name in `folder`
    (`fiche-X.pdf`, or `fiche-X-2.pdf`... when an earlier export has the name); returns the paths."""
    contents = [render(slip, assessment, fmt) for fmt in formats]
    return write_new(folder, [f"{stem}.{fmt}" for fmt in formats], contents)
