"""Full garbage collections at moments when nobody waits for the screen.

A chat on screen keeps 100,000-150,000 objects that CPython's garbage collector tracks (widgets,
their cached lines and styles). CPython starts a full (oldest-generation) collection on its own
whenever enough objects have survived the young ones, whatever the app is doing: it walks all of
them, 100-200 ms on a 2-core machine, and lands in the middle of an answer (one answer in a
hundred took that long in benchmarks/bench_ui.py for no other reason). So while the app runs,
CPython keeps collecting the young generations, where most garbage dies, and the app runs the
full collections itself: when a result has been painted (the agent reads it), when no key or
mouse event has come for IDLE seconds, or, if the agent never pauses, after FORCED young
collections anyway, so that memory stays bounded.
"""

from __future__ import annotations

import gc
import time

IDLE = 2.0  # seconds without input
CADENCE = 10  # young (generation-1) collections between two full ones: CPython's default
FORCED = 20 * CADENCE
NEVER = 1 << 30


class FullCollections:
    def __init__(self) -> None:
        self._last_input = time.monotonic()
        self._thresholds: tuple[int, ...] | None = None

    def take_over(self) -> None:
        """CPython stops starting full collections (the young ones go on)."""
        if self._thresholds is None:
            self._thresholds = gc.get_threshold()
            gc.set_threshold(*self._thresholds[:2], NEVER)

    def give_back(self) -> None:
        if self._thresholds is not None:
            gc.set_threshold(*self._thresholds)
            self._thresholds = None

    def input_seen(self) -> None:
        self._last_input = time.monotonic()

    def tick(self) -> None:
        """Called every second: collect when the agent has paused, or has never paused for long."""
        pending = gc.get_count()[2]  # young collections since the last full one
        idle = time.monotonic() - self._last_input >= IDLE
        if pending >= FORCED or (pending >= CADENCE and idle):
            gc.collect()

    @staticmethod
    def now() -> None:
        """A screen the agent reads has been painted: collect if anything survived since the last time."""
        if gc.get_count()[2]:
            gc.collect()
