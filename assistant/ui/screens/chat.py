"""The chat: questions as bubbles, answers by quick reply, key or typed text; the side panel."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from assistant.dialogs.answers import echo, interpret, re_ask
from assistant.dialogs.outcome import source_text
from assistant.dialogs.parse import normalize
from assistant.dialogs.runner import Rejected, Runner
from assistant.i18n import _, long_date
from assistant.ui.recorder import Recorder
from assistant.ui.screens.edit import EditScreen
from assistant.ui.screens.result import ResultScreen
from assistant.ui.screens.review import ReviewScreen
from assistant.ui.shortcuts import placeholder, shortcuts
from assistant.ui.widgets.answer_input import AnswerInput
from assistant.ui.widgets.bubble import Bubble
from assistant.ui.widgets.replies import QuickReplies
from assistant.ui.widgets.side_panel import SidePanel


class ChatScreen(Screen):
    BINDINGS = [
        Binding("f1", "why", _("Pourquoi ?")),
        Binding("f2", "toggle_side", _("Panneau")),
        Binding("f3", "review", _("Réponses")),
        Binding("ctrl+z", "back", _("Revenir")),
        Binding("f5", "result", _("Résultat")),
    ]

    def __init__(self, runner: Runner, recorder: Recorder, export_dir: Path, blink: bool = True):
        super().__init__()
        self.runner = runner
        self.recorder = recorder
        self.export_dir = export_dir
        self.blink = blink

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="chat"):
                yield VerticalScroll(id="transcript")
                yield QuickReplies(id="replies")
                answer = AnswerInput(id="answer")
                answer.cursor_blink = self.blink
                yield answer
            yield SidePanel(id="side")
        yield Footer()

    def on_mount(self) -> None:
        self.replay()
        self.query_one(AnswerInput).focus()

    # -- the transcript --------------------------------------------------------------------

    def welcome(self) -> Bubble:
        return Bubble(_("Consultation du {date}. Répondez avec les boutons, les touches 1 à 9 "
                        "(o/n pour oui/non, ? pour « je ne sais pas ») ou en tapant la réponse. "
                        "F1 : pourquoi cette question ? Ctrl+Z : revenir en arrière.").format(
            date=long_date(self.runner.state.on)), "note")

    def replay(self) -> None:
        """Rebuild the chat from the answers in use (on start, on resume, after an edit)."""
        transcript = self.query_one("#transcript", VerticalScroll)
        transcript.remove_children()
        bubbles = [self.welcome()]
        for question, answer in self.runner.applied():
            bubbles.append(Bubble(_(question.text), "assistant"))
            bubbles.append(Bubble(echo(question, answer), "agent", question.id))
        transcript.mount_all(bubbles)
        self.ask()

    def say(self, text: str, role: str, question_id: str | None = None) -> None:
        transcript = self.query_one("#transcript", VerticalScroll)
        transcript.mount(Bubble(text, role, question_id))
        transcript.scroll_end(animate=False)

    def ask(self) -> None:
        question = self.runner.question
        self.query_one(SidePanel).refresh_from(self.runner)
        self.query_one(QuickReplies).show(question)
        answer_line = self.query_one(AnswerInput)
        if question is None:
            answer_line.shortcuts = {}
            answer_line.placeholder = _("Dialogue terminé : F5 pour le résultat, F3 pour modifier une réponse")
            self.say(_("C'est terminé. Voici le résultat (F5 pour y revenir)."), "note")
            self.recorder.assessed(self.runner)
            self.action_result()
            return
        answer_line.shortcuts = shortcuts(question)
        answer_line.placeholder = placeholder(question)
        self.say(_(question.text), "assistant")

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
        self.recorder.answered(self.runner, question.id, answer)
        if self.runner.is_checklist(question) and answer.get("set", {}).get(question.field) is False:
            self.say_alternatives(question)
        self.ask()

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
        if not event.value.strip():
            if not self.query_one(QuickReplies).validate():
                self.say(re_ask(question), "note")
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
            self.recorder.answered(self.runner, question_id, answer)
            self.replay()

        self.app.push_screen(EditScreen(question, current, self.runner.state.on, self.blink), apply)

    def action_back(self) -> None:
        applied = self.runner.applied()
        if applied:
            self.edit(applied[-1][0].id)

    def action_review(self) -> None:
        self.app.push_screen(ReviewScreen(self.runner), lambda qid: qid and self.edit(qid))

    def action_why(self) -> None:
        question = self.runner.question
        if question is not None:
            sources = " ; ".join(source_text(s.model_dump()) for s in question.sources)
            self.say(f"{_(question.help)}\n" + _("Source : {sources}").format(sources=sources), "note")

    def action_toggle_side(self) -> None:
        self.toggle_class("-side")
        self.call_after_refresh(self.query_one(AnswerInput).focus)  # back to the answer line once shown

    def action_result(self) -> None:
        stem = f"fiche-{self.recorder.case_id or self.runner.state.on.isoformat()}"

        def next_dialog(dialog_id: str | None) -> None:
            if dialog_id:
                self.runner.open_dialog(dialog_id)
                self.ask()

        self.app.push_screen(ResultScreen(self.runner, self.export_dir, stem), next_dialog)
