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

    BINDINGS = [
        Binding("escape", "dismiss(None)", _("Retour au dialogue")),
        Binding("e", "export", _("Exporter la fiche")),
        Binding("p", "dismiss('documents')", _("Pièces")),
        Binding("o", "dismiss('referral')", _("Orientation")),
        Binding("s", "dismiss('renewal')", _("Suivi")),
    ]

    def __init__(self, runner: Runner, export_dir: Path, stem: str):
        super().__init__()
        self.runner = runner
        self.export_dir = export_dir
        self.stem = stem

    def compose(self) -> ComposeResult:
        yield Static(f"{self.app.title} — {self.app.sub_title}", id="title", markup=False)
        with VerticalScroll(id="result"):
            yield Static(_("Résultat du {date}").format(date=self.app.sub_title), id="result-title", markup=False)
            yield ResultCard(self.runner.assessment, facts(self.runner), self.runner.documents_checked(), id="card")
        yield KeyBar(self.BINDINGS, id="keys")

    def action_export(self) -> None:
        paths = handover.export(self.export_dir, self.stem, self.runner.assessment, self.runner.state.on,
                                facts(self.runner), self.runner.documents_checked())
        self.notify(_("Fiche enregistrée : {paths}").format(paths=", ".join(str(p) for p in paths)),
                    title=_("Export"), timeout=8)
        if self.app.is_web:  # served (assistant serve): the printable slip opens in a new browser tab
            self.app.deliver_binary(next(p for p in paths if p.suffix == ".html"), open_method="browser",
                                    mime_type="text/html")
