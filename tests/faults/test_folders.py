"""A read-only or unreadable data folder, a full disk: reading still works where it can,
every refusal is one plain line, and nothing is left half-written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.faults.conftest import add_cases, can_drop_bypass, cli

pytestmark = pytest.mark.skipif(not can_drop_bypass(), reason="needs setpriv to take root's bypass away")


@pytest.fixture
def read_only_folder(tmp_path, situation_file):
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "cases.db"
    [case_id] = add_cases(db, situation_file)
    os.chmod(folder, 0o555)
    yield db, case_id
    os.chmod(folder, 0o755)


def _plain(done) -> None:
    assert "erreur interne" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) <= 2, done.stderr


@pytest.mark.parametrize("args", [["cases", "list"], ["cases", "--read-only", "list"], ["cases", "show", "{id}"],
                                  ["report", "--from", "2021-01-01", "--to", "2021-12-31"],
                                  ["report", "--from", "2021-01-01", "--to", "2021-12-31", "--read-only"],
                                  ["cases", "due", "--on", "2021-04-22"]])
def test_a_read_only_data_folder_can_still_be_read(read_only_folder, args):
    db, case_id = read_only_folder
    done = cli(*[a.format(id=case_id) for a in args], env={"ASSISTANT_DB": str(db)}, no_bypass=True)
    assert done.returncode == 0, done.stderr
    assert case_id in done.stdout or "Rapport" in done.stdout or args[1] == "due"


def test_a_read_only_data_folder_refuses_writes_plainly(read_only_folder):
    db, case_id = read_only_folder
    done = cli("cases", "note", case_id, "x", env={"ASSISTANT_DB": str(db)}, no_bypass=True)
    assert done.returncode == 1 and "lecture seule" in done.stderr
    _plain(done)


def test_repair_in_a_read_only_folder_says_so_and_changes_nothing(read_only_folder):
    db, _ = read_only_folder
    before, files = db.read_bytes(), sorted(db.parent.iterdir())
    done = cli("cases", "repair", env={"ASSISTANT_DB": str(db)}, no_bypass=True)
    assert done.returncode == 1 and "sauvegarde" in done.stderr
    _plain(done)
    assert db.read_bytes() == before and sorted(db.parent.iterdir()) == files


@pytest.mark.parametrize("args", [["cases", "list"], ["cases", "repair"], ["cases", "note", "AAAA-BBBB", "x"],
                                  ["report", "--from", "2021-01-01", "--to", "2021-12-31"]])
def test_an_unreadable_data_folder_is_said_plainly(tmp_path, situation_file, args):
    folder = tmp_path / "data"
    folder.mkdir()
    add_cases(folder / "cases.db", situation_file)
    os.chmod(folder, 0)
    try:
        done = cli(*args, env={"ASSISTANT_DB": str(folder / "cases.db")}, no_bypass=True)
    finally:
        os.chmod(folder, 0o755)
    assert done.returncode == 1, done.stderr
    assert "droits" in done.stderr or "Permission" in done.stderr or "accès" in done.stderr, done.stderr
    _plain(done)


def test_repair_on_a_full_disk_leaves_no_partial_backup(small_disk, situation_file):
    db = small_disk.mount / "cases.db"
    add_cases(db, situation_file, 3)
    small_disk.fill(leave=4096)
    before = sorted(p.name for p in small_disk.mount.iterdir())
    done = cli("cases", "repair", env={"ASSISTANT_DB": str(db)})
    assert done.returncode == 1 and "sauvegarde" in done.stderr, done.stderr
    _plain(done)
    assert sorted(p.name for p in small_disk.mount.iterdir()) == before


def test_cases_list_works_on_a_full_disk_and_after(small_disk, situation_file):
    db = small_disk.mount / "cases.db"
    ids = add_cases(db, situation_file, 2)
    small_disk.fill()
    refused = cli("cases", "note", ids[0], "x" * 20000, env={"ASSISTANT_DB": str(db)})
    assert refused.returncode == 1 and "Disque plein" in refused.stderr, refused.stderr
    _plain(refused)
    listed = cli("cases", "list", env={"ASSISTANT_DB": str(db)})
    assert listed.returncode == 0 and all(i in listed.stdout for i in ids), listed.stderr
    small_disk.free()
    listed = cli("cases", "list", env={"ASSISTANT_DB": str(db)})
    assert listed.returncode == 0 and all(i in listed.stdout for i in ids), listed.stderr
    assert cli("cases", "note", ids[0], "ok", env={"ASSISTANT_DB": str(db)}).returncode == 0
