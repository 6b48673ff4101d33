"""`python -m assistant dialog --jsonl`: the consultation without the screen (contract DIALOG.md).

One answer a line on stdin, exactly as the agent types it in the chat; one JSON object a line
on stdout, flushed: `question`, `understood`, `invalid`, `refused`, then `result`. The same
consultation object as the app reads, answers and records (`assistant.consultation`).
`/back` edits the previous question (answers it does not affect are kept); `/quit` or the end
of input before the result: exit status 3, one message on stderr, the case kept to resume in
the app. After `result`: exit 0, further input is not read. Like `evaluate`, free of click and
Textual; the case log (sqlite-utils) is opened once the first question is out.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from assistant.i18n import LANGUAGES, _, language, set_language

EXIT_UNFINISHED = 3
BACK, QUIT = "/back", "/quit"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line and exit 2, like evaluate
        self.exit(2, _("dialog : {message}").format(message=message) + "\n")


def _parser() -> argparse.ArgumentParser:
    """Built when run, after the language is chosen: its texts and argparse's are translated."""
    p = _Parser(prog="assistant dialog",
                description=_("La consultation sur l'entrée et la sortie standard, un objet JSON par ligne."))
    p.add_argument("--jsonl", action="store_true", required=True, help=_("protocole JSON Lines (le seul)"))
    p.add_argument("--on", metavar=_("AAAA-MM-JJ"),
                   help=_("date de l'évaluation (défaut : aujourd'hui) ; un autre jour marque une "
                          "démonstration, hors rapports d'activité"))
    p.add_argument("--lang", choices=LANGUAGES, default=language(),
                   help=_("langue des questions et des messages (défaut : ASSISTANT_LANG, sinon fr)"))
    p.add_argument("--no-log", action="store_true", help=_("ne rien enregistrer dans le journal des dossiers"))
    p.add_argument("--agent", metavar=_("CODE"), help=_("code de l'agent (défaut : celui des réglages du site)"))
    p.add_argument("--db", metavar=_("FICHIER"),
                   help=_("journal des dossiers (défaut : ASSISTANT_DB, sinon le dossier de données)"))
    return p


class _Face:
    """Writes the protocol's lines; keeps where an edit (`/back`) stands."""

    def __init__(self, consultation):
        self.consultation = consultation
        self.editing = None  # the earlier question being changed, if any

    def emit(self, line_type: str, /, **fields) -> None:
        sys.stdout.write(json.dumps({"type": line_type, **fields}, ensure_ascii=False, separators=(",", ":")) + "\n")
        sys.stdout.flush()

    def ask(self) -> None:
        from assistant.dialogs.answers import echo

        question = self.editing or self.consultation.question
        fields = {"id": question.id, "text": _(question.text), "kind": question.type,
                  "replies": [{"key": c.key, "label": _(c.label)} for c in self.consultation.replies(question)]}
        if self.editing is not None:
            current = self.consultation.runner.state.answers.get(question.id)
            fields |= {"edit": True, "current": echo(question, current) if current else None}
        self.emit("question", **fields)

    def back(self) -> None:
        """Re-ask the question before the one asked now (an edit)."""

        target = self.consultation.back_target(self.editing)
        if target is None:
            asked = self.editing or self.consultation.question
            self.emit("invalid", id=asked.id, message=_("Aucune réponse précédente à modifier."))
        else:
            self.editing = target
        self.ask()

    def take(self, line: str) -> None:
        """One typed line: the reading, or what to type instead, then the next question."""
        c = self.consultation
        step = c.say_edit(self.editing.id, line) if self.editing is not None else c.say(line)
        if step.kind == "invalid":
            self.emit("invalid", id=step.question.id, message=step.text)
        elif step.kind == "refused":
            self.emit("refused", id=step.question.id, message=step.text)
        else:  # understood (no dialog is opened from the result here: nothing to confirm)
            self.emit("understood", id=step.question.id, text=step.text)
            self.editing = None
            if step.problem:
                _warn(step.problem)
        if not c.done or self.editing is not None:
            self.ask()


