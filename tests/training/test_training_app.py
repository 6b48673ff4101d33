"""Pilot test of the training mode: a whole scenario, the score, and the case log untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, SelectionList, Static

from assistant.knowledge.loader import load as load_kb
from assistant.store.caselog import CaseLog
from assistant.training.scenarios import load
from assistant.training.store import TrainingLog
from assistant.ui.screens.training_chat import TrainingChatScreen
from assistant.ui.screens.training_result import ComparisonScreen, ConclusionScreen
from assistant.ui.training_app import make_training_app
from assistant.ui.widgets.training_banner import TrainingBanner
from tests.training.typing import typed_answer


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("ASSISTANT_DB", raising=False)
    monkeypatch.delenv("ASSISTANT_TRAINING_DB", raising=False)
    return tmp_path


def _case_log_snapshot(path: Path) -> tuple:
    with sqlite3.connect(path) as db:
        return tuple(db.execute("SELECT id, updated_at FROM cases ORDER BY id").fetchall()), path.read_bytes()


async def test_a_full_training_scenario_is_scored_apart_from_the_case_log(data_dir):
    case_log_path = data_dir / "cases.db"  # the real case log of this data folder, with one case
    log = CaseLog(case_log_path)
    log.create_case(dialog={})
    log.close()
    before = _case_log_snapshot(case_log_path)

    scenarios = load()
    index = next(i for i, s in enumerate(scenarios) if s.id == "ame-exemple-hospitalisation")
    scenario = scenarios[index]
    app = make_training_app(scenarios, load_kb(), "fr", trainee="Alice", group="G1", blink=False,
                            export_dir=data_dir / "fiches")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TrainingBanner)
        assert "Formation" in app.title
        app.screen.query_one("#scenarios", OptionList).highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        chat = app.screen
        assert isinstance(chat, TrainingChatScreen) and chat.query_one(TrainingBanner)
        assert app.consultation.on == scenario.date and not app.consultation.recording
        for _ in range(40):  # the dialog, typed in the answer line as an agent types
            question = app.runner.question
            if question is None:
                break
            await pilot.press(*typed_answer(question, scenario.situation), "enter")
            await pilot.pause()
        assert app.runner.question is None
        await pilot.pause()
        assert isinstance(app.screen, ConclusionScreen)  # the trainee concludes before seeing the result
        assert not app.screen.query(ComparisonScreen)
        conclusion = app.screen
        conclusion.query_one("#coverage", Select).value = "ame"
        conclusion.query_one("#date", Input).value = "10/04/2021"
        documents = conclusion.query_one("#documents", SelectionList)
        for doc_id in scenario.expected.documents[:-1]:  # one document forgotten
            documents.select(doc_id)
        conclusion.query_one("#referrals", SelectionList).select("pass")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ComparisonScreen)
        expected_docs = len(scenario.expected.documents)
        points = round(4 + (expected_docs - 1) / expected_docs, 2)
        shown = str(app.screen.query_one("#score", Static).render())
        assert f"{points:g}".replace(".", ",") in shown and "/ 5" in shown
        text = "\n".join(str(s.render()) for s in app.screen.query(".training-item"))
        assert "✗ Pièces" in text and "Manquante" in text and "Source : " in text
        assert "000_af8b0dd11f2dd870.txt" not in text  # sources as titles, never file names
        await pilot.press("escape")
        await pilot.pause()
        assert "Séance : " in str(app.screen.query_one("#session-score", Static).render())
    training = TrainingLog(data_dir / "training.db", create=False)
    attempts = training.attempts()
    training.close()
    assert [(a["trainee"], a["group"], a["scenario"], a["family"], a["points"], a["out_of"]) for a in attempts] == [
        ("Alice", "G1", scenario.id, "ame", points, 5)]
    assert attempts[0]["items"]["dialog"] == 1 and attempts[0]["items"]["documents"] < 1
    assert (data_dir / "training.db").stat().st_mode & 0o077 == 0
    assert _case_log_snapshot(case_log_path) == before


async def test_ctrl_q_and_ctrl_n_in_a_scenario_speak_of_the_scenario(data_dir):
    from assistant.ui.screens.confirm import ConfirmScreen

    scenarios = load()
    app = make_training_app(scenarios, load_kb(), "fr", blink=False, export_dir=data_dir / "fiches")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the first scenario
        await pilot.pause()
        scenario = app.scenario
        await pilot.press(*typed_answer(app.runner.question, scenario.situation), "enter")
        await pilot.pause()
        for key, title, yes in (("ctrl+q", "Quitter en plein scénario ?", "Quitter"),
                                ("ctrl+n", "Revenir à la liste des scénarios ?", "Liste des scénarios")):
            await pilot.press(key)
            await pilot.pause()
            confirm = app.screen
            assert isinstance(confirm, ConfirmScreen)
            shown = " ".join(str(w.render()) for w in confirm.query("Static, Button"))
            assert title in shown and yes in shown and "Les scores déjà obtenus sont gardés" in shown
            assert "consultation" not in shown and "dossier" not in shown
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")  # confirmed by the same key: back to the list
        await pilot.pause()
        assert len(app.screen_stack) == 1
