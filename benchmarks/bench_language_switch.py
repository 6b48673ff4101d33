"""Benchmark of the in-app language switch (F8; prints figures, not a test).

From the F8 key press to the first refresh after every screen open has shown its texts again,
in Pilot, headless: on the chat mid-consultation, and on the result card (re-evaluated in the
other language). Target: under 100 ms.

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
from assistant.ui.app import make_app  # noqa: E402
from assistant.ui.config import Launch  # noqa: E402


async def _switches(count: int, stop: str | None) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(Launch(on=date(2025, 3, 3), lang="fr", export_dir=Path(folder), db=Path(folder) / "c.db",
                              blink=False, record=False))
        times = []
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await answer_until(app, pilot, FRENCH_ADULT, stop=stop)
            for _ in range(3):
                await pilot.pause()
            for _ in range(count):
                painted = asyncio.get_running_loop().create_future()
                start = time.perf_counter()
                await pilot.press("f8")
                app.call_after_refresh(lambda: painted.done() or painted.set_result(time.perf_counter()))
                times.append((await painted) - start)
        set_language("fr")
        return times


def _report(name: str, times: list[float]) -> None:
    ms = sorted(t * 1000 for t in times)
    p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
    print(f"{name}: n={len(ms)} median {statistics.median(ms):.1f} ms, p99 {p99:.1f} ms, max {ms[-1]:.1f} ms "
          f"(target < 100 ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--switches", type=int, default=40)
    args = parser.parse_args()
    _report("chat, mid-consultation", asyncio.run(_switches(args.switches, stop="hospital_admission")))
    _report("result card", asyncio.run(_switches(args.switches, stop=None)))


if __name__ == "__main__":
    main()
