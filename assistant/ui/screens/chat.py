"""The chat: questions as bubbles, answers by quick reply, key or typed text; the side panel."""

from __future__ import annotations

from pathlib import Path

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

from assistant.dialogs.answers import echo, interpret, re_ask
from assistant.dialogs.outcome import source_text
from assistant.dialogs.parse import normalize
from assistant.dialogs.runner import Rejected, Runner
from assistant.i18n import _, long_date
from assistant.ui.recorder import Recorder
from assistant.ui.shortcuts import placeholder, shortcuts
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.answer_input import AnswerInput
from assistant.ui.widgets.bubble import Bubble
from assistant.ui.widgets.replies import QuickReplies
from assistant.ui.widgets.side_panel import SidePanel


NARROW = 100  # columns under which the side panel is shown instead of the chat, on F2


class ChatScreen(Screen):
    BINDINGS = [  # in the key bar in this order; Ctrl+N is left out of it (80 columns)
        Binding("f1", "why", _("Pourquoi ?")),
        Binding("ctrl+z", "back", _("Revenir")),
        Binding("f3", "review", _("Réponses")),
        Binding("f5", "result", _("Résultat")),
        Binding("f2", "toggle_side", _("Panneau")),
        Binding("f4", "history", _("Dossiers")),
        Binding("ctrl+n", "new", _("Nouvelle consultation"), show=False),
        Binding("f6", "report", _("Rapport d'activité"), show=False),
    ]

    def __init__(self, runner: Runner, recorder: Recorder, export_dir: Path, blink: bool = True):
        super().__init__()
        self.runner = runner
        self.recorder = recorder
        self.export_dir = export_dir
        self.blink = blink

    def compose(self) -> ComposeResult:
        self.on_resize()  # before the children mount: one styling pass instead of two
        yield Static(f"{self.app.title} — {self.app.sub_title}", id="title", markup=False)
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                with VerticalScroll(id="transcript"):
                    yield from self.transcript()
                yield QuickReplies(self.runner.question, id="replies")
                answer = AnswerInput(id="answer")
                answer.cursor_blink = self.blink
                yield answer
        yield KeyBar(self.BINDINGS, id="keys")

    def on_resize(self, event: events.Resize | None = None) -> None:
        """Below 100 columns the side panel hides behind F2 (see app.tcss)."""
        self.set_class(self.app.size.width < NARROW, "-narrow")

    def on_mount(self) -> None:
        self.query_one(AnswerInput).focus()
        self.prompt()
        # The panel runs the engine: it comes after the first paint, so the question shows at once.
        self.call_after_refresh(self.add_panel)

    async def add_panel(self) -> None:
        main = self.query_one("#main", Horizontal)
        if not main.is_attached:  # the app is closing already
            return
        panel = SidePanel(id="side")
        await main.mount(panel)
        panel.refresh_from(self.runner)
        self.call_after_refresh(self.app.connect_log)  # the case log last: sqlite-utils loads slowly

    def refresh_panel(self) -> None:
        for panel in self.query(SidePanel):  # none until the first paint is done
            panel.refresh_from(self.runner)

    # -- the transcript --------------------------------------------------------------------

    def transcript(self) -> list[Bubble]:
        """The chat from the answers in use: welcome, each question and answer, the question now."""
        bubbles = [Bubble(_("Consultation du {date}. Répondez avec les boutons, les touches 1 à 9 "
                            "(o/n pour oui/non, ? pour « je ne sais pas ») ou en tapant la réponse. "
                            "F1 : pourquoi cette question ? Ctrl+Z : revenir en arrière.").format(
            date=long_date(self.runner.state.on)), "note")]
        for question, answer in self.runner.applied():
            bubbles.append(Bubble(_(question.text), "assistant"))
            bubbles.append(Bubble(echo(question, answer), "agent", question.id))
        if self.runner.question is not None:
            bubbles.append(Bubble(_(self.runner.question.text), "assistant"))
        return bubbles

    def start(self, runner: Runner, recorder: Recorder) -> None:
        """Show another consultation (resumed from the log, or new)."""
        self.runner, self.recorder = runner, recorder
        self.query_one("#title", Static).update(f"{self.app.title} — {self.app.sub_title}")
        self.replay()

    def replay(self) -> None:
        """Rebuild the chat after an edit: the answers in use, and the question now."""
        transcript = self.query_one("#transcript", VerticalScroll)
        transcript.remove_children()
        transcript.mount_all(self.transcript())
        transcript.scroll_end(animate=False)
        self.query_one(QuickReplies).show(self.runner.question)
        self.refresh_panel()
        self.prompt()

    def say(self, text: str, role: str, question_id: str | None = None) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        transcript.mount(Bubble(text, role, question_id))
        transcript.scroll_end(animate=False)

    def ask(self) -> None:
        """After an answer: the next question, or the result."""
        self.refresh_panel()
        self.query_one(QuickReplies).show(self.runner.question)
        if self.runner.question is not None:
            self.say(_(self.runner.question.text), "assistant")
        self.prompt()

    def prompt(self) -> None:
        """Set the answer line for the question now; at the end, record and show the result."""
        question = self.runner.question
        answer_line = self.query_one(AnswerInput)
        if question is None:
            answer_line.shortcuts = {}
            answer_line.placeholder = _("Dialogue terminé : F5 pour le résultat, F3 pour modifier une réponse")
            self.say(_("C'est terminé. Voici le résultat (F5 pour y revenir)."), "note")
            self.log_problem(self.recorder.assessed(self.runner))
            self.action_result()
            return
        answer_line.shortcuts = shortcuts(question)
        answer_line.placeholder = placeholder(question)

    # -- answering -------------------------------------------------------------------------

    def submit(self, answer: dict | None, typed: str | None = None) -> None:
        question = self.runner.question
        if question is None:
            return
        if answer is None:
            self.say(f"« {typed} » : {re_ask(question)}", "note")
            return
        try:
            self.runner.answer(answer)
        except Rejected as refused:
            self.say(_("Réponse impossible : {message}").format(message=refused.message), "note")
            return
        said = echo(question, answer)
        if typed and not typed.isdigit() and normalize(typed) != normalize(said):
            said = f"{typed} → {said}"  # what was typed, and how it was read
        self.say(said, "agent", question.id)
        self.log_problem(self.recorder.answered(self.runner, question.id, answer))
        if self.runner.is_checklist(question) and answer.get("set", {}).get(question.field) is False:
            self.say_alternatives(question)
        self.ask()

    def log_problem(self, message: str | None) -> None:
        """The case log refused a write: say so; the answers wait in the recorder, in order."""
        if message:
            self.notify(_("Journal des dossiers : {message} Les réponses sont gardées et seront "
                          "enregistrées à la prochaine réponse.").format(message=message),
                        severity="warning", timeout=10)

    def say_alternatives(self, question) -> None:
        doc = self.runner.missing_document(question) or {}
        lines = [_("Pièce manquante : {label}.").format(label=doc.get("label", question.short))]
        if doc.get("alternatives"):
            lines.append(_("Première intention : {items}").format(items=" ; ".join(doc["alternatives"])))
        if doc.get("second_intention"):
            lines.append(_("Seconde intention : {items}").format(items=" ; ".join(doc["second_intention"])))
        self.say("\n".join(lines), "note")

    @on(QuickReplies.Chosen)
    def chosen(self, event: QuickReplies.Chosen) -> None:
        question = self.runner.question
        if question is not None and event.question_id == question.id:  # not a stale key press
            self.submit(event.answer)

    @on(AnswerInput.Shortcut)
    def shortcut(self, event: AnswerInput.Shortcut) -> None:
        self.query_one(QuickReplies).press(event.key)

    @on(Input.Submitted, "#answer")
    def typed(self, event: Input.Submitted) -> None:
        event.input.value = ""
        question = self.runner.question
        if question is None:
            return
        if not event.value.strip():  # a stray Enter: nothing to read, nothing to say
            self.query_one(QuickReplies).validate()
            return
        self.submit(interpret(question, event.value, self.runner.state.on), event.value.strip())

    # -- editing ---------------------------------------------------------------------------

    @on(Bubble.EditRequested)
    def edit_requested(self, event: Bubble.EditRequested) -> None:
        self.edit(event.question_id)

    def edit(self, question_id: str) -> None:
        question = self.runner.lookup(question_id)
        current = self.runner.state.answers.get(question_id)

        def apply(answer: dict | None) -> None:
            if answer is None:
                return
            try:
                self.runner.edit(question_id, answer)
            except Rejected as refused:
                self.say(_("Modification impossible : {message}").format(message=refused.message), "note")
                return
            self.log_problem(self.recorder.answered(self.runner, question_id, answer))
            self.replay()

        from assistant.ui.screens.edit import EditScreen

        self.app.push_screen(EditScreen(question, current, self.runner.state.on, self.blink), apply)

    def action_back(self) -> None:
        applied = self.runner.applied()
        if applied:
            self.edit(applied[-1][0].id)

    def action_review(self) -> None:
        from assistant.ui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.runner), lambda qid: qid and self.edit(qid))

    def action_history(self) -> None:
        if self.app.case_log is None:
            self.notify(_("Le journal des dossiers n'est pas ouvert (--no-log)."), severity="warning")
            return
        from assistant.knowledge.loader import load as load_kb
        from assistant.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.app.case_log, load_kb()),
                             lambda case_id: case_id and self.app.open_case(case_id))

    def action_report(self) -> None:
        if self.app.case_log is None:
            self.notify(_("Le journal des dossiers n'est pas ouvert (--no-log)."), severity="warning")
            return
        from assistant.ui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.app.case_log, self.runner.state.on, self.export_dir))

    def action_new(self) -> None:
        self.app.open_case(None)

    def action_why(self) -> None:
        question = self.runner.question
        if question is not None:
            sources = " ; ".join(source_text({"doc": s.doc, "ref": s.ref}) for s in question.sources)
            self.say(f"{_(question.help)}\n" + _("Source : {sources}").format(sources=sources), "note")

    def action_toggle_side(self) -> None:
        self.toggle_class("-side")
        self.call_after_refresh(self.query_one(AnswerInput).focus)  # back to the answer line once shown

    def action_result(self) -> None:
        from assistant.ui.screens.result import ResultScreen

        stem = f"fiche-{self.recorder.case_id or self.runner.state.on.isoformat()}"

        def next_dialog(dialog_id: str | None) -> None:
            if dialog_id:
                self.runner.open_dialog(dialog_id)
                self.ask()

        self.app.push_screen(ResultScreen(self.runner, self.export_dir, stem, self.recorder.case_id), next_dialog)
