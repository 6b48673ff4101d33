"""Answers typed faster than the screen: each goes to its own question, read with its own keys."""

from chat_driver import asking, bubbles, burst

SIZE = (100, 32)


async def test_answers_typed_in_one_go_each_answer_their_own_question(app):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # "3" of the age comes while the stay question's digits are still one-key answers; the
        # Enter of "sans papiers" must not take the "34" typed after it.
        burst(app, "1", *"hors UE", "enter", *"sans papiers", "enter", *"34", "enter", "2")
        for _ in range(10):
            await pilot.pause()
        assert app.runner.situation["person"] == {"nationality": "non_eu", "right_to_stay": "no", "age": 34, "sex": "M"}
        assert bubbles(app, "agent")[-3:] == ["sans papiers → Sans titre de séjour", "34", "Homme"]
        assert asking(app) == "puma"
