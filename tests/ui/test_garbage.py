"""The app's full garbage collections: never in the middle of an answer, always when the agent reads
a result or pauses, and CPython's own rule back once the app has gone."""

from __future__ import annotations

import gc

import pytest
from chat_driver import FRENCH_ADULT, answer_until

from assistant.ui import garbage
from assistant.ui.garbage import CADENCE, FORCED, IDLE, NEVER, FullCollections
from assistant.ui.screens.result import ResultScreen


@pytest.fixture
def thresholds():
    """CPython's thresholds of this process, restored whatever a test does."""
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


@pytest.fixture
def world(monkeypatch, thresholds, clock):
    """A fake clock, a fake count of young collections since the last full one, the full ones made."""
    pending, collected = [0], []
    monkeypatch.setattr(garbage.time, "monotonic", clock)
    monkeypatch.setattr(garbage.gc, "get_count", lambda: (0, 0, pending[0]))
    monkeypatch.setattr(garbage.gc, "collect", lambda *a: collected.append(pending[0]) or 0)
    return clock, pending, collected


def test_take_over_stops_only_the_full_collections_and_give_back_restores(thresholds):
    collections = FullCollections()
    collections.take_over()
    collections.take_over()  # twice changes nothing: give_back still restores CPython's own
    assert gc.get_threshold() == (*thresholds[:2], NEVER)
    collections.give_back()
    assert gc.get_threshold() == thresholds
    collections.give_back()
    assert gc.get_threshold() == thresholds


@pytest.mark.parametrize(("pending", "quiet", "collects"), [
    (CADENCE - 1, IDLE + 5, False),  # a pause, but little to collect
    (CADENCE, IDLE - 0.01, False),  # the agent typed just now
    (CADENCE, IDLE, True),  # a pause of IDLE seconds
    (CADENCE, IDLE + 0.01, True),
    (FORCED - 1, 0, False),  # typing on and on
    (FORCED, 0, True),  # ... the full collection comes anyway
])
def test_tick_collects_in_a_pause_or_when_too_much_is_pending(world, pending, quiet, collects):
    clock, count, collected = world
    collections = FullCollections()
    collections.input_seen()
    clock.now += quiet
    count[0] = pending
    collections.tick()
    assert collected == ([pending] if collects else [])


def test_input_puts_the_pause_off(world):
    clock, count, collected = world
    collections = FullCollections()
    count[0] = CADENCE
    clock.now += IDLE - 1
    collections.input_seen()
    clock.now += IDLE - 1
    collections.tick()
    assert collected == []
    clock.now += 1
    collections.tick()
    assert collected == [CADENCE]


def test_now_collects_only_when_something_is_pending(world):
    _clock, count, collected = world
    FullCollections.now()
    count[0] = 1
    FullCollections.now()
    assert collected == [1]


async def test_the_app_owns_full_collections_while_it_runs_and_collects_at_the_result(app, monkeypatch, thresholds):
    on_screen = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert gc.get_threshold() == (*thresholds[:2], NEVER)
        monkeypatch.setattr(app.garbage, "now", lambda: on_screen.append(type(app.screen)))
        await pilot.press("1")
        await answer_until(app, pilot, FRENCH_ADULT)
        await pilot.pause()
        assert on_screen == [ResultScreen]
    assert gc.get_threshold() == thresholds


async def test_a_key_is_input_seen(app, monkeypatch, thresholds):
    seen = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(app.garbage, "input_seen", lambda: seen.append(True))
        await pilot.press("x")
        assert seen
