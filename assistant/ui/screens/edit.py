"""Change one answer: the question again, with its quick replies and the answer line."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from assistant.dialogs.answers import echo, interpret, re_ask
from assistant.dialogs.model import Question
from assistant.i18n import N_, _
from assistant.ui.widgets.answer_input import AnswerInput
from assistant.ui.widgets.replies import QuickReplies
from assistant.ui.shortcuts import placeholder, shortcuts


class EditScreen(ModalScreen[dict | None]):
    BINDINGS = [Binding("escape", "answer(None)", N_("Annuler"))]

    def __init__(self, question: Question, current: dict | None, on: date, blink: bool = True):
        super().__init__()
        self.question = question
        self.current = current
        self.on = on
        self.blink = blink

    def compose(self) -> ComposeResult:
        with Vertical(id="edit-box"):
            yield Static(_(self.question.text), id="edit-question", markup=False)
            if self.current is not None:
                yield Static(_("Réponse actuelle : {answer}").format(answer=echo(self.question, self.current)),
                             id="edit-current", markup=False)
            yield QuickReplies(self.question, id="edit-replies")
            answer = AnswerInput(placeholder=placeholder(self.question), id="edit-answer")
            answer.cursor_blink = self.blink
            yield answer
            yield Static(_("Entrée : valider · Échap : annuler"), id="edit-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(AnswerInput).shortcuts = shortcuts(self.question)
        self.query_one(AnswerInput).focus()
        self._answered = False

    def action_answer(self, answer: dict | None) -> None:
        """Close once: keys typed fast may bring a second answer before the screen is gone."""
        if not self._answered:
            self._answered = True
            self.dismiss(answer)

    @on(QuickReplies.Chosen)
    def chosen(self, event: QuickReplies.Chosen) -> None:
        self.action_answer(event.answer)

    @on(AnswerInput.Shortcut)
    def shortcut(self, event: AnswerInput.Shortcut) -> None:
        self.query_one(QuickReplies).press(event.key)

    @on(Input.Submitted)
    def typed(self, event: Input.Submitted) -> None:
        event.input.value = ""
        if not event.value.strip():
            self.query_one(QuickReplies).validate()
            return
        answer = interpret(self.question, event.value, self.on)
        if answer is None:
            self.query_one("#edit-hint", Static).update(re_ask(self.question))
        else:
            self.action_answer(answer)
