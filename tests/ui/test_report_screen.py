"""The activity report screen: the same report as the CLI, a period to change, a CSV export."""

from __future__ import annotations

import stat
from datetime import date

import pytest

from textual.widgets import Input, Static

from assistant.store.caselog import CaseLog
from assistant.ui.app import make_app
from assistant.ui.screens.report import ReportScreen


def _seed(path) -> None:
    with CaseLog(path) as log:
        case_id = log.create_case(initials="AB")
        log.update_request(case_id, "ame", "filed", on=date(2025, 2, 1))


async def _text(app, pilot) -> str:
    await app.workers.wait_for_complete()
    await pilot.pause()
    return str(app.screen.query_one("#report-text", Static).render())


@pytest.fixture
def logged_app(launch):
    """The app on a case log holding one case."""
    settings = launch()
    _seed(settings.db)
    return make_app(settings)


async def _open_report(pilot) -> None:
    await pilot.pause()
    await pilot.press("f6")
    await pilot.pause()


async def test_f6_shows_the_report_and_exports_it_as_csv(logged_app, tmp_path):
    app = logged_app
    async with app.run_test(size=(100, 32)) as pilot:
        await _open_report(pilot)
        assert isinstance(app.screen, ReportScreen)
        text = await _text(app, pilot)
        assert "Rapport d'activité du 01/01/2025 au 03/03/2025" in text
        assert "Source :" in text
        await pilot.press("f2")
        await pilot.pause()
        path = tmp_path / "fiches" / "rapport-2025-01-01-2025-03-03.csv"
        assert path.read_text(encoding="utf-8").startswith("\ufeffindicateur;libellé;catégorie")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        await pilot.press("f2")  # a second export keeps the first
        await pilot.pause()
        assert (tmp_path / "fiches" / "rapport-2025-01-01-2025-03-03-2.csv").is_file()


async def test_a_period_that_is_not_understood_is_said_not_crashed(logged_app):
    app = logged_app
    async with app.run_test(size=(100, 32)) as pilot:
        await _open_report(pilot)
        await app.workers.wait_for_complete()
        start = app.screen.query_one("#report-from", Input)
        start.value = "31 février"
        await pilot.press("enter")
        text = await _text(app, pilot)
        assert "Dates non comprises" in text
        start.value = "01/04/2025"
        await pilot.press("enter")
        assert "suit sa fin" in await _text(app, pilot)


async def test_without_a_case_log_f6_says_so(app):
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert not isinstance(app.screen, ReportScreen)
