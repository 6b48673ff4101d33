"""The slip as Markdown (readable as plain text) and as a printable HTML page (A4)."""

from __future__ import annotations

import html

from assistant.i18n import N_, _, labelled, language
from assistant.slip.content import Document, Slip, Task, choices, pieces_count


NOTHING = N_("Rien à déposer pour l'instant.")


def _doc_lines(d: Document) -> list[str]:
    box = "[x]" if d.has else "[ ]"
    if d.listed_in is not None:
        return [f"- {box} {d.label} " + _("(voir la demande {n})").format(n=d.listed_in)]
    runs = choices(d)
    detail = "".join(f"*{text.strip()}* " if strong else text for text, strong in runs).strip()
    return [f"- {box} {d.label}", *([f"  {detail}"] if detail else [])]


def _task_md(n: int, t: Task) -> list[str]:
    lines = [f"### {n}. {t.title}", ""]
    if t.when:
        lines += [f"**{_('Quand')}**{_(' : ')}" + " ".join(t.when), ""]
    label = _("Où") if t.documents else _("Contact")
    if t.where:
        for c in t.where:
            lines.append(f"**{label}**{_(' : ')}{c.name}")
            lines += [f"  - {line}" for line in c.lines()]
    else:
        lines.append(f"**{label}**{_(' : ')}{t.where_note}")
    lines.append("")
    if t.documents:
        lines += [f"**{pieces_count(t)}**{_(' : ').rstrip()}", ""]
        for d in t.documents:
            lines += _doc_lines(d)
        lines.append("")
    return lines


def markdown(slip: Slip) -> str:
    lines = [f"# {slip.title}", "", slip.subtitle, "", f"## {_('À faire')}", ""]
    for n, t in enumerate(slip.tasks, start=1):
        lines += _task_md(n, t)
    if not slip.tasks:
        lines += [_(NOTHING), ""]
    lines += [f"## {_('Vos droits')}", "", *(f"- {c}" for c in slip.coverages), ""]
    if slip.dates:
        lines += [f"## {_('Dates à retenir')}", "", *(f"- {d}" for d in slip.dates), ""]
    lines += [" · ".join(labelled(label, value) for label, value in slip.signature), "", slip.notice, ""]
    if slip.sources:
        lines += [_("Sources : {sources}").format(sources=" ; ".join(slip.sources)), ""]
    return "\n".join(lines)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _doc_html(d: Document) -> str:
    box = "☑" if d.has else "☐"
    if d.listed_in is not None:
        return f'<li><span class="box">{box}</span> {_e(d.label)} <span class="muted">{_e(_("(voir la demande {n})").format(n=d.listed_in))}</span></li>'
    runs = "".join(f"<b>{_e(text)}</b>" if strong else _e(text) for text, strong in choices(d))
    detail = f'<div class="small">{runs}</div>' if runs else ""
    return f'<li><span class="box">{box}</span> {_e(d.label)}{detail}</li>'


def _task_html(n: int, t: Task) -> str:
    parts = [f"<h3>{n}. {_e(t.title)}</h3>"]
    if t.when:
        parts.append(f"<p><b>{_e(_('Quand'))}</b>{_e(_(' : '))}{_e(' '.join(t.when))}</p>")
    label = _("Où") if t.documents else _("Contact")
    if t.where:
        for c in t.where:
            lines = "<br>".join(_e(line) for line in c.lines())
            parts.append(f'<p><b>{_e(label)}</b>{_e(_(" : "))}{_e(c.name)}<br><span class="small">{lines}</span></p>')
    else:
        parts.append(f"<p><b>{_e(label)}</b>{_e(_(' : '))}{_e(t.where_note or '')}</p>")
    if t.documents:
        parts.append(f"<p><b>{_e(pieces_count(t))}</b>{_e(_(' : ').rstrip())}</p><ul class=\"docs\">{''.join(_doc_html(d) for d in t.documents)}</ul>")
    return "".join(parts)


STYLE = ("@page{size:A4;margin:14mm}body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;max-width:48em;"
         "margin:1em auto;line-height:1.3}h1{font-size:15pt;margin:0}h2{font-size:12pt;border-bottom:1px solid #888;"
         "margin:.8em 0 .3em}h3{font-size:10.5pt;margin:.6em 0 .2em}p{margin:.2em 0}ul{margin:.2em 0;padding-left:1.2em}"
         "ul.docs{list-style:none;padding-left:0}.box{font-size:12pt}.small,.muted,footer{font-size:8.5pt;color:#333}"
         "footer{margin-top:1em;border-top:1px solid #888}@media print{body{margin:0;max-width:none}}")


def html_page(slip: Slip) -> str:
    body = [f"<h1>{_e(slip.title)}</h1>", f"<p>{_e(slip.subtitle)}</p>", f"<h2>{_e(_('À faire'))}</h2>"]
    body += [_task_html(n, t) for n, t in enumerate(slip.tasks, start=1)]
    if not slip.tasks:
        body.append(f"<p>{_e(_(NOTHING))}</p>")
    body.append(f"<h2>{_e(_('Vos droits'))}</h2><ul>{''.join(f'<li>{_e(c)}</li>' for c in slip.coverages)}</ul>")
    if slip.dates:
        body.append(f"<h2>{_e(_('Dates à retenir'))}</h2><ul>{''.join(f'<li>{_e(d)}</li>' for d in slip.dates)}</ul>")
    signature = " · ".join(f"{_e(label)}{_e(_(' : '))}<b>{_e(value)}</b>" for label, value in slip.signature)
    sources = _e(_("Sources : {sources}").format(sources=" ; ".join(slip.sources))) if slip.sources else ""
    body.append(f"<footer><p>{signature}</p><p>{_e(slip.notice)}</p><p>{sources}</p></footer>")
    return (f'<!DOCTYPE html>\n<html lang="{language()}"><head><meta charset="utf-8"><title>{_e(slip.title)}</title>'
            f"<style>{STYLE}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
