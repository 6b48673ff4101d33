"""`python -m assistant kb validate | show ID [--on DATE] | diff --from DATE --to DATE`."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from assistant.cli_base import Group
from assistant.dates import parse_iso
from assistant.i18n import _, language, ngettext, short_date


@click.group(cls=Group)
def kb() -> None:
    """Base de connaissances : vérifier les fichiers YAML, afficher une règle ou un montant."""


@kb.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Dossier de la base de connaissances (défaut : celle fournie avec l'assistant).")
def validate(data_dir: Path | None) -> None:
    """Vérifier la base (schéma, sources, dates, éléments utilisés) ; code 2 à la première erreur."""
    from assistant.knowledge.base import KnowledgeError
    from assistant.knowledge.checks import SPAN, coverage_gaps
    from assistant.knowledge.loader import load

    try:
        base = load(data_dir, cache_dir=None) if data_dir else load(cache_dir=None)
    except KnowledgeError as e:
        click.echo(_("base de connaissances invalide : {error}").format(error=e), err=True)
        sys.exit(2)
    gaps = coverage_gaps(base)
    if gaps:
        file_of = base.data["item_files"]
        for item_id, problem in gaps:
            click.echo(f"{file_of.get(item_id, '?')}: {item_id} : {problem}", err=True)
        sys.exit(2)
    click.echo(_("OK {version} : {items} règles et montants, {documents} pièces justificatives, {terms} termes "
                 "du glossaire, {faq} questions de la FAQ ; une seule version en vigueur chaque jour du {start} "
                 "au {end}").format(
        version=base.version_id, items=len(base.items), documents=len(base.documents), terms=len(base.glossary),
        faq=len(base.faq), start=short_date(SPAN[0]), end=short_date(SPAN[1])))


@kb.command()
@click.argument("item_id", metavar="IDENTIFIANT")
@click.option("--on", "on_text", metavar="AAAA-MM-JJ", help="Afficher la version en vigueur à cette date.")
@click.option("--json", "as_json", is_flag=True, help="Écrire l'élément en JSON.")
def show(item_id: str, on_text: str | None, as_json: bool) -> None:
    """Afficher une règle, un montant ou une pièce avec ses versions et ses sources."""
    from assistant.knowledge.base import KnowledgeError
    from assistant.knowledge.loader import load

    try:
        on = parse_iso(on_text) if on_text else date.today()
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--on") from None
    try:
        base = load()
    except KnowledgeError as e:
        click.echo(_("base de connaissances : {error}").format(error=e), err=True)
        sys.exit(2)
    entry = base.items.get(item_id) or base.documents.get(item_id)
    if entry is None:
        from rapidfuzz import process

        close = [m[0] for m in process.extract(item_id, list(base.items) + list(base.documents), limit=3)]
        click.echo(_("{id} : inconnu ; vouliez-vous dire : {close} ?").format(id=item_id, close=", ".join(close)),
                   err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(entry, default=str, ensure_ascii=False, indent=2))
        return
    click.echo(_describe(item_id, entry, on))


def _text(text: dict) -> str:
    return text.get(language()) or text["fr"]


def _describe(item_id: str, entry: dict, on: date) -> str:
    from assistant.knowledge.base import format_source

    lines = [f"{item_id} — {_text(entry['label'])}"]
    if "versions" not in entry:
        lines += [f"  • {_text(a)}" for a in entry["alternatives"]]
        lines += ["  ◦ " + _("2e intention : {text}").format(text=_text(a)) for a in entry["second_intention"]]
        lines += ["  " + _("source : {source}").format(source=format_source(s)) for s in entry["sources"]]
        return "\n".join(lines)
    for v in sorted(entry["versions"], key=lambda v: v["valid_from"] or date.min):
        start, end = v["valid_from"] or "…", v["valid_until"] or "…"
        in_force = (v["valid_from"] or date.min) <= on <= (v["valid_until"] or date.max)
        flag = (_("EN VIGUEUR le {date}").format(date=on.isoformat()) if in_force
                else _("remplacé") if v["superseded_by"] else _("autre période"))
        lines.append(f"\n[{start} → {end}] {flag}")
        if v["value"] is not None:
            value = json.dumps(v["value"], ensure_ascii=False, default=str)
            lines.append("  " + _("valeur : {value}").format(value=value))
        if v["text"]:
            lines.append("  " + _("texte : {text}").format(text=_text(v["text"])))
        lines += ["  " + _("source : {source}").format(source=format_source(s)) for s in v["sources"]]
        lines += ["  " + _("remplacé par : {source}").format(source=format_source(s))
                  for s in v["superseded_by"] or []]
        if v["last_checked"]:
            lines.append("  " + _("vérifié le : {date}").format(date=v["last_checked"]))
        if v["next_review"]:
            lines.append("  " + _("prochaine revalorisation : {date}").format(date=v["next_review"]))
        if v["note"]:
            lines.append("  " + _("note : {text}").format(text=_text(v["note"])))
    return "\n".join(lines)


@kb.command()
@click.option("--from", "from_", required=True, metavar="AAAA-MM-JJ", help="Date de départ.")
@click.option("--to", "to", required=True, metavar="AAAA-MM-JJ", help="Date d'arrivée.")
def diff(from_: str, to: str) -> None:
    """Les règles et montants qui changent entre deux dates : ancienne et nouvelle valeur, sources."""
    from assistant.knowledge.base import KnowledgeError, format_sources
    from assistant.knowledge.diff import changes, shown, value_changes
    from assistant.knowledge.loader import load

    dates = []
    for value, option in ((from_, "--from"), (to, "--to")):
        try:
            dates.append(parse_iso(value))
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint=option) from None
    start, end = dates
    if end < start:
        raise click.BadParameter(_("la date d'arrivée précède la date de départ"), param_hint="--to")
    try:
        base = load()
    except KnowledgeError as e:
        click.echo(_("base de connaissances : {error}").format(error=e), err=True)
        sys.exit(2)
    found = changes(base, start, end)
    click.echo(ngettext("Du {start} au {end} : {count} changement dans la base {version}.",
                        "Du {start} au {end} : {count} changements dans la base {version}.", len(found)).format(
        start=short_date(start), end=short_date(end), count=len(found), version=base.version_id))
    for change in found:
        click.echo(f"\n{change.item_id} — {_text(base.items[change.item_id]['label'])}")
        if change.new is None:
            click.echo("  " + _("ne s'applique plus à partir du {date}").format(date=short_date(change.on)))
        else:
            click.echo("  " + _("à partir du {date}").format(date=short_date(change.on)))
        old, new = change.old or {}, change.new or {}
        for key, was, now in value_changes(old.get("value"), new.get("value")):
            click.echo(f"    {key or _('valeur')} : {shown(was)} → {shown(now)}")
        old_text, new_text = old.get("text"), new.get("text")
        if old_text != new_text:
            click.echo("    " + _("ancien texte : {text}").format(text=_text(old_text) if old_text else "—"))
            click.echo("    " + _("nouveau texte : {text}").format(text=_text(new_text) if new_text else "—"))
        for title in format_sources(new.get("sources") or [], base.cites):
            click.echo("    " + _("source : {source}").format(source=title))
        for title in format_sources(old.get("sources") or [], base.cites):
            click.echo("    " + _("source de l'ancienne version : {source}").format(source=title))
        for title in format_sources(old.get("superseded_by") or [], base.cites):
            click.echo("    " + _("l'ancienne version est remplacée par : {source}").format(source=title))
        if new.get("note"):
            click.echo("    " + _("note : {text}").format(text=_text(new["note"])))
