"""Quick replies: one compact button per choice, numbered; multi-choice buttons tick and untick."""

from __future__ import annotations

from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button

from assistant.dialogs.answers import Choice, choices, multi_answer
from assistant.dialogs.model import Question
from assistant.i18n import _

VALIDATE = "-validate"  # name of the button that sends a multi-choice selection


class QuickReplies(Vertical):
    class Chosen(Message):
        def __init__(self, answer: dict, question_id: str | None):
            super().__init__()
            self.answer = answer
            self.question_id = question_id  # keys typed fast may arrive after the question changed

    def __init__(self, question: Question | None = None, **kwargs):
        super().__init__(**kwargs)
        self._prepare(question)

    def compose(self):
        yield from self.buttons.values()

    def show(self, question: Question | None) -> None:
        """Replace the quick replies with those of `question` (none when None)."""
        self.remove_children()
        self._prepare(question)
        self.mount_all(self.buttons.values())

    def _prepare(self, question: Question | None) -> None:
        self.question = question
        self.choices = choices(question) if question else []
        self.ticked = []
        self.buttons = {c.id: Button(self._label(c), name=c.id, compact=True) for c in self.choices}
        if question is not None and question.type == "multi_choice":
            self.buttons[VALIDATE] = Button(_("Valider la sélection (Entrée)"), name=VALIDATE, compact=True,
                                            variant="primary")
        self.set_class(bool(self.choices) and all(len(_(c.label)) <= 16 for c in self.choices), "-row")
        for button in self.buttons.values():
            button.can_focus = False  # the answer line keeps the focus: keys 1-9 stay live after a click

    def _label(self, choice: Choice) -> str:
        tick = ("[x] " if choice.value in self.ticked else "[ ] ") if choice.answer is None else ""
        return f"{choice.key}  {tick}{_(choice.label)}"

    def press(self, key: str) -> None:
        """The quick reply `key` (1-9): answers, or ticks a multi-choice value."""
        choice = next((c for c in self.choices if c.key == key), None)
        if choice is None:
            return
        if choice.answer is not None:
            self.post_message(self.Chosen(dict(choice.answer), self.question.id))
            return
        if choice.value in self.ticked:
            self.ticked.remove(choice.value)
        else:
            self.ticked.append(choice.value)
        self.buttons[choice.id].label = self._label(choice)

    def validate(self) -> bool:
        """Send the ticked values of a multi-choice question; False when nothing is ticked."""
        if self.question is None or self.question.type != "multi_choice" or not self.ticked:
            return False
        self.post_message(self.Chosen(multi_answer(self.question, self.ticked), self.question.id))
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.name == VALIDATE:
            self.validate()
            return
        choice = next(c for c in self.choices if c.id == event.button.name)
        self.press(choice.key)
