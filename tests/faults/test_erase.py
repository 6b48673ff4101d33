"""`cases erase` either removes the case from the disk or says where it still is: another
instance's open read keeps the old pages in the file and its journal; repair backups keep it."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from assistant.store.repair import backup_copy
from tests.faults.conftest import add_cases, cli

SECRET = "Mme Zaïa Benali, 12 rue des Lilas"


def _on_disk(db: Path, text: str) -> list[str]:
    needle = text.encode()
    return [p.name for p in sorted(db.parent.glob(f"{db.name}*")) if needle in p.read_bytes()]


def _reader(db: Path) -> sqlite3.Connection:
    """Another instance in the middle of a read: its snapshot pins the old pages."""
    conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN")
    conn.execute("SELECT count(*) FROM events").fetchone()
    return conn


def test_erase_waits_for_a_reader_to_finish_then_completes(tmp_path, situation_file):
    db = tmp_path / "cases.db"
    [case_id] = add_cases(db, situation_file)
    assert cli("cases", "note", case_id, SECRET, env={"ASSISTANT_DB": str(db)}).returncode == 0
    reader = _reader(db)
    threading.Timer(1.0, lambda: (reader.execute("COMMIT"), reader.close())).start()
    done = cli("cases", "erase", case_id, "--yes", env={"ASSISTANT_DB": str(db)})
    assert done.returncode == 0, done.stderr
    assert _on_disk(db, SECRET) == [] and _on_disk(db, case_id) == []


def test_erase_says_what_another_open_instance_still_keeps(tmp_path, situation_file):
    db = tmp_path / "cases.db"
    [case_id] = add_cases(db, situation_file)
    env = {"ASSISTANT_DB": str(db)}
    assert cli("cases", "note", case_id, SECRET, env=env).returncode == 0
    reader = _reader(db)
    try:
        done = cli("cases", "erase", case_id, "--yes", env=env)
        left = _on_disk(db, SECRET)
        assert left, "the reader kept nothing: this test no longer tests anything"
        assert done.returncode == 1, done
        assert all(name in done.stderr for name in left) and "autre" in done.stderr, done.stderr
    finally:
        reader.execute("COMMIT")
        reader.close()


def test_erase_names_the_repair_backups_that_still_hold_the_case(tmp_path, situation_file):
    db = tmp_path / "cases.db"
    [case_id] = add_cases(db, situation_file)
    env = {"ASSISTANT_DB": str(db)}
    cli("cases", "note", case_id, SECRET, env=env)
    backup = backup_copy(db)
    [other] = add_cases(db, situation_file)
    done = cli("cases", "erase", case_id, "--yes", env=env)
    assert done.returncode == 1 and backup.name in done.stderr, done
    assert _on_disk(db, SECRET) == [backup.name]
    clean = cli("cases", "erase", other, "--yes", env=env)  # in no backup: nothing to say
    assert clean.returncode == 0 and clean.stderr == ""
