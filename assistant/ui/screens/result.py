"""The result: the card, the handover-slip export and printing, and the other dialogs to open from here."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from assistant.dialogs.runner import Runner
from assistant.i18n import _
from assistant.printing import print_command, print_file
from assistant.slip import local
from assistant.slip.content import Context, build
from assistant.slip.export import FORMATS, export
from assistant.ui.summary import facts
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.result_card import ResultCard


class ResultScreen(Screen[str | None]):
    """Dismissed with the id of a dialog to open next, or None to go back to the chat."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", _("Retour au dialogue")),
        Binding("e", "export", _("Exporter la fiche")),
        Binding("i", "print", _("Imprimer la fiche")),
        Binding("p", "dismiss('documents')", _("Pièces")),
        Binding("o", "dismiss('referral')", _("Orientation")),
        Binding("s", "dismiss('renewal')", _("Suivi")),
    ]

    def __init__(self, runner: Runner, export_dir: Path, stem: str, case_id: str | None = None):
        super().__init__()
        self.runner = runner
        self.export_dir = export_dir
        self.stem = stem
        self.case_id = case_id
        self.place = local.place()  # site settings and directory: two small JSON files
        self.printer = print_command()
        self.printed_pdf: Path | None = None  # the slip exported for printing, kept for a second copy

    def compose(self) -> ComposeResult:
        yield Static(f"{self.app.title} — {self.app.sub_title}", id="title", markup=False)
        with VerticalScroll(id="result"):
            yield Static(_("Résultat du {date}").format(date=self.app.sub_title), id="result-title", markup=False)
            yield ResultCard(self.runner.assessment, facts(self.runner), self.runner.documents_checked(),
                             directory=self.place.directory, id="card")
        # Printing is offered only where the machine has a print command.
        yield KeyBar([b for b in self.BINDINGS if b.action != "print" or self.printer], id="keys")

    def on_mount(self) -> None:
        for problem in self.place.problems:
            self.notify(problem, title=_("Réglages du site"), severity="warning", timeout=10)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return self.printer is not None if action == "print" else True

    def _slip(self):
        site = self.place.site
        context = Context(on=self.runner.state.on, case_id=self.case_id, agent=site.agent,
                          structure=site.structure, checklist=self.runner.documents_checked())
        return build(self.runner.assessment, context, self.place.directory)

    def action_export(self) -> None:
        self._export(self._slip(), self.runner.assessment)

    def action_print(self) -> None:
        if self.printer is not None:
            self._print(self._slip(), self.runner.assessment)

    def _say(self, message: str, **kwargs) -> None:
        self.app.call_from_thread(self.notify, message, **kwargs)

    def _write(self, slip, assessment: dict, formats: tuple[str, ...] = FORMATS) -> list[Path] | None:
        try:
            return export(self.export_dir, self.stem, slip, assessment, formats)
        except OSError as error:
            self._say(_("Export impossible dans {folder} : {reason}").format(
                folder=self.export_dir, reason=error.strerror or error), severity="error", timeout=10)
            return None

    # Laying out the PDF takes a fraction of a second: in a thread, so the screen stays live.
    @work(thread=True, group="export")
    def _export(self, slip, assessment: dict) -> None:
        paths = self._write(slip, assessment)
        if paths:
            self._say(_("Fiche enregistrée dans {folder} : {names}").format(
                folder=paths[0].parent, names=", ".join(p.name for p in paths)), title=_("Export"), timeout=10)

    @work(thread=True, exclusive=True, group="print")
    def _print(self, slip, assessment: dict) -> None:
        if self.printed_pdf is None or not self.printed_pdf.is_file():
            paths = self._write(slip, assessment, ("pdf",))
            if not paths:
                return
            self.printed_pdf = paths[0]
        self._say(_("Impression de {path}…").format(path=self.printed_pdf), title=_("Impression"))
        problem = print_file(self.printed_pdf)
        if problem:
            self._say(_("Impression impossible : {reason} ; la fiche est dans {path}").format(
                reason=problem, path=self.printed_pdf), title=_("Impression"), severity="error", timeout=12)
        else:
            self._say(_("Fiche envoyée à l'imprimante."), title=_("Impression"))
