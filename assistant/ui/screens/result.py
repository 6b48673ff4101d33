"""The result: the card (with the directory's contacts), the handover-slip export and printing,
and the other dialogs to open from here."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from assistant.consultation import Consultation, NotRecorded
from assistant.dialogs.outcome import referral_name
from assistant.i18n import N_, _
from assistant.printing import print_command, print_file
from assistant.slip import local
from assistant.slip.content import Context, Slip, build
from assistant.slip.export import FORMATS, export
from assistant.ui.knowledge import knowledge_of
from assistant.ui.summary import facts
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.result_card import ResultCard


class ResultScreen(Screen[str | None]):
    """Dismissed with the id of a dialog to open next, or None to go back to the chat."""

    # Every action takes Ctrl: letters typed after the last answer land here and must do nothing.
    # Not Ctrl+P (Textual's command palette), Ctrl+C (copy), Ctrl+Q (quit), Ctrl+N (new consultation),
    # Ctrl+I (the terminal sends Tab for it).
    BINDINGS = [
        Binding("escape", "leave(None)", N_("Retour"), tooltip=N_("Retour au dialogue")),
        Binding("ctrl+e", "export", N_("Exporter"),
                tooltip=N_("Exporter la fiche de liaison (PDF, HTML, Markdown) et le calendrier des échéances (.ics)")),
        # Offered only where the machine has a print command (lp, lpr).
        Binding("ctrl+t", "print", N_("Imprimer"), tooltip=N_("Imprimer la fiche de liaison (PDF)")),
        Binding("ctrl+d", "leave('documents')", N_("Pièces"), tooltip=N_("Préparer les pièces du dossier")),
        Binding("ctrl+o", "leave('referral')", N_("Orientation"), tooltip=N_("Orienter la personne (MisAS, service "
                                                                          "social, PASS)")),
        Binding("ctrl+s", "leave('renewal')", N_("Suivi"), tooltip=N_("Renouvellement ou suivi d'un droit")),
        # A modifier too: a letter typed after the last answer must not record a referral.
        Binding("ctrl+r", "referral_made", N_("Orientation faite"),
                tooltip=N_("Marquer comme faite une orientation proposée (MisAS, service social, PASS, domiciliation)")),
        Binding("f7", "glossary", N_("Sigles"), tooltip=N_("Les sigles à l'écran et leur définition"), show=False),
    ]
    KEY_HELP = [("↑ ↓", N_("Faire défiler le résultat (aussi Pg préc., Pg suiv., Début, Fin)"))]

    def __init__(self, consultation: Consultation, export_dir: Path):
        super().__init__()
        self.consultation = consultation
        self.runner = consultation.runner
        self.export_dir = export_dir
        self._left = False
        self.place = local.place()  # site settings and directory: two small JSON files
        self.printer = None if self.app.is_web else print_command()  # served: the browser prints the slip
        self.printed_pdf: Path | None = None  # the slip exported for printing, kept for a second copy

    @property
    def stem(self) -> str:
        return f"fiche-{self.consultation.case_id or self.consultation.on.isoformat()}"

    def compose(self) -> ComposeResult:
        yield Static(f"{self.app.title} — {self.app.sub_title}", id="title", markup=False)
        with VerticalScroll(id="result"):
            yield Static(self.result_title(), id="result-title", markup=False)
            yield self.card()
        yield KeyBar([b for b in self.BINDINGS if b.action != "print" or self.printer], id="keys")

    def on_mount(self) -> None:
        self.call_after_refresh(self.app.garbage.now)  # the agent reads the result: collect now
        for problem in self.place.problems:
            self.notify(problem, title=_("Réglages du site"), severity="warning", timeout=10)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return self.printer is not None if action == "print" else True

    def result_title(self) -> str:
        title = _("Résultat du {date}").format(date=self.app.sub_title)
        return f"{title} — {self.case_line()}"

    def card(self) -> ResultCard:
        return ResultCard(self.runner.assessment, facts(self.runner), self.runner.documents_checked(),
                          terms=knowledge_of(self.app).finder(), directory=self.place.directory, id="card")

    async def relanguage(self) -> None:
        """The same result in the language now (F8)."""
        self.query_one("#title", Static).update(f"{self.app.title} — {self.app.sub_title}")
        self.query_one("#result-title", Static).update(self.result_title())
        await self.query_one("#card", ResultCard).remove()
        await self.query_one("#result", VerticalScroll).mount(self.card())

    def case_line(self) -> str:
        if self.consultation.case_id:
            return _("dossier n° {case_id}").format(case_id=self.consultation.case_id)
        if self.consultation.recording:
            return _("dossier pas encore enregistré")
        return _("non enregistré (--no-log)")

    def action_referral_made(self) -> None:
        """Mark a referral the result proposes as made (asks which when there are several)."""
        try:
            waiting = self.consultation.referrals_waiting()
        except Exception as error:  # noqa: BLE001 - the case log's errors are shown, others raised
            self._refused(error)
            return
        if not waiting:
            self.notify(_("Aucune orientation proposée en attente."), timeout=5)
        elif len(waiting) == 1:
            self.mark_made(waiting[0])
        else:
            from assistant.ui.screens.referral_made import ReferralMadeScreen

            self.app.push_screen(ReferralMadeScreen(waiting), lambda kind: kind and self.mark_made(kind))

    def mark_made(self, kind: str) -> None:
        try:
            self.consultation.refer(kind)
        except Exception as error:  # noqa: BLE001 - the case log's errors are shown, others raised
            self._refused(error)
            return
        self.notify(_("Orientation faite : {name}.").format(name=referral_name(kind)), title=_("Orientation"),
                    timeout=8)

    def _refused(self, error: Exception) -> None:
        from assistant.store.errors import StoreError

        if not isinstance(error, (NotRecorded, StoreError)):
            raise error
        self.notify(str(error), severity="warning", timeout=10)

    def action_leave(self, dialog_id: str | None) -> None:
        """Close once: a second key pressed fast must not close the chat below."""
        if not self._left:
            self._left = True
            self.dismiss(dialog_id)

    def _slip(self) -> Slip:
        site = self.place.site
        context = Context(on=self.consultation.on, case_id=self.consultation.case_id,
                          agent=self.consultation.agent or site.agent,
                          structure=site.structure, checklist=self.runner.documents_checked())
        return build(self.runner.assessment, context, self.place.directory)

    def action_export(self) -> None:
        self._export(self._slip(), self.runner.assessment, self.stem)

    def action_print(self) -> None:
        if self.printer is not None:
            self._print(self._slip(), self.runner.assessment, self.stem)

    def _say(self, message: str, **kwargs) -> None:
        self.app.call_from_thread(self.notify, message, **kwargs)

    def _write(self, slip: Slip, assessment: dict, stem: str, formats: tuple[str, ...] = FORMATS) -> list[Path] | None:
        try:
            return export(self.export_dir, stem, slip, assessment, formats)
        except OSError as error:  # full disk, folder not writable...: say so, the result stays on screen
            self._say(_("Export impossible dans {folder} : {reason}").format(
                folder=self.export_dir, reason=error.strerror or error), severity="error", timeout=10)
            return None

    # Laying out the PDF takes a fraction of a second: in a thread, so the screen stays live.
    @work(thread=True, group="export")
    def _export(self, slip: Slip, assessment: dict, stem: str) -> None:
        paths = self._write(slip, assessment, stem)
        if paths:
            self._say(_("Fiche enregistrée dans {folder} : {names}").format(
                folder=paths[0].parent, names=", ".join(p.name for p in paths)), title=_("Export"), timeout=10)
            if self.app.is_web:  # served (assistant serve): the printable slip opens in a new browser tab
                self.app.call_from_thread(self.app.deliver_binary, next(p for p in paths if p.suffix == ".html"),
                                          open_method="browser", mime_type="text/html")

    @work(thread=True, exclusive=True, group="print")
    def _print(self, slip: Slip, assessment: dict, stem: str) -> None:
        if self.printed_pdf is None or not self.printed_pdf.is_file():
            paths = self._write(slip, assessment, stem, ("pdf",))
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

    def action_glossary(self) -> None:
        """F7: the glossary entries of the terms on the card."""
        from assistant.ui.screens.entry import GlossaryScreen

        self.app.push_screen(GlossaryScreen(*knowledge_of(self.app).glossary(self.query_one(ResultCard).texts())))

    def action_define(self, term_id: str) -> None:
        """A click on a term of the card: its glossary entry in full."""
        from assistant.ui.screens.entry import EntryScreen

        self.app.push_screen(EntryScreen(knowledge_of(self.app).term_entry(term_id)))
