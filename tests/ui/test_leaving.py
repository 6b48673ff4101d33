"""Ctrl+Q asks in the middle of a consultation and says how to resume it; Ctrl+N works on every
screen; F9 lists the keys of the screen shown."""

import pytest
from chat_driver import FRENCH_ADULT, answer_until, asking, bubbles, type_answer

from assistant.ui.app import make_app
from assistant.ui.screens.chat import ChatScreen
from assistant.ui.screens.confirm import ConfirmScreen
from assistant.ui.screens.help import HelpScreen
from assistant.ui.screens.result import ResultScreen

SIZE = (100, 32)


async def start_consultation(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("1")
    await type_answer(pilot, "hors UE")
    assert asking(app) == "right_to_stay"


async def test_ctrl_q_at_the_welcome_quits_at_once(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_ctrl_q_mid_consultation_asks_and_the_case_can_be_resumed(launch, tmp_path):
    app = make_app(launch())
    async with app.run_test(size=SIZE) as pilot:
        await start_consultation(app, pilot)
        case_id = app.consultation.case_id
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert f"dossier {case_id}" in app.screen.message and "F4" in app.screen.message
        assert f"--db {tmp_path / 'cases.db'} --case {case_id}" in app.screen.message
        await pilot.press(*"oui", "escape")  # letters do nothing; Escape says no
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and app.return_code is None
        await pilot.press("ctrl+q", "enter")  # Enter on the focused "Continuer la consultation"
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and app.return_code is None
        await type_answer(pilot, "sans papiers")  # the consultation goes on as before
        assert asking(app) == "age"
        await pilot.press("ctrl+q", "right", "enter")  # "Quitter"
        await pilot.pause()
        assert app.return_code == 0

    resumed = make_app(launch(case_id=case_id))
    async with resumed.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert asking(resumed) == "age"
        assert bubbles(resumed, "agent")[-1] == "Sans titre de séjour"


async def test_ctrl_q_twice_quits_and_without_a_log_says_nothing_is_kept(app):
    async with app.run_test(size=SIZE) as pilot:
        await start_consultation(app, pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Rien n'est enregistré" in app.screen.message
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_after_the_result_f9_lists_its_keys_ctrl_n_and_ctrl_q_do_not_ask(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_until(app, pilot, FRENCH_ADULT)
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.rows)
        assert keys["Ctrl+E"].startswith("Exporter la fiche") and keys["Ctrl+S"] == "Renouvellement ou suivi d'un droit"
        await pilot.press("f9")  # closes again
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("ctrl+n")  # the consultation is over: a new one at once
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and asking(app) == "purpose" and not app.runner.state.answers
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("ctrl+n", "ctrl+n")  # asks (an answer given), then the same key again confirms
        await pilot.pause()
        assert asking(app) == "purpose" and not app.runner.state.answers
        await answer_until(app, pilot, FRENCH_ADULT)
        await pilot.press("escape")  # back in the chat, the dialog over
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_f9_in_the_chat_lists_the_answer_keys_and_f1_stays_why(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1", "f9")
        await pilot.pause()
        keys = dict(app.screen.rows)
        assert keys["F1"] == "Pourquoi ?" and keys["1 à 4"].startswith("Réponse rapide") and "Entrée" in keys
        assert "Ctrl+N" not in keys  # listed under "Sur tous les écrans"
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert bubbles(app, "note")[-1].startswith(app.runner.question.help)  # the nationality question's


OPEN = {"chat": [], "review": ["f3"], "edit": ["ctrl+z"], "history": ["f4"], "report": ["f6"], "help": ["f9"]}


@pytest.mark.parametrize("screen", OPEN)
async def test_ctrl_n_from_every_screen_asks_then_starts_afresh(launch, screen):
    app = make_app(launch())
    async with app.run_test(size=SIZE) as pilot:
        await start_consultation(app, pilot)
        case_id = app.consultation.case_id
        await pilot.press(*OPEN[screen])
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.screen
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and case_id in app.screen.message
        await pilot.press("escape")  # no: back where we were, nothing lost
        await pilot.pause()
        assert app.screen is shown and asking(app) == "right_to_stay"
        await pilot.press("ctrl+n", "right", "enter")
        await pilot.pause()
        assert len(app.screen_stack) == 1 and isinstance(app.screen, ChatScreen)
        assert asking(app) == "purpose" and app.consultation.case_id is None and not app.runner.state.answers
        assert bubbles(app, "agent") == []
