"""Case logs with known content, and the kinds of damage a file meets (shared by the fault
tests and benchmarks/bench_faults.py)."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

from tests.faults.conftest import SITUATION

PAGE = 4096


def build_log(path: Path, count: int) -> list[str]:
    """A case log of `count` cases, each with answers, an assessment, a note and an AME request
    filed on 22 April 2021 (so `cases due` lists its decision deadline)."""
    from assistant.engine import evaluate
    from assistant.knowledge.loader import load
    from assistant.store.caselog import CaseLog
    from assistant.validation import parse_situation

    on = date(2021, 4, 22)
    situation = parse_situation(json.dumps(SITUATION), on=on)
    assessment = evaluate(situation, on=on, kb=load())
    ids = []
    with CaseLog(path) as log:
        log.db.execute("PRAGMA synchronous = OFF")  # building the fixture only
        for i in range(count):
            case_id = log.create_case(initials="AB", dialog={"step": i})
            for q in range(3):
                log.save_answer(case_id, f"q{q}", {"option": f"o{i}"})
            log.save_assessment(case_id, assessment, situation=situation)
            log.add_note(case_id, f"note {i}")
            log.update_request(case_id, "ame", "filed", on=on)
            ids.append(case_id)
        log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    return ids


def truncate(path: Path) -> str:
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.truncate(size // 2 // PAGE * PAGE)
    return "fichier tronqué à la moitié"


def garbage_in_the_middle(path: Path) -> str:
    data = bytearray(path.read_bytes())
    pages = len(data) // PAGE
    rng = random.Random(10)
    start = pages // 2 - 4
    data[start * PAGE:(start + 8) * PAGE] = bytes(rng.getrandbits(8) for _ in range(8 * PAGE))
    path.write_bytes(bytes(data))
    return "8 pages de bruit au milieu"


def first_page(path: Path) -> str:
    data = bytearray(path.read_bytes())
    data[:PAGE] = b"\0" * PAGE
    path.write_bytes(bytes(data))
    return "page 1 (en-tête et schéma) effacée"


def interior_pages(path: Path) -> str:
    """Zero every interior page of the tables: their leaves are cut off from their trees."""
    data = bytearray(path.read_bytes())
    hit = 0
    for number in range(2, len(data) // PAGE + 1):
        if data[(number - 1) * PAGE] == 5:
            data[(number - 1) * PAGE:number * PAGE] = b"\0" * PAGE
            hit += 1
    path.write_bytes(bytes(data))
    return f"{hit} pages intérieures effacées"


KINDS = {"truncated": truncate, "garbage": garbage_in_the_middle, "first_page": first_page,
         "interior": interior_pages}


def sqlite_select_count(path: Path) -> int:
    """Cases SQLite itself returns before the first damaged page (the former repair)."""
    count = 0
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for _ in conn.execute("SELECT id FROM cases"):
            count += 1
    except sqlite3.DatabaseError:
        pass
    finally:
        conn.close()
    return count


def recover_count(path: Path, work: Path) -> int | None:
    """Cases found by the sqlite3 shell's `.recover`; None when the shell is not installed or
    cannot recover (Debian's 3.40 shell lacks the sqlite_dbpage table `.recover` needs)."""
    if shutil.which("sqlite3") is None:
        return None
    copy = work / "for-recover.db"
    shutil.copyfile(path, copy)
    done = subprocess.run(["sqlite3", str(copy), ".recover"], capture_output=True, text=True, timeout=300)
    if "error" in done.stderr or "INSERT" not in done.stdout:
        return None
    out = work / "recovered.db"
    out.unlink(missing_ok=True)
    subprocess.run(["sqlite3", str(out)], input=done.stdout, capture_output=True, text=True, timeout=300)
    conn = sqlite3.connect(out)
    try:
        return conn.execute("SELECT count(*) FROM cases").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        conn.close()
