"""Benchmarks of the engine (figures printed, not a test; run: .venv/bin/python benchmarks/bench_evaluate.py).

1. Cold start of `python -m assistant evaluate FILE` against `python -c "import pydantic"`,
   interleaved run by run so machine noise hits both alike (target: ratio of medians <= 1.5).
2. In-process `evaluate()` latency over varied situations (target: p99 < 1 ms).
3. `evaluate --batch` over 10,000 situations, whole command, wall clock (target: > 5,000/s);
   large batches fork one worker per core, so the single-core rate is printed by step 2.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bytecode import compile_package  # noqa: E402
from situations import synthetic  # noqa: E402

ON = "2025-06-01"
PY = sys.executable


def _timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child): CPU time is less sensitive to a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cold_start(runs: int = 40) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(synthetic(1)[0], f)
    ours_cmd = [PY, "-m", "assistant", "evaluate", f.name, "--on", ON]
    floor_cmd = [PY, "-c", "import pydantic"]
    _timed(ours_cmd)  # fill the knowledge-base and schema caches, as any second run finds them
    ours, floor = [], []
    for _ in range(runs):
        ours.append(_timed(ours_cmd))
        floor.append(_timed(floor_cmd))
    for kind, i in (("wall", 0), ("CPU", 1)):
        mo, mf = statistics.median(r[i] for r in ours), statistics.median(r[i] for r in floor)
        print(f"cold start ({kind}): evaluate median {mo * 1000:.1f} ms, import pydantic median {mf * 1000:.1f} ms; "
              f"ratio {mo / mf:.2f}x (target <= 1.5x), {runs} interleaved runs")


def in_process(n: int = 20000) -> None:
    from assistant.engine import evaluate
    from assistant.knowledge.loader import load
    from assistant.validation import parse_situation

    kb, on = load(), date.fromisoformat(ON)
    parsed = [parse_situation(s, on) for s in synthetic(2000, seed=1)]
    for s in parsed[:200]:
        evaluate(s, on=on, kb=kb)
    times = []
    for i in range(n):
        s = parsed[i % len(parsed)]
        t = time.perf_counter_ns()
        evaluate(s, on=on, kb=kb)
        times.append(time.perf_counter_ns() - t)
    times.sort()
    q = lambda p: times[int(p * (len(times) - 1))] / 1e6  # noqa: E731
    print(f"in-process evaluate(): p50 {q(0.5):.3f} ms, p99 {q(0.99):.3f} ms, max {times[-1] / 1e6:.3f} ms "
          f"over {n} calls (target p99 < 1 ms)")
    raw = [json.dumps(s) for s in synthetic(2000, seed=2)]
    t = time.perf_counter()
    for line in raw:
        json.dumps(evaluate(parse_situation(line, on), on=on, kb=kb))
    per = (time.perf_counter() - t) / len(raw) * 1e6
    print(f"in-process parse + evaluate + JSON out: {per:.0f} µs per situation = {1e6 / per:,.0f}/s on one core")


def batch(n: int = 10000) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.write("\n".join(json.dumps(s) for s in synthetic(n, seed=3)) + "\n")
    cmd = [PY, "-m", "assistant", "evaluate", "--batch", f.name, "--on", ON]
    out = subprocess.run(cmd, capture_output=True, check=True)
    assert len(out.stdout.splitlines()) == n
    runs = [_timed(cmd) for _ in range(3)]
    wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    print(f"--batch: {n} situations, whole command (forked workers, one per core), best of 3: "
          f"wall {wall:.2f} s = {n / wall:,.0f}/s (target > 5,000/s); CPU of all processes {cpu:.2f} s")


if __name__ == "__main__":
    compile_package()
    cold_start()
    in_process()
    batch()
