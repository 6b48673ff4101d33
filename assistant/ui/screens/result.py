"""The result: the card, the handover-slip export, and the other dialogs to open from here."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from assistant.dialogs import handover
from assistant.dialogs.runner import Runner
from assistant.i18n import _
from assistant.ui.summary import facts
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.result_card import ResultCard


class ResultScreen(Screen[str | None]):
    """Dismissed with the id of a dialog to open next, or None to go back to the chat."""

    # Every action takes Ctrl: letters typed after the last answer land here and must do nothing.
    # Not Ctrl+P (Textual's command palette), Ctrl+C (copy), Ctrl+Q (quit), Ctrl+N (new consultation).
    BINDINGS = [
        Binding("escape", "leave(None)", _("Retour"), tooltip=_("Retour au dialogue")),
        Binding("ctrl+e", "export", _("Exporter"),
                tooltip=_("Exporter la fiche de liaison (Markdown, HTML) et le calendrier des échéances (.ics)")),
        Binding("ctrl+d", "leave('documents')", _("Pièces"), tooltip=_("Préparer les pièces du dossier")),
        Binding("ctrl+o", "leave('referral')", _("Orientation"), tooltip=_("Orienter la personne (MisAS, service "
                                                                          "social, PASS)")),
        Binding("ctrl+s", "leave('renewal')", _("Suivi"), tooltip=_("Renouvellement ou suivi d'un droit")),
    ]
    KEY_HELP = [("↑ ↓", _("Faire défiler le résultat (aussi Pg préc., Pg suiv., Début, Fin)"))]

    def __init__(self, runner: Runner, export_dir: Path, stem: str):
        super().__init__()
        self.runner = runner
        self.export_dir = export_dir
        self.stem = stem
        self._left = False

    def compose(self) -> ComposeResult:
        yield Static(f"{self.app.title} — {self.app.sub_title}", id="title", markup=False)
        with VerticalScroll(id="result"):
            yield Static(_("Résultat du {date}").format(date=self.app.sub_title), id="result-title", markup=False)
            yield ResultCard(self.runner.assessment, facts(self.runner), self.runner.documents_checked(), id="card")
        yield KeyBar(self.BINDINGS, id="keys")

    def action_leave(self, dialog_id: str | None) -> None:
        """Close once: a second key pressed fast must not close the chat below."""
        if not self._left:
            self._left = True
            self.dismiss(dialog_id)

    def action_export(self) -> None:
        paths = handover.export(self.export_dir, self.stem, self.runner.assessment, self.runner.state.on,
                                facts(self.runner), self.runner.documents_checked())
        self.notify(_("Fiche enregistrée : {paths}").format(paths=", ".join(str(p) for p in paths)),
                    title=_("Export"), timeout=8)
