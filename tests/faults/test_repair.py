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


def test_writes_are_refused_once_damage_is_seen(tmp_path, situation_file):
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
