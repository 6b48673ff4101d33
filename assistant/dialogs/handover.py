"""The handover slip for the person (Markdown, readable as plain text, and printable HTML) and
the deadlines as an iCalendar file. Same sections as the result card of the chat."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from assistant.dialogs import ics
from assistant.dialogs.outcome import Entry, sections, source_text
from assistant.files import write_new
from assistant.i18n import _, long_date

MARKS = {True: "[x] ", False: "[ ] ", None: ""}


def _intro(on: date, case_id: str | None) -> tuple[str, str]:
    intro = _("Consultation du {date}. Cette fiche résume ce qui a été vu ensemble ; la décision "
              "appartient à la caisse d'assurance maladie.").format(date=long_date(on))
    if case_id:
        intro += " " + _("Dossier n° {case_id} (à rappeler au prochain rendez-vous).").format(case_id=case_id)
    return _("Fiche de liaison : accès aux droits santé"), intro


def markdown(assessment: dict, on: date, facts: list[tuple[str, str]], checklist: dict[str, bool],
             case_id: str | None = None) -> str:
    title, intro = _intro(on, case_id)
    lines = [f"# {title}", "", intro, ""]
    for heading, entries in sections(assessment, facts, checklist):
        lines += [f"## {heading}", ""]
        for e in entries:
            lines.append(f"- {MARKS[e.mark]}{e.text}")
            lines += [f"  - {d}" for d in e.details]
            if e.sources:
                lines.append("  - " + _("Source : {sources}").format(sources=" ; ".join(e.sources)))
        lines.append("")
    lines.append(_("Base de connaissances : {version}").format(version=assessment.get("kb_version", "?")))
    return "\n".join(lines) + "\n"


def _html_entry(e: Entry) -> str:
    mark = {True: "☑ ", False: "☐ ", None: ""}[e.mark]
    inner = "".join(f"<li>{html.escape(d)}</li>" for d in e.details)
    if e.sources:
        inner += f'<li class="source">{html.escape(_("Source : {sources}").format(sources=" ; ".join(e.sources)))}</li>'
    return f"<li>{mark}{html.escape(e.text)}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>"


def html_page(assessment: dict, on: date, facts: list[tuple[str, str]], checklist: dict[str, bool],
              case_id: str | None = None) -> str:
    title, intro = _intro(on, case_id)
    body = [f"<h1>{html.escape(title)}</h1>", f"<p>{html.escape(intro)}</p>"]
    for heading, entries in sections(assessment, facts, checklist):
        body.append(f"<h2>{html.escape(heading)}</h2><ul>{''.join(_html_entry(e) for e in entries)}</ul>")
    body.append(f'<p class="source">{html.escape(_("Base de connaissances : {version}").format(version=assessment.get("kb_version", "?")))}</p>')
    style = ("body{font-family:sans-serif;max-width:48em;margin:2em auto;line-height:1.4}"
             "h2{border-bottom:1px solid #888}.source{color:#555;font-size:.85em}"
             "@media print{body{margin:0}}")
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def deadlines_calendar(assessment: dict) -> str:
    events = [
        (date.fromisoformat(d["date"]), d["label"],
         _("Source : {sources}").format(sources=" ; ".join(source_text(s) for s in d.get("sources", []))))
        for d in assessment.get("deadlines", []) if d.get("date")
    ]
    return ics.calendar(events)


def export(folder: Path, stem: str, assessment: dict, on: date, facts: list[tuple[str, str]],
           checklist: dict[str, bool], case_id: str | None = None) -> list[Path]:
    """Write `stem.md`, `stem.html` and `stem.ics` into `folder`; returns the paths written.
    `case_id`: the case number, printed on the slip (none when nothing is recorded).

    The slip describes a person: new owner-only files (seeds 001/004 Annexe 1), never written
    through a link nor over an earlier slip (then named `stem-2.md`...)."""
    texts = [markdown(assessment, on, facts, checklist, case_id), html_page(assessment, on, facts, checklist, case_id),
             deadlines_calendar(assessment)]
    return write_new(folder, [f"{stem}.md", f"{stem}.html", f"{stem}.ics"], [t.encode("utf-8") for t in texts])
