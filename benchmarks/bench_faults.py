"""Repair and damage-detection figures (not a test: prints measurements).

    .venv/bin/python benchmarks/bench_faults.py [--cases 300] [--large 0]

For each kind of damage (tests/faults/damage.py) applied to a case log of `--cases` cases:
the cases SQLite itself still returns (what the former repair kept), what the sqlite3 shell's
`.recover` finds when it can run here, what `cases repair` recovers and how many it says it
knows of, its exit status and its time. With `--large N`, also the cost of `PRAGMA
quick_check` (run at each opening of a log under 16 MB, else once a day) at N cases.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.faults import damage  # noqa: E402


def repair_figures(cases: int, work: Path) -> None:
    base = work / "base.db"
    started = time.perf_counter()
    damage.build_log(base, cases)
    print(f"case log of {cases} cases: {base.stat().st_size / 1e6:.1f} MB, built in {time.perf_counter() - started:.1f} s")
    print(f"{'damage':<44} {'SQLite':>7} {'.recover':>9} {'repair':>7} {'known':>6} {'status':>6} {'time':>6}")
    for kind, apply in damage.KINDS.items():
        folder = work / kind
        folder.mkdir()
        db = folder / "cases.db"
        shutil.copyfile(base, db)
        what = apply(db)
        by_sqlite = damage.sqlite_select_count(db)
        by_recover = damage.recover_count(db, folder)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "assistant", "cases", "repair"], capture_output=True, text=True,
                              env={**os.environ, "ASSISTANT_DB": str(db), "PYTHONPATH": str(ROOT)})
        took = time.perf_counter() - started
        said = re.search(r"Dossiers récupérés : (\d+) sur (\d+) connus", done.stdout)
        recovered, known = (said[1], said[2]) if said else ("?", "?")
        print(f"{what:<44} {by_sqlite:>7} {'n/a' if by_recover is None else by_recover:>9} {recovered:>7} "
              f"{known:>6} {done.returncode:>6} {took:>5.1f}s")
        losses = [line for line in done.stdout.splitlines() if line.startswith(("PERTES", "Rien"))]
        print("    " + (losses[0] if losses else done.stderr.strip()[:200]))


def quick_check_figures(cases: int, work: Path) -> None:
    db = work / "large.db"
    started = time.perf_counter()
    damage.build_log(db, cases)
    print(f"\ncase log of {cases} cases: {db.stat().st_size / 1e6:.0f} MB, built in {time.perf_counter() - started:.0f} s")
    conn = sqlite3.connect(db)
    for _ in range(2):  # second run: file in the page cache, as on a working day
        started = time.perf_counter()
        conn.execute("PRAGMA quick_check").fetchone()
        print(f"PRAGMA quick_check: {(time.perf_counter() - started) * 1000:.0f} ms")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=300)
    parser.add_argument("--large", type=int, default=0, help="also time quick_check at this many cases")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-faults-") as tmp:
        repair_figures(args.cases, Path(tmp))
        if args.large:
            quick_check_figures(args.large, Path(tmp))


if __name__ == "__main__":
    main()
