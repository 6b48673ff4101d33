"""Knowledge search figures (not a test: prints measurements).

    .venv/bin/python benchmarks/bench_knowledge_search.py [--rounds 20]

The index build (once per process and language), then the latency of every query of the
test table (tests/knowledge/search_queries.yaml) and of each keystroke of a few queries typed
letter by letter, as the command palette sends them. Target (issue 13): p99 < 5 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.knowledge.loader import load  # noqa: E402
from assistant.knowledge.search import KnowledgeIndex  # noqa: E402

TYPED = ["ame retroactivite", "SDF domiciliation", "pieces AME", "sans papier", "demandeur d'asile soins urgents"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    kb = load()
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        index = KnowledgeIndex.build(kb, "fr", date(2026, 1, 15))
        builds.append(time.perf_counter() - start)
    print(f"index build: median {statistics.median(builds) * 1000:.1f} ms "
          f"({len(index)} entries, {len(index._vocabulary)} words)")
    table = [case["query"] for case in yaml.safe_load((ROOT / "tests/knowledge/search_queries.yaml").read_text())]
    keystrokes = [text[:n] for text in TYPED for n in range(1, len(text) + 1)]
    for name, queries in (("table queries", table), ("keystrokes", keystrokes)):
        wall, cpu = [], []
        for _ in range(args.rounds):
            for query in queries:
                start, start_cpu = time.perf_counter(), time.thread_time()
                index.search(query)
                cpu.append(time.thread_time() - start_cpu)
                wall.append(time.perf_counter() - start)
        for clock, times in (("wall", wall), ("cpu", cpu)):
            times.sort()
            print(f"{name:14} ({len(queries)} × {args.rounds}) {clock:4}: p50 {statistics.median(times) * 1000:.2f} ms, "
                  f"p99 {times[int(len(times) * 0.99)] * 1000:.2f} ms, max {times[-1] * 1000:.2f} ms (target p99 < 5 ms)")
    print("cpu: this thread's CPU time, without the time the machine gave to other processes")

if __name__ == "__main__":
    main()
