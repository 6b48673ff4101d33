"""`python -m assistant ask "TEXT" [--json] [--limit N] [--full] [--on DATE]`: the knowledge search."""

from __future__ import annotations

import json
import sys
from datetime import date

import click

from assistant.cli_base import Command
from assistant.dates import parse_iso


@click.command(cls=Command)
@click.argument("text", metavar="TEXTE", nargs=-1, required=True)
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50), help="Nombre d'entrées à afficher.")
@click.option("--full", is_flag=True, help="Chaque entrée en entier (par défaut : la première en entier, puis les titres).")
@click.option("--json", "as_json", is_flag=True, help="Les entrées classées, en JSON.")
@click.option("--on", "on_text", metavar="AAAA-MM-JJ", help="Les règles en vigueur à cette date (par défaut : aujourd'hui).")
def ask(text: tuple[str, ...], limit: int, full: bool, as_json: bool, on_text: str | None) -> None:
    """Chercher dans le glossaire, la FAQ, les règles et les pièces ; chaque entrée avec sa source."""
    from assistant.i18n import _, language
    from assistant.knowledge.base import KnowledgeError, format_source
    from assistant.knowledge.entries import format_entry, kind_label, sources_line
    from assistant.knowledge.loader import load
    from assistant.knowledge.search import index_for

    try:
        on = parse_iso(on_text) if on_text else date.today()
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--on") from None
    try:
        kb = load()
    except KnowledgeError as e:
        click.echo(_("base de connaissances : {error}").format(error=e), err=True)
        sys.exit(2)
    query = " ".join(text)
    hits = index_for(kb, language(), on).search(query, limit=limit)
    if as_json:
        results = [{"rank": rank, "score": round(hit.score, 3),
                    **{k: v for k, v in hit.entry.items() if k not in ("match", "names")},
                    "sources": [{**s, "text": format_source(s)} for s in hit.entry["sources"]]}
                   for rank, hit in enumerate(hits, 1)]
        click.echo(json.dumps({"query": query, "on": on.isoformat(), "results": results}, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo(_("Aucun résultat pour « {query} » (glossaire, questions, règles, pièces).").format(query=query))
        return
    for rank, hit in enumerate(hits, 1):
        found = hit.entry
        if rank == 1 or full:
            text_lines = format_entry(found).splitlines()
            click.echo(f"{rank}. {text_lines[0]}")
            click.echo("\n".join(f"   {line}" for line in text_lines[1:]))
        else:
            click.echo(f"{rank}. [{kind_label(found['kind'])}] {found['title']}")
            click.echo("   " + _("Source : {sources}").format(sources=sources_line(found["sources"])))
