"""Benchmark of the handover slip (prints figures; not a test).

Time to build and render the slip of every situation of the test suite (scenario tables,
contract examples, the benchmarks' synthetic situations) as the app does (PDF
with the fpdf2 lay-out tries, HTML, Markdown, .ics), with the fictional sample directory:
median and worst, and how many slips needed a smaller size to fit their page limit.
The app writes the slip in a worker thread, so this is the wait after Ctrl+E, not a frozen screen.

usage: .venv/bin/python benchmarks/bench_slip.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.directory.importing import SAMPLE, SAMPLE_DEPARTEMENT  # noqa: E402
from assistant.directory.lookup import Directory  # noqa: E402
from assistant.engine import evaluate  # noqa: E402
from assistant.knowledge.loader import load  # noqa: E402
from assistant.slip import pdf  # noqa: E402
from assistant.slip.content import Context, build  # noqa: E402
from assistant.slip.export import render  # noqa: E402
from assistant.validation import parse_situation  # noqa: E402
from tests.engine.cases import benchmark_situations, examples, scenarios  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N situations (0: all)")
    args = parser.parse_args()
    kb = load()
    directory = Directory(json.loads(SAMPLE.read_text(encoding="utf-8")), SAMPLE_DEPARTEMENT)
    cases = [(on, situation) for _name, on, situation, _expect in [*scenarios(), *examples()]]
    cases += [(on, situation) for _name, on, situation in benchmark_situations()]
    cases = cases[:args.limit] if args.limit else cases
    times, pages, words = [], Counter(), []
    for on, situation in cases:
        on = date.fromisoformat(str(on))
        assessment = evaluate(parse_situation(situation, on), on=on, kb=kb)
        start = time.perf_counter()
        slip = build(assessment, Context(on=on, case_id="K7Q2-M9XD", agent="AG12", structure="CMS"), directory)
        data, n = pdf.render(slip)
        for fmt in ("html", "md", "ics"):
            render(slip, assessment, fmt)
        times.append(time.perf_counter() - start)
        pages[(slip.requests > 1, n)] += 1
        words.append(len(slip.text().split()))
    print(f"{len(times)} slips: median {statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms")
    for (several, n), count in sorted(pages.items()):
        print(f"  {count:4d} slips of {n} page(s), {'several requests' if several else 'at most one request'}")
    print(f"words: median {statistics.median(words):.0f}, most {max(words)}")


if __name__ == "__main__":
    main()
