"""Quick replies: one compact button per choice, numbered; multi-choice buttons tick and untick.

For a multiple choice, the answer line beside the buttons holds the choice: what is typed
there ("1,2", "4 et 6", "4 and 6", "rsa et aspa") ticks the buttons as it comes, and a click writes the
ticked numbers there, so that Enter always sends what is ticked.
"""

from __future__ import annotations

from datetime import date

from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Input

from assistant.dialogs.answers import Choice, choices, interpret, multi_answer
from assistant.dialogs.model import Question
from assistant.i18n import N_, _

VALIDATE = "-validate"  # name of the button that sends a multi-choice selection
VALIDATE_LABEL = N_("Valider la sélection (Entrée)")


class QuickReplies(Vertical):
    class Chosen(Message):
        def __init__(self, answer: dict, question_id: str | None, line: Input | None = None):
            super().__init__()
            self.answer = answer
            self.question_id = question_id  # keys typed fast may arrive after the question changed
            self.line = line  # the answer line beside, released once the screen has taken the answer

    def __init__(self, question: Question | None = None, **kwargs):
        super().__init__(**kwargs)
        self.line: Input | None = None  # the answer line beside, found once mounted
        self._prepare(question)

    def compose(self):
        yield from self.buttons.values()

    def on_mount(self) -> None:
        self.line = next(iter(self.parent.query(Input)), None)
        if self.line is not None:
            self.watch(self.line, "value", self._follow, init=False)

    def show(self, question: Question | None) -> None:
        """Replace the quick replies with those of `question` (none when None)."""
        self.remove_children()
        self._prepare(question)
        self.mount_all(self.buttons.values())

    def relabel(self) -> None:
        """The same replies in the language now (F8): labels changed in place, nothing remounted."""
        for c in self.choices:
            self.buttons[c.id].label = self._label(c)
        if VALIDATE in self.buttons:
            self.buttons[VALIDATE].label = _(VALIDATE_LABEL)
        self._fit()

    def _prepare(self, question: Question | None) -> None:
        self.question = question
        self.choices = choices(question) if question else []
        self.ticked = []
        self.buttons = {c.id: Button(self._label(c), name=c.id, compact=True) for c in self.choices}
        if self._multiple:
            self.buttons[VALIDATE] = Button(_(VALIDATE_LABEL), name=VALIDATE, compact=True,
                                            variant="primary")
        self._fit()
        for button in self.buttons.values():
            button.can_focus = False  # the answer line keeps the focus: keys 1-9 stay live after a click

    def _fit(self) -> None:
        """Short labels side by side, long ones one per line."""
        self.set_class(bool(self.choices) and all(len(_(c.label)) <= 16 for c in self.choices), "-row")

    @property
    def _multiple(self) -> bool:
        return self.question is not None and self.question.type == "multi_choice"

    def _label(self, choice: Choice) -> str:
        tick = ("☑ " if choice.value in self.ticked else "☐ ") if choice.answer is None else ""
        return f"{choice.key}  {tick}{_(choice.label)}"

    def _tick(self, values: list) -> None:
        before, self.ticked = self.ticked, list(values)
        for c in self.choices:
            if c.answer is None and (c.value in before) != (c.value in self.ticked):
                self.buttons[c.id].label = self._label(c)

    def _follow(self, text: str) -> None:
        """Tick what the answer line names; keep the ticks while a word is half typed."""
        if not self._multiple:
            return
        # The date only serves relative dates ("il y a 3 mois"): none in a multiple choice.
        read = interpret(self.question, text, date.today()) if text.strip() else {}
        if read is not None:
            self._tick(read.get("set", {}).get(self.question.field, []))

    def press(self, key: str) -> None:
        """The quick reply `key` (1-9): answers, or ticks a multi-choice value."""
        choice = next((c for c in self.choices if c.key == key), None)
        if choice is None:
            return
        if choice.answer is not None:
            self._send(dict(choice.answer))
            return
        ticked = [v for v in self.ticked if v != choice.value] + ([] if choice.value in self.ticked else [choice.value])
        order = [c.value for c in self.choices]
        self._tick(sorted(ticked, key=order.index))
        if self.line is not None:  # the line says what Enter sends
            self.line.value = " ".join(c.key for c in self.choices if c.answer is None and c.value in self.ticked)
            self.line.cursor_position = len(self.line.value)

    def _send(self, answer: dict) -> None:
        """Post the answer, sent by these replies even when the screen pressed the key: then it
        goes on to the app after the screen, which lets the answer line go on (see AnswerInput)."""
        self.post_message(self.Chosen(answer, self.question.id, self.line).set_sender(self))

    def validate(self) -> bool:
        """Send the ticked values of a multi-choice question; False when nothing is ticked."""
        if not self._multiple or not self.ticked:
            return False
        self._send(multi_answer(self.question, self.ticked))
        if self.line is not None:
            self.line.value = ""
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.name == VALIDATE:
            self.validate()
            return
        choice = next(c for c in self.choices if c.id == event.button.name)
        self.press(choice.key)
