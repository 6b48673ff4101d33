"""`cases repair` on damaged files: never less than a row-by-row reading yields, losses said in
numbers with a non-zero status, backups never replaced; writes refused once damage is seen."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.faults import damage
from tests.faults.conftest import add_cases, cli

CASES = 300
# Cases a repair must give back at least, by kind of damage (the figures measured are in
# benchmarks/bench_faults.py; before page-by-page salvage: 0, 300, 0, 300 cases and, for the
# garbage, 107 case states).
AT_LEAST = {"truncated": 150, "garbage": 300, "first_page": 300, "interior": 300}


@pytest.fixture(scope="module")
def logged(tmp_path_factory) -> tuple[Path, list[str]]:
    path = tmp_path_factory.mktemp("base") / "cases.db"
    return path, damage.build_log(path, CASES)


def _damaged(logged, tmp_path, kind: str) -> Path:
    db = tmp_path / "cases.db"
    shutil.copyfile(logged[0], db)
    damage.KINDS[kind](db)
    return db


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("kind", list(damage.KINDS))
def test_repair_salvages_row_by_row_and_says_what_it_lost(logged, tmp_path, kind):
    db = _damaged(logged, tmp_path, kind)
    by_sqlite, by_recover = damage.sqlite_select_count(db), damage.recover_count(db, tmp_path)
    done = cli("cases", "repair", env={"ASSISTANT_DB": str(db)})
    assert "erreur interne" not in done.stderr, done.stderr
    recovered = _count(db, "SELECT count(*) FROM cases")
    assert recovered >= max(by_sqlite, by_recover or 0, AT_LEAST[kind]), done.stdout
    said = re.search(r"Dossiers récupérés : (\d+) sur (\d+) connus", done.stdout)
    assert said and int(said[1]) == recovered and int(said[2]) <= CASES, done.stdout
    lost = "PERTES" in done.stdout
    assert done.returncode == (1 if lost else 0), done.stdout
    if recovered < CASES:
        assert lost and f"{int(said[2]) - recovered} dossier(s) perdu(s)" in done.stdout
    backup = next(tmp_path.glob("cases.db.*.bak"))
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    # the history search is rebuilt from what was recovered, not salvaged half-way
    assert _count(db, "SELECT count(*) FROM case_search") == _count(db, "SELECT count(*) FROM cases WHERE erased_on IS NULL")
    assert _count(db, "SELECT count(*) FROM case_search_fts WHERE case_search_fts MATCH 'ame'") >= min(recovered, 1)
    assert _count(db, "PRAGMA integrity_check") == "ok"
    if kind == "garbage":  # the follow-up is back: every case with its assessment and request
        assert _count(db, "SELECT count(*) FROM case_state WHERE assessment IS NOT NULL") >= 290
        due = cli("cases", "due", "--on", "2021-04-22", "--days", "366", env={"ASSISTANT_DB": str(db)})
        assert due.returncode == 0 and len(due.stdout.splitlines()) >= 290, due.stdout[:500]


def test_repairing_twice_in_the_same_second_keeps_the_damaged_original(logged, tmp_path, monkeypatch):
    from datetime import datetime

    from assistant.store import repair

    class SameInstant(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2025, 3, 3, 10, 0, 0, 123456, tzinfo=tz)

    monkeypatch.setattr(repair, "datetime", SameInstant)
    db = _damaged(logged, tmp_path, "truncated")
    damaged = db.read_bytes()
    repair.repair(db)
    repair.repair(db)
    backups = sorted(tmp_path.glob("cases.db.*.bak"))
    assert len(backups) == 2 and damaged in [b.read_bytes() for b in backups]


def test_the_backup_is_owner_only_from_its_creation(logged, tmp_path, monkeypatch):
    from assistant.store.repair import backup_copy

    db = _damaged(logged, tmp_path, "garbage")
    old = os.umask(0)
    monkeypatch.setattr(os, "chmod", lambda *a, **k: pytest.fail("chmod after creation"))
    try:
        backup = backup_copy(db)
    finally:
        os.umask(old)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600 and backup.read_bytes() == db.read_bytes()


def test_writes_are_refused_once_damage_is_seen(tmp_path, situation_file):  # small log: checked at each opening
    db = tmp_path / "cases.db"
    ids = add_cases(db, situation_file, 3)
    data = bytearray(db.read_bytes())
    root = _count(db, "SELECT rootpage FROM sqlite_master WHERE name = 'idx_events_case_id_id'")
    data[(root - 1) * damage.PAGE + 8:root * damage.PAGE] = b"\x07" * (damage.PAGE - 8)  # a damaged index
    db.write_bytes(bytes(data))
    env = {"ASSISTANT_DB": str(db)}
    for args in (["cases", "note", ids[0], "x"], ["cases", "add", situation_file, "--on", "2021-04-22"],
                 ["cases", "erase", ids[1], "--yes"], ["cases", "close", ids[2]]):
        done = cli(*args, env=env)
        assert done.returncode == 1 and "endommagée" in done.stderr and "cases repair" in done.stderr, (args, done)
        assert db.read_bytes() == data
    assert cli("cases", "repair", env=env).returncode == 0
    assert cli("cases", "note", ids[0], "x", env=env).returncode == 0


def test_repair_of_an_intact_file_changes_nothing(logged, tmp_path):
    db = tmp_path / "cases.db"
    shutil.copyfile(logged[0], db)
    before = db.read_bytes()
    done = cli("cases", "repair", env={"ASSISTANT_DB": str(db)})
    assert done.returncode == 0 and "intacte" in done.stdout and db.read_bytes() == before


def _damage_an_index(db: Path, name: str = "idx_events_case_id_id") -> bytes:
    data = bytearray(db.read_bytes())
    root = _count(db, f"SELECT rootpage FROM sqlite_master WHERE name = '{name}'")
    data[(root - 1) * damage.PAGE + 8:root * damage.PAGE] = b"\x07" * (damage.PAGE - 8)
    db.write_bytes(bytes(data))
    return bytes(data)


def test_a_large_log_is_checked_once_a_day(tmp_path, situation_file, monkeypatch):
    from assistant.store import health
    from assistant.store.caselog import CaseLog
    from assistant.store.errors import StoreDamaged

    monkeypatch.setattr(health, "SMALL_BYTES", 0)  # every log counts as large
    db = tmp_path / "cases.db"
    ids = add_cases(db, situation_file, 2)
    with CaseLog(db):
        pass  # today's check ran and found the file sound
    assert Path(f"{db}.check").read_text().split()[0] == "ok"
    _damage_an_index(db)
    with CaseLog(db) as log:  # already checked today: not read again (0.9 s at 100,000 cases)
        log.add_note(ids[0], "same day")
    Path(f"{db}.check").write_text("ok 2000-01-01\n")  # the next day
    with CaseLog(db) as log, pytest.raises(StoreDamaged, match="cases repair"):
        log.add_note(ids[0], "next day")


def test_corruption_reported_by_sqlite_is_remembered(tmp_path, situation_file, monkeypatch):
    from assistant.store import health
    from assistant.store.caselog import CaseLog
    from assistant.store.errors import StoreDamaged

    monkeypatch.setattr(health, "check_due", lambda path: False)  # no quick_check: only SQLite's report
    db = tmp_path / "cases.db"
    ids = add_cases(db, situation_file, 2)
    _damage_an_index(db, "events")
    with CaseLog(db) as log:
        with pytest.raises(StoreDamaged):
            log.timeline(ids[0])  # reads through the damaged index
        with pytest.raises(StoreDamaged, match="cases repair"):
            log.close_case(ids[1])
    with CaseLog(db) as log, pytest.raises(StoreDamaged, match="cases repair"):  # and in the next process
        log.close_case(ids[1])


def test_repair_refuses_while_another_instance_has_the_log_open(logged, tmp_path):
    db = _damaged(logged, tmp_path, "garbage")
    before = db.read_bytes()
    other = sqlite3.connect(db)  # the app, open at another counter
    other.execute("SELECT count(*) FROM sqlite_master").fetchone()
    try:
        done = cli("cases", "repair", env={"ASSISTANT_DB": str(db)})
    finally:
        other.close()
    assert done.returncode == 1 and "autre instance" in done.stderr, done
    assert db.read_bytes() == before and not list(tmp_path.glob("cases.db.*.bak"))


def test_a_rebuild_left_by_a_killed_repair_is_removed_by_the_next(logged, tmp_path):
    db = _damaged(logged, tmp_path, "garbage")
    stale = tmp_path / "cases.db.20250303-100000-000000.repairing"
    stale.write_bytes(b"partial")
    assert cli("cases", "repair", env={"ASSISTANT_DB": str(db)}).returncode in (0, 1)
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if ".repairing" in p.name) == []
