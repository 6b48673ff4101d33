"""`python -m assistant kb validate | show ID [--on DATE]`."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from assistant.dates import parse_iso


@click.group()
def kb() -> None:
    """Knowledge base: validate the YAML files, show a rule or figure."""


@kb.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Knowledge-base folder (default: the bundled one).")
def validate(data_dir: Path | None) -> None:
    """Validate every file (schema, sources, temporal coverage); exit 2 on the first error."""
    from assistant.knowledge.base import KnowledgeError
    from assistant.knowledge.checks import SPAN, coverage_gaps
    from assistant.knowledge.loader import load

    try:
        base = load(data_dir, cache_dir=None) if data_dir else load(cache_dir=None)
    except KnowledgeError as e:
        click.echo(f"base de connaissances invalide : {e}", err=True)
        sys.exit(2)
    gaps = coverage_gaps(base)
    if gaps:
        file_of = base.data["item_files"]
        for gap in gaps:
            click.echo(f"{file_of.get(gap.split(':')[0], '?')}: {gap}", err=True)
        sys.exit(2)
    click.echo(f"OK {base.version_id}: {len(base.items)} rules and figures, {len(base.documents)} documents, "
               f"{len(base.glossary)} glossary terms, {len(base.faq)} FAQ entries; "
               f"exactly one version in force every day from {SPAN[0]} to {SPAN[1]}")


@kb.command()
@click.argument("item_id")
@click.option("--on", "on_text", metavar="YYYY-MM-DD", help="Show the version in force on this date.")
@click.option("--json", "as_json", is_flag=True, help="Print the item as JSON.")
def show(item_id: str, on_text: str | None, as_json: bool) -> None:
    """Show a rule, figure or document with its versions and sources."""
    from assistant.knowledge.base import KnowledgeError
    from assistant.knowledge.loader import load

    try:
        on = parse_iso(on_text) if on_text else date.today()
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--on") from None
    try:
        base = load()
    except KnowledgeError as e:
        click.echo(f"base de connaissances : {e}", err=True)
        sys.exit(2)
    entry = base.items.get(item_id) or base.documents.get(item_id)
    if entry is None:
        from rapidfuzz import process

        close = [m[0] for m in process.extract(item_id, list(base.items) + list(base.documents), limit=3)]
        click.echo(f"{item_id}: inconnu ; vouliez-vous dire : {', '.join(close)} ?", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps(entry, default=str, ensure_ascii=False, indent=2))
        return
    click.echo(_describe(base, item_id, entry, on))


def _describe(base, item_id: str, entry: dict, on: date) -> str:
    from assistant.knowledge.base import format_source

    lines = [f"{item_id} — {entry['label']['fr']}"]
    if "versions" not in entry:
        lines += [f"  • {a['fr']}" for a in entry["alternatives"]]
        lines += [f"  ◦ 2e intention : {a['fr']}" for a in entry["second_intention"]]
        lines += [f"  source : {format_source(s)}" for s in entry["sources"]]
        return "\n".join(lines)
    for v in sorted(entry["versions"], key=lambda v: v["valid_from"] or date.min):
        start, end = v["valid_from"] or "…", v["valid_until"] or "…"
        in_force = (v["valid_from"] or date.min) <= on <= (v["valid_until"] or date.max)
        flag = "EN VIGUEUR" if in_force else "remplacé" if v["superseded_by"] else "autre période"
        lines.append(f"\n[{start} → {end}] {flag}{' le ' + on.isoformat() if in_force else ''}")
        if v["value"] is not None:
            lines.append(f"  valeur : {json.dumps(v['value'], ensure_ascii=False, default=str)}")
        if v["text"]:
            lines.append(f"  texte : {v['text']['fr']}")
        lines += [f"  source : {format_source(s)}" for s in v["sources"]]
        lines += [f"  remplacé par : {format_source(s)}" for s in v["superseded_by"] or []]
        if v["last_checked"]:
            lines.append(f"  vérifié le : {v['last_checked']}")
        if v["next_review"]:
            lines.append(f"  prochaine revalorisation : {v['next_review']}")
        if v["note"]:
            lines.append(f"  note : {v['note']['fr']}")
    return "\n".join(lines)
