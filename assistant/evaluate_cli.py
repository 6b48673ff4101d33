"""`python -m assistant evaluate`: the contract of shared/contract/EVALUATE.md.

Imports neither pydantic models nor Textual: the knowledge base comes from its hash-checked
cache and the situation schema is a compiled pydantic-core validator.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date

import click

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_iso(value: str, name: str) -> date:
    """A strict YYYY-MM-DD date, or a click error naming the option."""
    try:
        if not _ISO.match(value):
            raise ValueError("format attendu AAAA-MM-JJ")
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"date impossible {value!r} ({e})", param_hint=name) from None


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)


@click.command()
@click.argument("situation", required=False, type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--on", "on_text", metavar="YYYY-MM-DD", help="Evaluation date (default: today).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True)
@click.option("--batch", "batch_path", type=click.Path(allow_dash=True, dir_okay=False),
              help="JSON Lines file: one situation a line in, one assessment a line out.")
def evaluate(situation: str | None, on_text: str | None, lang: str, batch_path: str | None) -> None:
    """Evaluate a situation (JSON file, or - for stdin) and print the assessment as JSON."""
    from assistant.engine import evaluate as run
    from assistant.knowledge.base import KnowledgeError
    from assistant.knowledge.loader import load
    from assistant.validation import SituationError, parse_situation

    if (situation is None) == (batch_path is None):
        _fail("evaluate: give one SITUATION file (or -) or --batch FILE")
    try:
        on = parse_iso(on_text, "--on") if on_text else date.today()
    except click.BadParameter as e:
        _fail(f"--on: {e.message}")
    try:
        kb = load()
    except KnowledgeError as e:
        _fail(f"base de connaissances : {e}")
    try:
        raw = _read(batch_path or situation)
    except OSError as e:
        _fail(f"{batch_path or situation}: lecture impossible ({e.strerror})")

    if batch_path is None:
        try:
            result = run(parse_situation(raw, on), on=on, kb=kb, lang=lang)
        except SituationError as e:
            _fail(f"situation invalide : {e.field}: {e.message}")
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return

    bad = False
    out = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.dumps(run(parse_situation(line, on), on=on, kb=kb, lang=lang), ensure_ascii=False))
        except SituationError as e:
            bad = True
            out.append(json.dumps({"error": {"line": number, "field": e.field, "message": e.message}},
                                  ensure_ascii=False))
    sys.stdout.write("\n".join(out) + ("\n" if out else ""))
    if bad:
        sys.exit(2)


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    with open(path, "rb") as f:
        return f.read()
