"""Benchmarks of the chat app (prints figures; not a test).

1. Launch to first question visible, against a minimal Textual app showing one Static,
   measured side by side in the same run: fresh processes, alternating, same headless harness
   (the process exits once the first screen is painted). The chat runs as by default, with a
   case log (opened after the first paint, like the engine). Target: at most 1.5x.
2. Per-answer latency in Pilot: from the key press that answers to the first refresh after
   the next question is asked (the frame that shows it). Target: p99 under 50 ms. The
   consultations follow one another in one app, Ctrl+N after each result, as at a permanence,
   with no pause between answers (the worst case: the app's full garbage collections wait for
   a result or a pause, see assistant/ui/garbage.py).

usage: .venv/bin/python benchmarks/bench_ui.py [--runs 15] [--dialogs 24] [--answers-only]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Each child prints the seconds from its own start to the first paint of its first screen
# (a callback queued with call_after_refresh from on_mount runs right after that paint), then
# exits. The chat also prints when its side panel (which loads the engine) has been filled.
MINIMAL = """
import time
START = time.perf_counter()
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Bonjour. Pourquoi la personne vient-elle aujourd'hui ?")

    def on_mount(self):
        self.call_after_refresh(lambda: (print(time.perf_counter() - START, 0), self.exit()))

Minimal().run(headless=True, size=(100, 32))
"""

CHAT = """
import time
START = time.perf_counter()
from datetime import date
from pathlib import Path
from assistant.ui.app import make_app
from assistant.ui.config import Launch
from assistant.ui.screens.chat import ChatScreen

marks = []
original = ChatScreen.on_mount

def on_mount(self):
    self.call_after_refresh(lambda: marks.append(time.perf_counter() - START))  # first paint
    original(self)  # queues the side panel (engine) after the first paint
    self.call_after_refresh(lambda: (marks.append(time.perf_counter() - START), self.app.exit()))

ChatScreen.on_mount = on_mount
app = make_app(Launch(on=date(2025, 3, 3), export_dir=Path({export!r}), db=Path({export!r}) / "cases.db"))
app.run(headless=True, size=(100, 32))
assert app.runner.question.id == "purpose"
print(*marks)
"""


def launch_once(code: str) -> tuple[float, float, float]:
    """(wall time of the process, its first paint, its side panel filled) in seconds."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    paint, panel = (float(x) for x in done.stdout.split())
    return wall, paint, panel


