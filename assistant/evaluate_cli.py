"""`python -m assistant evaluate`: the contract of shared/contract/EVALUATE.md.

Deliberately free of click, pydantic models and Textual: `__main__` calls `main()` directly so
the command starts within 1.5x of `import pydantic`; the knowledge base comes from its
hash-checked cache and the situation schema from a compiled pydantic-core validator.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

from assistant.i18n import LANGUAGES, _, language, set_language

_COMPACT = (",", ":")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with one line, as the contract wants
        self.exit(2, _("evaluate : {message}").format(message=message) + "\n")


def _parser() -> argparse.ArgumentParser:
    """Built when run, after the language is chosen: its texts and argparse's are translated."""
    p = _Parser(prog="assistant evaluate",
                description=_("Évaluer une situation (fichier JSON, ou - pour l'entrée standard) "
                              "et écrire le résultat en JSON."))
    p.add_argument("situation", nargs="?", metavar=_("SITUATION"),
                   help=_("fichier JSON de la situation, ou - pour l'entrée standard"))
    p.add_argument("--on", metavar=_("AAAA-MM-JJ"), help=_("date de l'évaluation (défaut : aujourd'hui)"))
    p.add_argument("--lang", choices=LANGUAGES, default=language(),
                   help=_("langue du résultat et des messages (défaut : ASSISTANT_LANG, sinon fr)"))
    p.add_argument("--batch", metavar=_("FICHIER"),
                   help=_("JSON Lines : une situation par ligne en entrée, un résultat par ligne en sortie"))
    return p


def _fail(message: str) -> int:
    sys.stderr.write(message + "\n")
    return 2


def main(argv: list[str]) -> int:
    """The command, with its output checked (closed, full disk, broken pipe: one line, status 1)."""
    from assistant.output import run_checking_stdout

    return run_checking_stdout(lambda: _evaluate(argv))


def _evaluate(argv: list[str]) -> int:
    from assistant.dates import parse_iso
    from assistant.engine import evaluate
    from assistant.knowledge.base import KnowledgeError
    from assistant.knowledge.loader import load
    from assistant.validation import SituationError, parse_situation

    args = _parser().parse_args(argv)
    if args.lang != language():  # called directly (tests), not through the entry point
        set_language(args.lang)
    if (args.situation is None) == (args.batch is None):
        return _fail(_("evaluate : donnez un fichier SITUATION (ou -) ou --batch FICHIER"))
    try:
        on = parse_iso(args.on) if args.on else date.today()
    except ValueError as e:
        return _fail(f"--on : {e}")
    source = args.batch or args.situation
    try:
        raw = sys.stdin.buffer.read() if source == "-" else _read(source)
    except OSError as e:
        return _fail(_("{file} : lecture impossible ({reason})").format(file=source, reason=e.strerror))
    try:
        kb = load()
    except KnowledgeError as e:
        return _fail(_("base de connaissances : {error}").format(error=e))

    if args.batch is None:
        try:
            result = evaluate(parse_situation(raw, on), on=on, kb=kb, lang=args.lang)
        except SituationError as e:
            return _fail(_("situation invalide : {field}: {message}").format(field=e.field, message=e.message))
        sys.stdout.write(json.dumps(result, ensure_ascii=False, separators=_COMPACT) + "\n")
        return 0

    lines = [(number, line) for number, line in enumerate(raw.splitlines(), start=1) if line.strip()]
    bad = False
    for text, chunk_bad in _batch(lines, on, kb, args.lang):
        sys.stdout.write(text)
        bad = bad or chunk_bad
    return 2 if bad else 0


_PARALLEL_FROM = 2000  # below this, forking workers costs more than it saves
_CHUNK = 250
_job: tuple = ()  # (on, kb, lang): set before forking, inherited by the workers


def _batch(lines: list[tuple[int, bytes]], on: date, kb, lang: str):
    """Yield (JSON Lines text, any bad line) chunk by chunk, in input order.

    Large batches use one forked worker per core (up to 4): the knowledge base and compiled
    validator are inherited, so workers start at once.
    """
    global _job
    _job = (on, kb, lang)
    chunks = [lines[i:i + _CHUNK] for i in range(0, len(lines), _CHUNK)]
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or len(lines) < _PARALLEL_FROM or sys.platform == "win32":
        yield from map(_evaluate_chunk, chunks)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(_evaluate_chunk, chunks)


def _evaluate_chunk(chunk: list[tuple[int, bytes]]) -> tuple[str, bool]:
    from assistant.engine import evaluate
    from assistant.validation import SituationError, parse_situation

    on, kb, lang = _job
    out, bad = [], False
    for number, line in chunk:
        try:
            result = evaluate(parse_situation(line, on), on=on, kb=kb, lang=lang)
        except SituationError as e:
            bad = True
            result = {"error": {"line": number, "field": e.field, "message": e.message}}
        out.append(json.dumps(result, ensure_ascii=False, separators=_COMPACT))
    return "".join(line + "\n" for line in out), bad


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()
