"""The history screen (Pilot): search, timeline and follow-up, resume by id."""

from __future__ import annotations

from datetime import date

from textual.app import App
from textual.widgets import Input, OptionList, Static

from assistant.ui.screens.history import HistoryScreen


class Host(App):
    def __init__(self, log, kb):
        super().__init__()
        self.case_log, self.kb, self.resumed = log, kb, "not yet"

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.case_log, self.kb), callback=self._resume)

    def _resume(self, case_id: str | None) -> None:
        self.resumed = case_id


def _results(screen) -> list[str]:
    options = screen.query_one("#history-results", OptionList)
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def test_search_show_and_resume(log, kb, clock):
    first = log.create_case(initials="MD")
    log.add_note(first, "attend son récépissé")
    log.update_request(first, "ame", "documents_requested", on=date(2025, 3, 1))
    clock.set(date(2025, 3, 4))
    second = log.create_case(initials="KB")
    app = Host(log, kb)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert _results(screen) == [second, first]  # most recently active first

        await pilot.click("#history-query")
        await pilot.press(*"recepise")
        await pilot.pause()
        assert _results(screen) == [first]
        detail = str(screen.query_one("#history-detail", Static).render())
        assert "AME : pièces demandées" in detail and "renvoyer les pièces manquantes le 31/03/2025" in detail
        assert "note : attend son récépissé" in detail

        await pilot.press("enter")
        await pilot.pause()
    assert app.resumed == first


async def test_nothing_found_and_escape(log, kb):
    log.create_case(initials="MD")
    app = Host(log, kb)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.screen.query_one("#history-query", Input).value = "zzzz"
        await pilot.pause()
        assert _results(app.screen) == []
        assert str(app.screen.query_one("#history-detail", Static).render()) == "Aucun dossier ne correspond."
        await pilot.press("escape")
        await pilot.pause()
    assert app.resumed is None
