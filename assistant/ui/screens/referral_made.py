"""Which of the proposed referrals was made: a short list, Enter to choose, Escape to cancel."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.dialogs.outcome import referral_name
from assistant.i18n import N_, _


class ReferralMadeScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ReferralMadeScreen { align: center middle; }
    #referral-box { width: 70; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    #referral-choices { height: auto; margin: 1 0; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Annuler"))]

    def __init__(self, kinds: list[str]):
        super().__init__()
        self.kinds = kinds

    def compose(self) -> ComposeResult:
        with Vertical(id="referral-box"):
            yield Static(_("Quelle orientation a été faite ?"), markup=False)
            yield OptionList(*(Option(referral_name(kind), id=kind) for kind in self.kinds), id="referral-choices")
            yield Static(_("Entrée : noter comme faite · Échap : annuler"), markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
