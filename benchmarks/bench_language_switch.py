"""Benchmark of the in-app language switch (F8; prints figures, not a test).

From the F8 key press to the first paint of the screen shown in the other language (the
timestamp is taken by the app, in the callback the switch queues for after that paint, as
bench_ui.py does for answers: Pilot's own waits, 20 ms sleeps until the app is idle, are not
counted), in Pilot, headless: on the chat mid-consultation, and on the result card
(re-evaluated in the other language). Also: until the screens underneath have their texts too
(done after that paint). Target: under 100 ms.

usage: .venv/bin/python benchmarks/bench_language_switch.py [--switches 40]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "ui")]

from chat_driver import FRENCH_ADULT, answer_until  # noqa: E402

from assistant.i18n import set_language  # noqa: E402
from assistant.ui.app import AssistantApp, make_app  # noqa: E402
from assistant.ui.config import Launch  # noqa: E402


async def _switches(count: int, stop: str | None) -> tuple[list[float], list[float]]:
    """(F8 -> shown screen painted, F8 -> every screen switched) of `count` switches."""
    painted: list[float] = []
    below: list[float] = []
    relanguage_below = AssistantApp._relanguage_below

    async def timed_below(self, screens) -> None:  # the first callback after the switch's paint
        painted.append(time.perf_counter())
        await relanguage_below(self, screens)
        below.append(time.perf_counter())

    AssistantApp._relanguage_below = timed_below
    try:
        with tempfile.TemporaryDirectory() as folder:
            app = make_app(Launch(on=date(2025, 3, 3), lang="fr", export_dir=Path(folder), db=Path(folder) / "c.db",
                                  blink=False, record=False))
            shown, every = [], []
            async with app.run_test(size=(100, 32)) as pilot:
                await pilot.pause()
                await answer_until(app, pilot, FRENCH_ADULT, stop=stop)
                for _ in range(3):
                    await pilot.pause()
                for _ in range(count):
                    painted.clear(), below.clear()
                    start = time.perf_counter()
                    await pilot.press("f8")
                    await pilot.pause()
                    shown.append(painted[0] - start)
                    every.append(below[0] - start)
    finally:
        AssistantApp._relanguage_below = relanguage_below
        set_language("fr")
    return shown, every


def _report(name: str, times: tuple[list[float], list[float]]) -> None:
    for what, runs in zip(("screen shown painted", "screens underneath switched too"), times):
        ms = sorted(t * 1000 for t in runs)
        p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
        print(f"{name}, {what}: n={len(ms)} median {statistics.median(ms):.1f} ms, p99 {p99:.1f} ms, "
              f"max {ms[-1]:.1f} ms (target < 100 ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--switches", type=int, default=40)
    args = parser.parse_args()
    _report("chat, mid-consultation", asyncio.run(_switches(args.switches, stop="hospital_admission")))
    _report("result card", asyncio.run(_switches(args.switches, stop=None)))


if __name__ == "__main__":
    main()
