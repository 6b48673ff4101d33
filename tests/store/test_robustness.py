"""Crash safety, two writers on one file, a held lock and a damaged file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.store.caselog import CaseLog
from assistant.store.errors import StoreBusy, StoreDamaged
from assistant.store.repair import repair
from assistant.store.settings import StoreSettings

ROOT = Path(__file__).resolve().parents[2]

# Saves answers one by one, says so after each commit, then waits for more input
# like an agent pausing mid-dialog.
DIALOG = """
import sys
from assistant.store.caselog import CaseLog
log = CaseLog(sys.argv[1])
case_id = log.create_case(initials="AB")
print(case_id, flush=True)
for i in range(5):
    log.save_answer(case_id, f"q{i}", i, dialog={"next": f"q{i + 1}"})
    print("saved", i, flush=True)
sys.stdin.readline()
"""

# Waits for "go" so that both writers start together, then interleaves writes.
WRITER = """
import sys
from assistant.store.caselog import CaseLog
log = CaseLog(sys.argv[1])
shared, name = sys.argv[2], sys.argv[3]
sys.stdin.readline()
for i in range(60):
    log.save_answer(shared, f"{name}-{i}", i)
    log.create_case(site=name)
print("done", flush=True)
"""


def _python(script: str, *args, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", script, *map(str, args)], env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, **kwargs)


def test_killed_mid_dialog_loses_no_answer(db_path):
    proc = _python(DIALOG, db_path)
    case_id = proc.stdout.readline().strip()
    while proc.stdout.readline().strip() != "saved 4":
        pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with CaseLog(db_path) as log:
        case = log.get_case(case_id)
    assert case["answers"] == {f"q{i}": i for i in range(5)}
    assert case["dialog"] == {"next": "q5"}


def test_two_processes_writing_at_once_lose_nothing(db_path):
    with CaseLog(db_path) as log:
        shared = log.create_case()
    writers = [_python(WRITER, db_path, shared, name) for name in ("left", "right")]
    for proc in writers:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in writers:
        assert proc.stdout.readline().strip() == "done"
        assert proc.wait() == 0
    with CaseLog(db_path) as log:
        assert len(log.answers(shared)) == 120
        assert len(log.list_cases(limit=1000)) == 121


def test_a_held_write_lock_refuses_cleanly_then_the_retry_succeeds(log, db_path):
    case_id = log.create_case()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE cases SET site = 'X' WHERE id = ?", [case_id])
    with pytest.raises(StoreBusy, match="verrouillée"):
        log.save_answer(case_id, "q", 1)
    assert log.answers(case_id) == {}  # reading still works beside the writer (WAL)
    other.execute("COMMIT")
    other.close()
    log.save_answer(case_id, "q", 1)
    assert log.answers(case_id) == {"q": 1}


def test_a_file_that_is_not_a_database_is_left_untouched(db_path):
    garbage = b"this is not sqlite at all\n" * 200
    db_path.write_bytes(garbage)
    for read_only in (False, True):
        with pytest.raises(StoreDamaged, match="repair"):
            CaseLog(db_path, read_only=read_only)
    assert db_path.read_bytes() == garbage


def test_repair_backs_up_then_salvages_readable_rows(db_path):
    with CaseLog(db_path, settings=StoreSettings(busy_timeout_s=0.2)) as log:
        kept = [log.create_case(initials="AB") for _ in range(3)]
        for case_id in kept:
            log.save_answer(case_id, "q", "x" * 3000)  # several pages of answers
        log.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        answers_root = log.db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'answers'").fetchone()[0]
    original = db_path.read_bytes()
    page = 4096
    damaged = bytearray(original)
    damaged[(answers_root - 1) * page:answers_root * page] = b"\xff" * page
    db_path.write_bytes(bytes(damaged))

    report = repair(db_path)

    assert report.backup.read_bytes() == bytes(damaged)
    assert not report.intact and report.pages_unreadable == 1 and report.lost
    assert report.salvaged["cases"] == 3 and report.cases_known == 3
    with CaseLog(db_path) as log:
        assert sorted(c["id"] for c in log.list_cases()) == sorted(kept)


def test_repair_of_an_intact_file_only_makes_a_backup(log, db_path):
    log.create_case()
    report = repair(db_path)
    assert report.intact and report.backup.exists() and report.salvaged == {}
