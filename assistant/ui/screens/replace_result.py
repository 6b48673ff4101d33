"""Ask before an answer replaces the result already given (a dialog opened from the result).

The safe choice has the focus: a key typed too many, or Enter, keeps the result; replacing it
takes Tab (or a click) first. Dismissed with True to replace, False to keep.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.i18n import N_, _


class ReplaceResultScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    ReplaceResultScreen { align: center middle; }
    #replace-box { width: 90%; max-width: 90; height: auto; border: round $warning; background: $surface; padding: 0 1; }
    #replace-changes { margin: 1 0; }
    #replace-buttons { height: auto; }
    #replace-buttons Button { margin-right: 2; }
    """
    BINDINGS = [Binding("escape", "keep", N_("Garder le résultat"))]

    def __init__(self, changes: str):
        super().__init__()
        self.changes = changes
        self._decided = False

    def compose(self) -> ComposeResult:
        with Vertical(id="replace-box"):
            yield Static(_("Cette réponse change le résultat déjà donné :"), markup=False)
            yield Static(self.changes, id="replace-changes", markup=False)
            yield Static(_("Remplacer le résultat enregistré par celui-ci ? (Tab puis Entrée pour remplacer)"),
                         markup=False)
            with Horizontal(id="replace-buttons"):
                yield Button(_("Garder le résultat"), id="keep", variant="primary", compact=True)
                yield Button(_("Remplacer le résultat"), id="replace", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def action_keep(self) -> None:
        self.decide(False)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.decide(event.button.id == "replace")

    def decide(self, replace: bool) -> None:
        """Close once: a second key typed fast must not answer again."""
        if not self._decided:
            self._decided = True
            self.dismiss(replace)
