"""The review screen: every answer in use, to pick one and change it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.dialogs.answers import echo
from assistant.dialogs.runner import Runner
from assistant.i18n import N_, _, labelled


class ReviewScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Fermer"))]
    KEY_HELP = [(N_("↑ ↓ puis Entrée"), N_("Modifier la réponse choisie"))]

    def __init__(self, runner: Runner):
        super().__init__()
        self.runner = runner

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static(_("Réponses données : Entrée ou clic pour modifier, Échap pour fermer"),
                         id="review-title", markup=False)
            yield OptionList(*[
                Option(Text(labelled(_(q.short), echo(q, a))), id=q.id) for q, a in self.runner.applied()
            ], id="review-list")

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
