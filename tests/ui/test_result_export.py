"""The result screen: the slip exported (PDF, HTML, Markdown, .ics) without writing over an earlier
export, the directory's contacts on the card, printing offered only where a print command exists."""

from __future__ import annotations

import stat

import pytest
from chat_driver import asking, type_answer

from assistant.directory.importing import SAMPLE, import_files
from assistant.site import set_value
from assistant.ui.app import make_app
from assistant.ui.screens import result
from assistant.ui.screens.result import ResultScreen
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.result_card import ResultCard
from tests.slip.pdf_reader import read

UNDOCUMENTED_ADULT = ("hors UE", "sans papiers", "30", "1", "2", "6", "il y a 5 mois", "il y a 5 mois", "2", "1",
                      "2", "0", "1", "1", "n")


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A data folder with the site's settings and the fictional sample directory."""
    data = tmp_path / "data"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    set_value("departement", "93", data / "settings.json")
    set_value("structure", "CMS Louise Michel", data / "settings.json")
    set_value("agent", "AG12", data / "settings.json")
    import_files([SAMPLE], "93", target=data / "directory.json")
    return data


async def _result(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("1")
    for text in UNDOCUMENTED_ADULT:
        if asking(app) is None:
            break
        await type_answer(pilot, text)
    await pilot.press("f5")
    await pilot.pause()
    assert isinstance(app.screen, ResultScreen)


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_exporting_the_slip_twice_keeps_both_and_says_where(site, launch, tmp_path):
    app = make_app(launch(record=False))
    async with app.run_test(size=(100, 32)) as pilot:
        await _result(app, pilot)
        card = " ".join(line for _title, entries in app.screen.query_one(ResultCard).parts
                        for e in entries for line in (e.text, *e.details, *e.sources))
        assert "Contact : PASS de ville du centre municipal de santé de Fictiville (exemple fictif)" in card
        assert ".txt" not in card
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        folder = tmp_path / "fiches"
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            f"fiche-2025-03-03{n}.{ext}" for n in ("", "-2") for ext in ("pdf", "html", "md", "ics"))
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
        assert _messages(app)[-1] == (f"Fiche enregistrée dans {folder} : fiche-2025-03-03-2.pdf, "
                                      "fiche-2025-03-03-2.html, fiche-2025-03-03-2.md, fiche-2025-03-03-2.ics")
        first, second = (read((folder / name).read_bytes()) for name in ("fiche-2025-03-03.pdf", "fiche-2025-03-03-2.pdf"))
        assert first == second and len(first) == 1
        assert "CMS Louise Michel" in first[0] and "AG12" in first[0]


async def test_printing_is_offered_only_where_a_print_command_exists(site, launch, monkeypatch):
    printed = []
    monkeypatch.setattr(result, "print_command", lambda: ["/usr/bin/lp"])
    monkeypatch.setattr(result, "print_file", lambda path: printed.append(path))
    app = make_app(launch(record=False))
    async with app.run_test(size=(100, 32)) as pilot:
        await _result(app, pilot)
        assert "^T Imprimer" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("i")  # a letter typed ahead prints nothing: printing takes Ctrl
        await app.workers.wait_for_complete()
        assert printed == []
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+t")  # a second copy: the same file, not a new export
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(printed) == 2 and printed[0] == printed[1] and printed[0].suffix == ".pdf"
        assert "Fiche envoyée à l'imprimante." in _messages(app)

    monkeypatch.setattr(result, "print_command", lambda: None)
    app = make_app(launch(record=False))
    async with app.run_test(size=(100, 32)) as pilot:
        await _result(app, pilot)
        assert "Imprimer" not in str(app.screen.query_one(KeyBar).render())
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert len(printed) == 2
