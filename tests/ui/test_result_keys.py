"""The result screen is safe to type into: keys typed after the last answer do nothing, and each
result action takes Ctrl."""

from chat_driver import FRENCH_ADULT, answer_until, asking, burst

from assistant.ui.screens import result
from assistant.ui.screens.chat import ChatScreen
from assistant.ui.screens.result import ResultScreen
from assistant.ui.widgets.answer_input import AnswerInput

SIZE = (100, 32)
REFERRAL = {"purpose": "4", "age": "40", "difficulties": "1,2", "nationality": "française", "puma": "1",
            "stable_address": "oui", "activity": "salarié",
            "complementary": "2"}  # ends with "complementary", answered by one key
LAST = "stable_address"  # the last question of FRENCH_ADULT's consultation (a CSS to request: its address)
TRAILING = [*"espoi", *"12?", "enter", "space", *"oui", "enter", "escape", *"e1s", "enter"]


async def test_keys_typed_with_and_after_the_last_answer_do_nothing(app, tmp_path, monkeypatch):
    printed = []
    monkeypatch.setattr(result, "print_command", lambda: ["/usr/bin/lp"])  # printing offered...
    monkeypatch.setattr(result, "print_file", printed.append)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_until(app, pilot, FRENCH_ADULT, stop=LAST)
        await pilot.press(*"oui")
        burst(app, "enter", *TRAILING)  # Enter ends the dialog; the rest comes before the result shows
        for _ in range(5):
            await pilot.pause()
        answers = dict(app.runner.state.answers)
        assert asking(app) is None and answers[LAST] == {"option": "yes", "set": {"housing.stable_address": True}}
        assert app.runner.state.added == []  # no dialog opened from the result ("s", "p", "o")
        assert not (tmp_path / "fiches").exists() and printed == []  # nothing exported ("e") nor printed ("i")
        # Escape went back to the chat: its answer line is off, so what follows answers nothing.
        assert isinstance(app.screen, ChatScreen) and app.screen.query_one(AnswerInput).disabled
        await pilot.press(*"1oe", "enter", "enter", "f5")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press(*"espoi12?n", "enter", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert app.runner.state.answers == answers and app.runner.state.added == []
        assert not (tmp_path / "fiches").exists() and printed == []


async def test_one_key_answers_typed_ahead_then_trailing_keys_change_nothing(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_until(app, pilot, REFERRAL, stop="consent")
        # "non" to the consent, "2" to the last question (a private complementary), then keys too many: all in one go.
        burst(app, *"non", "2", *"esopi1?", "enter", "enter")
        for _ in range(5):
            await pilot.pause()
        assert isinstance(app.screen, ResultScreen) and asking(app) is None
        assert app.runner.state.answers["consent"]["set"] == {"consent_to_referral": False}
        assert app.runner.state.answers["complementary"]["option"] == "private"
        assert app.runner.state.added == [] and not (tmp_path / "fiches").exists()


async def test_each_result_action_works_with_its_ctrl_key(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await answer_until(app, pilot, FRENCH_ADULT)
        await pilot.press("ctrl+e")
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ResultScreen)
        assert {p.name for p in (tmp_path / "fiches").iterdir()} == {
            f"fiche-2025-03-03.{ext}" for ext in ("pdf", "html", "md", "ics")}
        opened = []
        for key, dialog in (("ctrl+d", "documents"), ("ctrl+o", "referral"), ("ctrl+s", "renewal")):
            await pilot.press(key, key)  # twice, fast: the second must not close the chat below
            await pilot.pause()
            opened.append(dialog)
            assert isinstance(app.screen, ChatScreen) and app.runner.state.added == opened
            line = app.screen.query_one(AnswerInput)
            assert asking(app) is not None and not line.disabled and line.has_focus
            await pilot.press("f5")
            await pilot.pause()
            assert isinstance(app.screen, ResultScreen)
