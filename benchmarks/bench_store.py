"""Case-log figures with many synthetic cases (not a test: prints measurements).

    .venv/bin/python benchmarks/bench_store.py [--cases 100000] [--db PATH]

Builds the file with the real schema and realistic rows (a real engine assessment per case,
about 15 answers, a few events, requests and referrals), then measures the yearly report,
the history search (FTS5, every kind of query: coverage word, case id, initials, note words,
a typo), the file size per case and the memory of a process with the file open.
Targets (issues 4 and 13): report < 1 s, search < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.store.caselog import CaseLog, new_case_id  # noqa: E402

SITUATION = {
    "application_date": "2025-03-03",
    "person": {"age": 35, "sex": "F", "nationality": "non_eu", "right_to_stay": "no",
               "arrival_date": "2023-06-01", "irregular_since": "2023-06-01"},
    "coverage": {"puma": "none", "complementary": "none", "ame": "none"},
    "resources": {"annual": 3000, "household_size": 1, "territory": "metropole"},
    "care": {"hospital_admission": "2025-02-20"},
    "housing": {"stable_address": False, "domiciliation": True},
}
NOTE_WORDS = ("rappeler lundi attend récépissé préfecture hébergée chez sa soeur interprète arabe tamoul "
              "domiciliation CCAS PASS dossier pièces manquantes avis imposition relevé bancaire "
              "rendez-vous CPAM médecin traitant ordonnance hospitalisation urgence").split()
ALPHABET = "ABCDEFGHJKLMNPRSTVZ"


def assessment_template() -> dict:
    from assistant.engine import evaluate
    from assistant.knowledge.loader import load
    from assistant.validation import parse_situation

    return evaluate(parse_situation(SITUATION), on=date(2025, 3, 3), kb=load())


def build(path: Path, count: int) -> None:
    rng = random.Random(4)
    assessment = json.dumps(assessment_template(), ensure_ascii=False, separators=(",", ":"))
    situation = json.dumps(SITUATION, separators=(",", ":"))
    with CaseLog(path) as log:
        db = log.db
        db.execute("PRAGMA synchronous = OFF")  # bulk load only; the app keeps FULL
        cases, states, answers, events, requests, referrals = [], [], [], [], [], []
        for _ in range(count):
            case_id = new_case_id()
            opened = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
            last = min(opened + timedelta(days=rng.randrange(300)), date(2025, 12, 31))
            stamp = datetime(opened.year, opened.month, opened.day, 10).astimezone().isoformat()
            cases.append({
                "id": case_id, "initials": "".join(rng.choices(ALPHABET, k=2)), "agent": f"A{rng.randrange(40)}",
                "site": f"CMS{rng.randrange(5)}", "created_at": stamp, "updated_at": stamp,
                "opened_on": opened.isoformat(), "last_activity_on": last.isoformat(),
                "closed_on": last.isoformat() if rng.random() < 0.4 else None,
                "kb_release": "2026.11", "kb_hash": "0" * 64, "evaluated_on": opened.isoformat(),
                "age_band": rng.choice(["0-17", "18-24", "25-39", "40-59", "60+"]), "sex": rng.choice("FMX"),
                "coverage_at_entry": rng.choice(["none", "puma", "css", "ame", "inconnu"]),
            })
            states.append({"case_id": case_id, "dialog": '{"at":"review"}', "situation": situation,
                           "assessment": assessment})
            answers += [{"case_id": case_id, "question_id": f"q{i:02d}", "value": json.dumps(rng.randrange(1000)),
                         "answered_at": stamp} for i in range(15)]
            events.append({"case_id": case_id, "at": stamp, "kind": "created", "data": None})
            if rng.random() < 0.5:
                note = " ".join(rng.choices(NOTE_WORDS, k=rng.randrange(3, 12)))
                events.append({"case_id": case_id, "at": stamp, "kind": "note", "data": json.dumps({"text": note})})
            for kind in rng.sample(["puma", "css", "ame"], k=rng.randrange(1, 3)):
                filed = opened + timedelta(days=rng.randrange(20))
                status = rng.choice(["filed", "documents_requested", "granted", "granted", "refused", "closed"])
                decided = filed + timedelta(days=rng.randrange(10, 60))
                via_pass = kind == "ame" and rng.random() < 0.3
                requests.append({
                    "case_id": case_id, "kind": kind, "status": status, "created_on": opened.isoformat(),
                    "filed_on": filed.isoformat(), "via_pass": int(via_pass),
                    "transmitted_on": (filed + timedelta(days=rng.randrange(1, 10))).isoformat() if via_pass else None,
                    "documents_requested_on": (filed + timedelta(days=5)).isoformat() if status == "documents_requested" else None,
                    "decided_on": decided.isoformat() if status in ("granted", "refused") else None,
                    "granted_from": filed.isoformat() if status == "granted" else None,
                    "closed_on": decided.isoformat() if status == "closed" else None, "updated_at": stamp,
                })
            if rng.random() < 0.3:
                referrals.append({"case_id": case_id, "kind": rng.choice(["misas", "service_social"]),
                                  "referred_on": last.isoformat()})
        cases.sort(key=lambda c: (c["last_activity_on"], c["updated_at"]))  # a log is written in time order
        with db.atomic():
            for table, rows in (("cases", cases), ("case_state", states), ("answers", answers), ("events", events),
                                ("requests", requests), ("referrals", referrals)):
                db[table].insert_all(rows, batch_size=5000)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("ANALYZE")


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def percentiles(fn, repeat: int) -> tuple[tuple[float, float], object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return (statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]), result


# Run in a fresh process so that its memory is that of "the app with the file open"; VmHWM is
# the peak of this process only (ru_maxrss would carry over the parent's peak on Linux).
PROBE = """
import re, sys
from datetime import date
from assistant.store.caselog import CaseLog
def peak():
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
if len(sys.argv) > 1:
    log = CaseLog(sys.argv[1], read_only=True)
    log.report(date(2025, 1, 1), date(2025, 12, 31))
    log.search("recepisse")
