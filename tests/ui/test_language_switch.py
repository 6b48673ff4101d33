"""F8 switches the interface between French and English while the app runs, on every screen
open: key bar, chat, answer line, result card; the decision stays the same."""

from chat_driver import FRENCH_ADULT, answer_until

from assistant.i18n import language, set_language
from assistant.ui.screens.chat import ChatScreen
from assistant.ui.screens.result import ResultScreen
from assistant.ui.widgets.answer_input import AnswerInput
from assistant.ui.widgets.keybar import KeyBar

SIZE = (100, 32)


def _text(widget) -> str:
    return " ".join(str(w.render()) for w in [widget, *widget.query("Static")])


async def test_f8_switches_the_chat_and_back(app):
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            chat = app.screen
            assert isinstance(chat, ChatScreen) and "Revenir" in _text(chat.query_one(KeyBar))
            await pilot.press("f8")
            await pilot.pause()
            assert language() == "en" and app.title == "Health coverage assistant"
            bar = _text(chat.query_one(KeyBar))
            assert "Back" in bar and "Revenir" not in bar
            assert chat.query_one(AnswerInput).has_focus  # the agent goes on typing
            welcome = chat.query("Bubble").first()
            assert "Consultation of" in _text(welcome) or "Consultation on" in _text(welcome)
            await pilot.press("f8")
            await pilot.pause()
            assert language() == "fr" and "Revenir" in _text(chat.query_one(KeyBar))
    finally:
        set_language("fr")


async def test_f8_on_the_result_translates_the_card_and_keeps_the_decision(app):
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await answer_until(app, pilot, FRENCH_ADULT)
            for _ in range(3):
                await pilot.pause()
            assert isinstance(app.screen, ResultScreen)
            before = app.consultation.accepted
            french = _text(app.screen.query_one("#card"))
            await pilot.press("f8")
            await pilot.pause()
            after = app.consultation.accepted
            english = _text(app.screen.query_one("#card"))
            assert english != french and "Result of" in _text(app.screen.query_one("#result-title"))
            assert [(c["id"], c["status"], c.get("effective_date")) for c in after["coverages"]] == \
                   [(c["id"], c["status"], c.get("effective_date")) for c in before["coverages"]]
            assert before["coverages"][0]["reasons"] != after["coverages"][0]["reasons"]
    finally:
        set_language("fr")


async def test_f8_relabels_the_quick_replies_in_place_and_keeps_the_ticks(app):
    from test_multi_choice import reach_difficulties

    from assistant.ui.widgets.replies import QuickReplies

    try:
        async with app.run_test(size=SIZE) as pilot:
            await reach_difficulties(app, pilot)
            await pilot.press("1", ",", "3")
            await pilot.pause()
            replies = app.screen.query_one(QuickReplies)
            buttons = list(replies.buttons.values())
            await pilot.press("f8")
            await pilot.pause()
            assert list(replies.query("Button")) == buttons  # the same buttons: nothing remounted
            labels = [str(b.label) for b in buttons]
            assert labels[0] == "1  ☑ Open or keep rights" and labels[2].startswith("3  ☑ ")
            assert labels[1].startswith("2  ☐ ") and labels[-1] == "Confirm the selection (Enter)"
            assert app.screen.query_one(AnswerInput).value == "1,3"
            await pilot.press("enter")
            await pilot.pause()
            assert app.runner.situation["difficulties"] == ["rights", "care_cost"]
    finally:
        set_language("fr")
