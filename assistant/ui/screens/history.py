"""The history screen: search the case log, see a case's follow-up and timeline, resume it.

Dismisses with the chosen case id (None on Escape); the caller resumes the dialog from
`CaseLog.get_case(case_id)["dialog"]` and its answers.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from assistant.i18n import N_, _
from assistant.store import views
from assistant.store.errors import StoreError
from assistant.store.search import HistorySearch


class HistoryScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    #history-box { width: 95%; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    #history-query { margin-bottom: 1; }
    #history-results { width: 2fr; height: 1fr; }
    #history-detail-scroll { width: 3fr; height: 1fr; padding-left: 1; }
    #history-hint { color: $text-muted; height: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Fermer")),
                Binding("f6", "report", N_("Rapport d'activité"))]
    KEY_HELP = [(N_("Lettres"), N_("Rechercher : initiales, n° de dossier, mot d'une note")),
                (N_("↑ ↓ puis Entrée"), N_("Reprendre le dossier choisi"))]
    RECENT = 50
    RESULTS = 30

    def __init__(self, log, kb=None):
        """`log`: an open CaseLog (used by this screen only while it is shown); `kb`: the
        knowledge base, to show the deadlines of each request (optional)."""
        super().__init__()
        self.case_log = log
        self.kb = kb
        self.searcher: HistorySearch | None = None
        self._recent: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box"):
            yield Input(placeholder=_("Rechercher : initiales, n° de dossier, mot d'une note, AME, CSS…"),
                        id="history-query")
            with Horizontal():
                yield OptionList(id="history-results")
                with VerticalScroll(id="history-detail-scroll"):
                    yield Static(_("Chargement de l'historique…"), id="history-detail", markup=False)
            yield Static(_("Entrée : reprendre le dossier · F6 : rapport d'activité · Échap : fermer"),
                         id="history-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#history-query", Input).focus()
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        """The recent cases, and the typo vocabulary of the search, off the UI thread."""
        try:
            recent = [row["id"] for row in self.case_log.list_cases(limit=self.RECENT)]
            searcher = self.case_log.history_search()
            searcher.vocabulary()
        except StoreError as error:
            self.app.call_from_thread(self._show_detail, str(error))
            return
        self.app.call_from_thread(self._loaded, searcher, recent)

    def _loaded(self, searcher: HistorySearch, recent: list[str]) -> None:
        self.searcher, self._recent = searcher, recent
        self._show_results(self.query_one("#history-query", Input).value)

    @on(Input.Changed, "#history-query")
    def _query_changed(self, event: Input.Changed) -> None:
        if self.searcher is not None:
            self._show_results(event.value)

    @on(Input.Submitted, "#history-query")
    def _query_submitted(self) -> None:
        results = self.query_one("#history-results", OptionList)
        if results.highlighted is not None:
            self.dismiss(results.get_option_at_index(results.highlighted).id)

    def _show_results(self, query: str) -> None:
        results = self.query_one("#history-results", OptionList)
        results.clear_options()
        try:
            ids = self.searcher.search(query, limit=self.RESULTS) if query.strip() else self._recent
            rows = self.case_log.list_cases(ids=ids, limit=len(ids)) if ids else []
            results.add_options([Option(self._summary(row), id=row["id"]) for row in rows])
        except StoreError as error:
            self._show_detail(str(error))
            return
        if ids:
            results.highlighted = 0
        else:
            self._show_detail(_("Aucun dossier ne correspond.") if query.strip() else _("Aucun dossier enregistré."))

    @staticmethod
    def _summary(row: dict) -> str:
        return f"{row['id']}  {row['initials'] or '—':<4}  {row['last_activity_on']}  {views.requests_summary(row['requests'])}"

    @on(OptionList.OptionHighlighted, "#history-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        try:
            case_id = event.option.id
            self._show_detail(views.case_detail(self.case_log.get_case(case_id), self.case_log.timeline(case_id), self.kb))
        except StoreError as error:
            self._show_detail(str(error))

    @on(OptionList.OptionSelected, "#history-results")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_report(self) -> None:
        from assistant.ui.screens.report import ReportScreen

        launch = self.app.launch
        self.app.push_screen(ReportScreen(self.case_log, launch.on, launch.export_dir))

    def _show_detail(self, text: str) -> None:
        self.query_one("#history-detail", Static).update(text)
