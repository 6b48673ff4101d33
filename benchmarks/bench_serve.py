"""Load test of `assistant serve` on the loopback (prints figures; not a test).

N browserless sessions at once (default 10, two per agent), each signs in, opens the app over
its websocket and runs a whole consultation typed as an agent types it, to the result card.
Measured: the time from opening the tab to the first question (an app process starts per tab,
all at once), then, once every app shows its first question, from the key that answers to the
frame that shows the next question (or the result), as a browser would see it, all the
consultations going on together. Then the case log must hold one assessed case per session, each
attributed to its agent with every answer: no error, no lost case. Bounded: --timeout seconds
in all; only 127.0.0.1 is ever contacted.

usage: .venv/bin/python benchmarks/bench_serve.py [--sessions 10] [--think 0] [--timeout 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


async def one_session(url: str, agent: str, code: str, script, latencies: list[float], starts: list[float],
                      ready: asyncio.Barrier, think: float, rng: random.Random) -> None:
    from tests.web.consultation import RESULT
    from tests.web.terminal import Terminal, browserless, sign_in

    async with browserless() as client:
        signed = await sign_in(client, url, agent, code)
        if signed.status != 303:
            raise RuntimeError(f"{agent}: sign-in answered {signed.status}")
        opened = time.perf_counter()
        tab = await Terminal.open(client, url)
        starts.append(await tab.wait_for(script[0].text) - opened)
        await ready.wait()  # all the consultations answer together, once every app has started
        for i, step in enumerate(script):
            if think:  # an agent reads the question, asks the person, then types
                await asyncio.sleep(rng.uniform(0, 2 * think))
            tab.mark()
            sent = await tab.press(*step.keys)
            shown = await tab.wait_for(script[i + 1].text if i + 1 < len(script) else RESULT)
            latencies.append(shown - sent)
        await tab.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(sessions: int, timeout: float, think: float) -> int:
    from assistant.store.caselog import CaseLog
    from tests.web.conftest import start_serve, stop_serve
    from tests.web.consultation import steps

    script = steps(date.today())
    agents = {f"AGENT{n}": f"code-agent-{n}" for n in range(1, (sessions + 1) // 2 + 1)}
    who = [list(agents)[i // 2] for i in range(sessions)]
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        served = start_serve(Path(tmp) / "data", "--max-apps", str(sessions), agents=agents)
        latencies: list[float] = []
        starts: list[float] = []
        ready = asyncio.Barrier(sessions)
        began = time.perf_counter()
        try:
            async with asyncio.timeout(timeout):
                results = await asyncio.gather(
                    *(one_session(served.url, agent, agents[agent], script, latencies, starts, ready, think,
                                  random.Random(n)) for n, agent in enumerate(who)),
                    return_exceptions=True)
        finally:
            wall = time.perf_counter() - began
            stop_serve(served)
        errors = [r for r in results if isinstance(r, BaseException)]
        with CaseLog(served.db) as log:
            cases = [log.get_case(row["id"]) for row in log.list_cases(limit=sessions * 2)]
    answered = [step.question_id for step in script]
    complete = [c for c in cases if c["assessment"] is not None and list(c["answers"]) == answered]
    per_agent = {agent: sum(c["agent"] == agent for c in complete) for agent in agents}
    expected = {agent: who.count(agent) for agent in agents}

    ms = [x * 1000 for x in latencies]
    print(f"{sessions} sessions at once, {len(agents)} agents, {len(script)} answers each, in {wall:.1f} s "
          f"(machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end)")
    print(f"  tab opened -> first question (one app process each): median {statistics.median(starts):.2f} s, "
          f"max {max(starts):.2f} s")
    pace = f"answers {think:g} s apart on average" if think else "all answering at once, without a pause"
    print(f"  answer -> next question shown, {pace} ({len(ms)} answers): "
          f"median {percentile(ms, .5):.0f} ms, "
          f"p90 {percentile(ms, .9):.0f} ms, p99 {percentile(ms, .99):.0f} ms, max {max(ms):.0f} ms")
    print(f"  errors: {len(errors)}; cases in the log: {len(cases)}, complete and assessed: {len(complete)}; "
          f"attributed as signed in: {per_agent == expected}")
    for error in errors:
        print(f"  error: {type(error).__name__}: {error}")
    return 0 if not errors and len(complete) == sessions == len(cases) and per_agent == expected else 1


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--think", type=float, default=0,
                        help="mean seconds between a question shown and its answer (0: none, the worst case)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.exit(asyncio.run(run(args.sessions, args.timeout, args.think)))


if __name__ == "__main__":
    main()