print(peak())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="keep the file here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        path.unlink(missing_ok=True)
        start = time.perf_counter()
        build(path, args.cases)
        print(f"built {args.cases:,} cases in {time.perf_counter() - start:.1f} s")
        size = path.stat().st_size
        print(f"database size: {size / 1e6:.1f} MB, {size / args.cases / 1024:.2f} KiB per case")

        with CaseLog(path, read_only=True) as log:
            cold, _ = timed(lambda: log.report(date(2025, 1, 1), date(2025, 12, 31)), 1)
            warm, report = timed(lambda: log.report(date(2025, 1, 1), date(2025, 12, 31)), 5)
            active = next(i["value"] for i in report["indicators"] if i["id"] == "file_active")
            print(f"yearly report (2025, file active {active:,}): first {cold * 1000:.0f} ms, "
                  f"median {warm * 1000:.0f} ms (target < 1000 ms)")
            searcher = log.history_search()
            vocabulary, _ = timed(searcher.vocabulary, 1)
            print(f"search vocabulary: {vocabulary * 1000:.0f} ms, {len(searcher.vocabulary()):,} words "
                  f"(read once, when the history screen opens)")
            some_id = log.list_cases(limit=1, include_closed=True)[0]["id"]
            for query in ("AME", "css", some_id.lower(), some_id[:4], "AB", "recepisse", "recep",
                          "interprete tamoul CCAS", "rapeler lundi", "AB rendez-vous"):
                times, hits = percentiles(lambda q=query: searcher.search(q), 50)
                print(f"search {query!r:26} p50 {times[0] * 1000:6.2f} ms, p99 {times[1] * 1000:6.2f} ms, "
                      f"{len(hits)} hits (target < 50 ms)")
            due, found = timed(lambda: log.due(_kb(), on=date(2025, 12, 1), days=7), 3)
            print(f"due list: {due * 1000:.0f} ms, {len(found)} deadlines")

        rss, baseline = (int(subprocess.run([sys.executable, "-c", PROBE, *argv], cwd=ROOT, capture_output=True,
                                            text=True, check=True).stdout) for argv in ([str(path)], []))
        print(f"peak RSS with the file open, after a report and a search: {rss / 1024:.0f} MiB "
              f"(the store imported, no file open: {baseline / 1024:.0f} MiB)")


def _kb():
    from assistant.knowledge.loader import load

    return load()


if __name__ == "__main__":
    main()