def bench_launch(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        chat = CHAT.format(export=tmp)
        launch_once(MINIMAL), launch_once(chat)  # warm the OS file cache and the knowledge-base cache
        minimal, ours = [], []
        for _ in range(runs):
            minimal.append(launch_once(MINIMAL))
            ours.append(launch_once(chat))
    med = lambda runs, i: statistics.median(r[i] for r in runs) * 1000  # noqa: E731
    print(f"launch to first screen, median of {runs} fresh processes each, alternating:")
    print(f"  minimal Textual app, one Static painted: {med(minimal, 1):6.0f} ms in-process "
          f"({med(minimal, 0):.0f} ms with interpreter start and exit)")
    print(f"  chat, first question painted:           {med(ours, 1):6.0f} ms in-process "
          f"({med(ours, 0):.0f} ms with interpreter start and exit)")
    print(f"  chat, side panel filled (engine loaded): {med(ours, 2):6.0f} ms")
    print(f"  ratio, first question vs minimal: {med(ours, 1) / med(minimal, 1):.2f}x (target <= 1.5x); "
          f"whole processes: {med(ours, 0) / med(minimal, 0):.2f}x")


# Answers by key press where the question is picked, by text + Enter where it is typed.
PERSONAS = [
    {"purpose": "1", "nationality": "3", "right_to_stay": "4", "age": "30", "puma": "2", "activity": "6",
     "irregular_since": "il y a 5 mois", "arrival_date": "12/09/2024", "complementary": "1", "ame": "2",
     "annual_resources": "800 par mois", "hospital_admission": "il y a 20 jours",
     "hospital_discharge": "il y a 15 jours", "care_date": "1", "household_size": "1", "territory": "1",
     "stable_address": "n", "domiciliation": "n"},
    {"purpose": "1", "nationality": "1", "age": "40", "puma": "1", "complementary": "1", "ame": "2",
     "annual_resources": "9 600", "hospital_admission": "il y a 20 jours", "puma_since": "01/01/2018",
     "hospital_discharge": "il y a 15 jours", "household_size": "1", "territory": "1"},
    {"purpose": "4", "age": "60", "difficulties": "1 3", "regime_general": "o", "followed_by": "aucune",
     "fragility_items": "4 5"},
    # As typed at a counter (issue 11): approximate dates, benefits by name, amounts without their period.
    {"purpose": "1", "nationality": "hors UE", "right_to_stay": "sans papiers", "age": "30", "puma": "non",
     "irregular_since": "mars 2024", "irregular_since~precise": "le 12 mars 2024", "ame": "non",
     "household_size": "seule", "annual_resources": "900", "annual_resources~period": "par mois",
     "hospital_admission": "fin janvier", "hospital_admission~precise": "le 25 janvier 2025",
     "hospital_discharge": "il y a 15 jours", "care_date": "pas de soins", "stable_address": "o"},
    {"purpose": "1", "nationality": "française", "age": "70", "puma": "oui", "puma_since": "2010",
     "complementary": "aucune", "benefits": "ASPA", "activity": "retraitée", "household_size": "seule",
     "annual_resources": "environ 900 par mois", "territory": "métropole"},
    {"purpose": "1", "nationality": "française", "age": "35", "puma": "oui", "puma_since": "03/2019",
     "complementary": "aucune", "benefits": "RSA", "territory": "métropole"},
]


async def consultations(dialogs: int, export: Path, latencies: list[float], finals: list[float]) -> None:
    """Answer `dialogs` whole dialogs in one app; `latencies` gets each answer followed by a
    question, `finals` each last answer (followed by the result card, a full screen, measured apart)."""
    from assistant.ui.app import make_app
    from assistant.ui.config import Launch
    from assistant.ui.screens.chat import ChatScreen
    from assistant.ui.shortcuts import shortcuts

    rendered: list[float] = []
    original = ChatScreen.ask

    def ask(self) -> None:  # the next question is on screen after the refresh that follows
        original(self)
        self.call_after_refresh(lambda: rendered.append(time.perf_counter()))

    ChatScreen.ask = ask
    app = make_app(Launch(on=date(2025, 3, 3), export_dir=export, record=False, blink=False))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for i in range(dialogs):
            persona = PERSONAS[i % len(PERSONAS)]
            for _ in range(60):
                question = app.runner.question
                if question is None:
                    break
                text = persona.get(question.id, "?" if question.unknown else "1")
                if len(text) == 1 and text in shortcuts(question):
                    keys = [text]
                else:
                    await pilot.press(*text)
                    keys = ["enter"]
                rendered.clear()
                start = time.perf_counter()
                await pilot.press(*keys)
                await pilot.pause()
                if not rendered:
                    raise RuntimeError(f"{question.id}: {text!r} was not understood")
                (latencies if app.runner.question else finals).append(rendered[0] - start)
            else:
                raise RuntimeError(f"dialog did not end: stuck on {app.runner.question.id}")
            await pilot.press("ctrl+n")  # the next person
            await pilot.pause()
    ChatScreen.ask = original


def bench_answers(dialogs: int) -> None:
    latencies: list[float] = []
    finals: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(consultations(dialogs, Path(tmp), latencies, finals))
    ms = sorted(x * 1000 for x in latencies)
    p = lambda q: ms[min(len(ms) - 1, round(q * (len(ms) - 1)))]  # noqa: E731
    print(f"per-answer latency, key press -> next question rendered ({len(ms)} answers, {dialogs} dialogs "
          f"in one app):")
    print(f"  median {p(0.5):.1f} ms, p90 {p(0.9):.1f} ms, p99 {p(0.99):.1f} ms, max {ms[-1]:.1f} ms (target p99 < 50 ms)")
    print(f"last answer -> result card rendered: median {statistics.median(finals) * 1000:.1f} ms, "
          f"max {max(finals) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--dialogs", type=int, default=24)
    parser.add_argument("--answers-only", action="store_true", help="skip the launch benchmark")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).parent))
    from bytecode import compile_package

    compile_package()
    if not args.answers_only:
        bench_launch(args.runs)
    bench_answers(args.dialogs)


if __name__ == "__main__":
    main()
