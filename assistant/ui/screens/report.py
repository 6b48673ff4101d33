"""The activity report screen: a period, the indicators with their sources, a CSV export.

The same report as `python -m assistant report` (assistant.store.report), computed in a
thread so the screen stays responsive on a large case log.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from assistant.dialogs.parse import parse_date
from assistant.exports import write_new
from assistant.i18n import _, short_date
from assistant.store.errors import StoreError
from assistant.store.report_format import render


class ReportScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    ReportScreen { align: center middle; }
    #report-box { width: 95%; height: 90%; border: round $accent; background: $surface; padding: 0 1; }
    #report-period { height: 3; }
    #report-period Input { width: 1fr; }
    #report-scroll { height: 1fr; }
    #report-hint { color: $text-muted; height: 1; }
    """
    BINDINGS = [
        Binding("escape", "dismiss(None)", _("Fermer")),
        Binding("f2", "export_csv", _("Exporter en CSV")),  # F-keys: the date inputs keep ctrl+letters
    ]

    def __init__(self, log, today: date, export_dir: Path):
        """`log`: an open CaseLog; the period defaults to 1 January of `today`'s year to `today`."""
        super().__init__()
        self.case_log = log
        self.today = today
        self.export_dir = export_dir
        self.report: dict | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box"):
            with Horizontal(id="report-period"):
                yield Input(short_date(date(self.today.year, 1, 1)), placeholder=_("Du (JJ/MM/AAAA)"), id="report-from")
                yield Input(short_date(self.today), placeholder=_("Au (JJ/MM/AAAA)"), id="report-to")
            with VerticalScroll(id="report-scroll"):
                yield Static("", id="report-text", markup=False)
            yield Static(_("Entrée : calculer · F2 : exporter en CSV · Échap : fermer"),
                         id="report-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#report-from", Input).focus()
        self._compute()

    @on(Input.Submitted)
    def _compute(self) -> None:
        period = self._period()
        if period is not None:
            self._show(_("Calcul du rapport…"))
            self.build(*period)

    def _period(self) -> tuple[date, date] | None:
        start = parse_date(self.query_one("#report-from", Input).value, self.today)
        end = parse_date(self.query_one("#report-to", Input).value, self.today)
        if start is None or end is None:
            self._show(_("Dates non comprises : écrivez-les comme 01/01/2025 ou 1 janvier 2025."))
            return None
        if start > end:
            self._show(_("Le début de la période suit sa fin."))
            return None
        return start, end

    @work(thread=True, exclusive=True)
    def build(self, start: date, end: date) -> None:
        try:
            report = self.case_log.report(start, end)
        except StoreError as error:
            self.app.call_from_thread(self._show, str(error))
            return
        self.app.call_from_thread(self._loaded, report)

    def _loaded(self, report: dict) -> None:
        self.report = report
        self._show(render(report, "text"))

    def _show(self, text: str) -> None:
        self.query_one("#report-text", Static).update(text)

    def action_export_csv(self) -> None:
        if self.report is None:
            return
        period = self.report["period"]
        try:  # a new owner-only file: an earlier export of the same period is kept (rapport-…-2.csv)
            path = write_new(self.export_dir / f"rapport-{period['from']}-{period['to']}.csv",
                             render(self.report, "csv"))
        except OSError as error:
            self.notify(_("Export impossible : {error}").format(error=error.strerror), severity="error")
            return
        self.notify(_("Rapport enregistré : {path}").format(path=path), title=_("Export"), timeout=8)
