"""Driving the chat in Pilot tests: type an answer, read the bubbles and the current question."""

from __future__ import annotations

from assistant.ui.widgets.bubble import Bubble


async def type_answer(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def bubbles(app, role: str | None = None) -> list[str]:
    return [str(b.render()) for b in app.screen.query(Bubble) if role is None or b.has_class(f"-{role}")]


def asking(app) -> str | None:
    question = app.runner.question
    return question.id if question else None
