"""Driving the chat in Pilot tests: type an answer, read the bubbles and the current question."""

from __future__ import annotations

from textual import events

from assistant.ui.widgets.bubble import Bubble

# The answers of a French adult's consultation, typed as an agent types them ("n" elsewhere).
FRENCH_ADULT = {"purpose": "1", "nationality": "française", "age": "40", "sex": "femme", "puma": "1", "complementary": "1",
                "ame": "2", "annual_resources": "800 par mois", "household_size": "1", "territory": "1",
                "hospital_admission": "il y a 20 jours", "hospital_discharge": "il y a 15 jours",
                "puma_since": "01/01/2018", "benefits": "aucun", "stable_address": "oui"}


async def type_answer(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


async def answer_until(app, pilot, answers: dict[str, str], stop: str | None = None) -> None:
    """Answer each question from `answers` ("n" when absent) until `stop` is asked, or the end."""
    for _ in range(40):
        if asking(app) in (None, stop):
            return
        await type_answer(pilot, answers.get(asking(app), "n"))
    raise AssertionError(f"still asking {asking(app)} after 40 answers")


def burst(app, *keys: str) -> None:
    """Keys typed faster than the screen: all queued before the first one is handled."""
    for key in keys:
        app.post_message(events.Key(key, {"enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None)))


def bubbles(app, role: str | None = None) -> list[str]:
    return [str(b.render()) for b in app.screen.query(Bubble) if role is None or b.has_class(f"-{role}")]


def asking(app) -> str | None:
    question = app.runner.question
    return question.id if question else None