def main(argv: list[str]) -> int:
    try:
        return _run(argv)
    except KeyboardInterrupt:
        sys.stderr.write(_("dialog : interrompu") + "\n")
        return EXIT_UNFINISHED
    except BrokenPipeError:  # the reader went away: nothing more to say to it
        return EXIT_UNFINISHED
    except Exception as error:  # no traceback ever reaches a user; the message says what broke
        sys.stderr.write(_("dialog : erreur interne : {kind} : {error}").format(
            kind=type(error).__name__, error=" ".join(str(error).split())) + "\n")
        return 1


def _run(argv: list[str]) -> int:
    from assistant.dates import parse_iso

    args = _parser().parse_args(argv)
    try:
        on = parse_iso(args.on) if args.on else date.today()
    except ValueError as error:
        sys.stderr.write(_("dialog : --on : {error}").format(error=error) + "\n")
        return 2
    for stream in (sys.stdin, sys.stdout):
        stream.reconfigure(encoding="utf-8")
    if args.lang != language():  # called directly (tests), not through the entry point
        set_language(args.lang)

    from assistant.consultation import Consultation
    from assistant.dialogs.engine import EngineAssess

    from assistant.site import SiteSettingsError, load_site

    try:
        site = load_site()
    except SiteSettingsError as error:
        sys.stderr.write(_("dialog : réglages du site : {error}").format(error=error) + "\n")
        return 2
    if args.agent is not None:
        from assistant.site import KEYS

        try:
            KEYS["agent"].parse(args.agent)
        except ValueError as error:
            sys.stderr.write(_("dialog : --agent : {error}").format(error=error) + "\n")
            return 2
    consultation = Consultation.open(lambda day: EngineAssess(day, args.lang), on, record=not args.no_log,
                                     demo=on != date.today(), site=site, agent=args.agent)
    face = _Face(consultation)
    face.ask()
    if not args.no_log:
        problem = _open_log(consultation, args.db)
        if problem:
            sys.stderr.write(f"dialog: {problem}\n")
            return 1

    while not consultation.done or face.editing is not None:
        line = sys.stdin.readline()
        command = line.strip().lower()
        if not line or command == QUIT:
            return _unfinished(consultation)
        if command == BACK:
            face.back()
        else:
            face.take(line.rstrip("\r\n"))

    problem = consultation.flush()
    face.emit("result", assessment=consultation.assessment, case_id=consultation.case_id)
    if problem:

        sys.stderr.write("dialog: " + _("{problem} Le résultat n'a pas pu être enregistré.").format(problem=problem)
                         + "\n")
        return 1
    return 0


def _open_log(consultation, db: str | None) -> str | None:
    """Open the case log (after the first question is out: sqlite-utils loads slowly)."""
    from pathlib import Path

    from assistant.store.caselog import CaseLog
    from assistant.store.errors import StoreError

    try:
        return consultation.connect(CaseLog(Path(db) if db else None))
    except StoreError as error:
        return str(error)


def _unfinished(consultation) -> int:
    """End of input before the result: say what is kept, and how to resume it."""

    problem = consultation.flush()
    if problem:
        message, status = _("Consultation interrompue avant le résultat. {problem} Les dernières réponses "
                            "n'ont pas pu être enregistrées.").format(problem=problem), 1
    elif consultation.case_id:
        message, status = _("Consultation interrompue avant le résultat : dossier {case_id} gardé, à reprendre "
                            "avec python -m assistant --case {case_id}").format(case_id=consultation.case_id), \
            EXIT_UNFINISHED
    elif consultation.recording:
        message, status = _("Consultation interrompue avant la première réponse : rien n'a été enregistré."), \
            EXIT_UNFINISHED
    else:
        message, status = _("Consultation interrompue avant le résultat (--no-log : rien n'a été enregistré)."), \
            EXIT_UNFINISHED
    sys.stderr.write(f"dialog: {message}\n")
    return status


def _warn(problem: str) -> None:

    sys.stderr.write("dialog: " + _("Journal des dossiers : {problem} Les réponses sont gardées et seront "
                                    "enregistrées à la prochaine réponse.").format(problem=problem) + "\n")
    sys.stderr.flush()
