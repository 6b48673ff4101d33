"""SIGKILL at each fsync/fdatasync of a command (strace fault injection): the case log stays
sound, a write is all there or not at all, and a repair keeps the damaged original."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults import damage
from tests.faults.conftest import ROOT, add_cases, cli


def _strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    return subprocess.run(["strace", "-qq", "-e", "trace=none", "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not _strace_works(), reason="needs strace (and ptrace) for fault injection")
SYNCS = "fsync,fdatasync"


def _command(args) -> list[str]:
    return [sys.executable, "-m", "assistant", *map(str, args)]


def _env(db: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT), "ASSISTANT_DB": str(db)}


def count_syncs(args, db: Path, work: Path) -> int:
    trace = work / "trace"
    subprocess.run(["strace", "-f", "-qq", "-e", f"trace={SYNCS}", "-o", str(trace), *_command(args)],
                   env=_env(db), capture_output=True, timeout=120)
    return sum(1 for line in trace.read_text().splitlines() if "sync(" in line)


def killed_at(args, db: Path, n: int) -> subprocess.CompletedProcess:
    return subprocess.run(["strace", "-f", "-qq", "-e", f"trace={SYNCS}",
                           "-e", f"inject={SYNCS}:signal=SIGKILL:when={n}", *_command(args)],
                          env=_env(db), capture_output=True, text=True, timeout=120)


def _sound(db: Path) -> None:
    """The file after the kill, as the next command of the app opens it (with its journal)."""
    from assistant.store.caselog import CaseLog

    with CaseLog(db) as log:
        assert log.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(log.list_cases(include_closed=True)) >= 1


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir()
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", folder / f"cases.db{suffix}")
    return folder / "cases.db"


@pytest.fixture
def prepared(tmp_path, situation_file) -> tuple[Path, list[str]]:
    db = tmp_path / "base" / "cases.db"
    return db, add_cases(db, situation_file, 2)


@pytest.mark.parametrize("command", ["add", "note", "request", "erase"])
def test_a_write_killed_at_each_sync_is_all_or_nothing(prepared, tmp_path, situation_file, command):
    base, (case_id, other) = prepared
    args = {"add": ["cases", "add", situation_file, "--on", "2021-04-22"],
            "note": ["cases", "note", case_id, "une note entière"],
            "request": ["cases", "request", case_id, "ame", "filed", "--on", "2021-04-23"],
            "erase": ["cases", "erase", case_id, "--yes"]}[command]
    total = count_syncs(args, _copy(base, tmp_path / "count"), tmp_path)
    assert total >= 2
    for n in range(1, total + 1):
        db = _copy(base, tmp_path / f"kill{n}")
        done = killed_at(args, db, n)
        if done.returncode in (0, 1):  # fewer syncs this time: nothing left to kill
            break
        assert done.returncode in (-9, 137), (n, done.stderr[-300:])
        _sound(db)
        conn = sqlite3.connect(db)
        try:
            if command == "add":  # a case is listed only with its assessment, its request and due dates
                cases = conn.execute("SELECT count(*) FROM cases").fetchone()[0]
                bare = conn.execute("SELECT count(*) FROM cases WHERE id NOT IN "
                                    "(SELECT case_id FROM case_state WHERE assessment IS NOT NULL) "
                                    "OR id NOT IN (SELECT case_id FROM requests) "
                                    "OR id NOT IN (SELECT case_id FROM due_dates)").fetchone()[0]
                assert cases in (2, 3) and bare == 0, (n, cases, bare)
            elif command == "note":
                notes = conn.execute("SELECT count(*) FROM events WHERE kind = 'note'").fetchone()[0]
                assert notes in (0, 1), n
            elif command == "request":
                filed = conn.execute("SELECT filed_on FROM requests WHERE case_id = ?", [case_id]).fetchall()
                assert filed in ([("2021-04-23",)], [(None,)]), (n, filed)
            else:  # erased, or not yet: nothing in between
                rows = [conn.execute(f"SELECT count(*) FROM {t} WHERE case_id = ?", [case_id]).fetchone()[0]
                        for t in ("case_state", "events", "requests")]
                assert rows in ([0, 0, 0], [1, 2, 1]), (n, rows)
            assert conn.execute("SELECT count(*) FROM cases WHERE id = ?", [other]).fetchone()[0] == 1
        finally:
            conn.close()
        assert not Path(f"{db}.check").exists() or "damaged" not in Path(f"{db}.check").read_text()


@pytest.mark.slow
def test_a_repair_killed_at_each_sync_keeps_the_damaged_original(tmp_path, situation_file):
    base = tmp_path / "base" / "cases.db"
    damage.build_log(base, 20)
    damage.garbage_in_the_middle(base)
    original = base.read_bytes()
    whole = _copy(base, tmp_path / "whole")
    assert cli("cases", "repair", env={"ASSISTANT_DB": str(whole)}).returncode in (0, 1)
    expected = sqlite3.connect(whole).execute("SELECT count(*) FROM cases").fetchone()[0]
    total = count_syncs(["cases", "repair"], _copy(base, tmp_path / "count"), tmp_path)
    assert total >= 3
    for n in range(1, total + 1):
        db = _copy(base, tmp_path / f"kill{n}")
        done = killed_at(["cases", "repair"], db, n)
        if done.returncode in (0, 1):  # fewer syncs this time (no cache left to write): done
            break
        assert done.returncode in (-9, 137), (n, done.stderr[-300:])
        backups = [p.read_bytes() for p in db.parent.glob("cases.db.*.bak")]
        assert db.read_bytes() == original or original in backups, n  # the original is never lost
        again = cli("cases", "repair", env={"ASSISTANT_DB": str(db)})
        assert again.returncode in (0, 1) and "erreur interne" not in again.stderr, again.stderr
        conn = sqlite3.connect(db)
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == expected, n
        conn.close()
