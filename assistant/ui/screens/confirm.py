"""A yes/no question before leaving a consultation (quit, new consultation).

Typed `ModalScreen[bool]`: dismissed with True to go ahead. The safe answer has the focus, so a
stray Enter or letter typed by an agent in a hurry keeps the consultation; Escape says no too,
and the key that asked (`again`, e.g. Ctrl+Q) pressed a second time says yes (see the app).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.i18n import N_, _


class ConfirmScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    #confirm-box { width: 90%; max-width: 76; height: auto; background: $panel; border: round $warning; padding: 0 1; }
    #confirm-question { text-style: bold; margin-bottom: 1; }
    #confirm-buttons { height: auto; margin-top: 1; }
    #confirm-buttons Button { margin-right: 2; }
    #confirm-hint { color: $text-muted; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "answer(False)", N_("Annuler"), tooltip=N_("Rester dans la consultation")),
                Binding("left,right", "app.focus_next", show=False)]

    def __init__(self, question: str, message: str, yes: str, no: str, again: str, hint: str):
        """`again`: the action of the app that asked; pressed again, it confirms."""
        super().__init__()
        self.question, self.message, self.yes, self.no, self.again, self.hint = question, message, yes, no, again, hint
        self._answered = False

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.question, id="confirm-question", markup=False)
            yield Static(self.message, id="confirm-message", markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(self.no, id="confirm-no", variant="primary", compact=True)
                yield Button(self.yes, id="confirm-yes", variant="error", compact=True)
            yield Static(self.hint, id="confirm-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, yes: bool) -> None:
        """Close once: a second key pressed fast must not close the screen below."""
        if not self._answered:
            self._answered = True
            self.dismiss(yes)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_answer(event.button.id == "confirm-yes")
