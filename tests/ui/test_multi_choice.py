"""Multiple choices typed on one line keep every choice, and show them ticked as they are typed."""

import pytest
from chat_driver import asking, bubbles, type_answer

from assistant.ui.widgets.answer_input import AnswerInput
from assistant.ui.widgets.replies import QuickReplies

SIZE = (100, 32)
LABELS = {"rights": "Ouvrir ou garder ses droits", "renounced_care": "A renoncé à des soins",
          "care_cost": "Coût des soins, reste à charge", "appointment": "Trouver un rendez-vous, un médecin",
          "digital": "Démarches en ligne (numérique)", "complex_social": "Situation sociale complexe"}


async def reach_difficulties(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("4")  # "Orienter la personne"
    await type_answer(pilot, "40")
    before = {"stable_address": "oui", "nationality": "française", "puma": "oui", "regime_general": "oui"}
    for _ in range(8):  # what the referral path asks before the difficulties
        if asking(app) == "difficulties":
            break
        await type_answer(pilot, before[asking(app)])
    assert asking(app) == "difficulties"


def ticked_labels(app) -> list[str]:
    replies = app.screen.query_one(QuickReplies)
    return [str(b.label) for b in replies.buttons.values() if "☑" in str(b.label)]


@pytest.mark.parametrize("typed, expected", [
    ("1,2", ["rights", "renounced_care"]),
    ("4 6", ["appointment", "digital"]),
    ("4 et 6", ["appointment", "digital"]),
    ("1, 3 et 8", ["rights", "care_cost", "complex_social"]),
    ("renoncement aux soins et coût", ["renounced_care", "care_cost"]),
])
async def test_every_choice_typed_on_one_line_is_ticked_then_kept(app, typed, expected):
    async with app.run_test(size=SIZE) as pilot:
        await reach_difficulties(app, pilot)
        await pilot.press(*typed)
        await pilot.pause()
        assert app.screen.query_one(AnswerInput).value == typed  # the digits stay on the line
        assert app.screen.query_one(QuickReplies).ticked == expected
        assert len(ticked_labels(app)) == len(expected)
        await pilot.press("enter")
        await pilot.pause()
        assert app.runner.state.answers["difficulties"] == {"set": {"difficulties": expected}}
        assert asking(app) != "difficulties"
        said = "  ".join(f"☑ {LABELS[v]}" for v in expected)
        assert bubbles(app, "agent")[-1] == f"{typed} → {said}"


async def test_clicks_write_the_numbers_and_the_line_follows_the_keys(app):
    async with app.run_test(size=SIZE) as pilot:
        await reach_difficulties(app, pilot)
        replies, line = app.screen.query_one(QuickReplies), app.screen.query_one(AnswerInput)
        await pilot.click(replies.buttons["care_cost"])
        await pilot.click(replies.buttons["rights"])
        await pilot.pause()
        assert line.value == "1 3" and replies.ticked == ["rights", "care_cost"]
        await pilot.click(replies.buttons["care_cost"])  # unticks
        await pilot.pause()
        assert line.value == "1" and replies.ticked == ["rights"]
        await pilot.press(",", "2", "backspace")
        await pilot.pause()
        assert replies.ticked == ["rights"]
        await pilot.press("backspace", "backspace")  # an empty line ticks nothing
        await pilot.pause()
        assert replies.ticked == [] and not ticked_labels(app)
        await pilot.press("enter")  # a stray Enter on an empty line answers nothing
        await pilot.pause()
        assert asking(app) == "difficulties"
        await pilot.click(replies.buttons["digital"])
        replies.buttons["-validate"].press()  # the button under the list (scrolled out of view here)
        await pilot.pause()
        assert app.runner.state.answers["difficulties"] == {"set": {"difficulties": ["digital"]}}
        assert line.value == "" and asking(app) != "difficulties"


async def test_ten_replies_let_10_be_typed(app):
    async with app.run_test(size=SIZE) as pilot:
        await reach_difficulties(app, pilot)
        assert [c.key for c in app.screen.query_one(QuickReplies).choices][-1] == "10"
        await type_answer(pilot, "10")  # "1" is no shortcut here: it would cut "10" short
        assert app.runner.state.answers["difficulties"] == {"unknown": True}


async def test_changing_a_multiple_choice_ticks_the_new_choices_as_typed(app):
    async with app.run_test(size=SIZE) as pilot:
        await reach_difficulties(app, pilot)
        await type_answer(pilot, "1,2")
        await pilot.press("ctrl+z")  # change the last answer
        await pilot.pause()
        await pilot.press(*"4 et 6")
        await pilot.pause()
        assert app.screen.query_one(QuickReplies).ticked == ["appointment", "digital"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.runner.state.answers["difficulties"] == {"set": {"difficulties": ["appointment", "digital"]}}
