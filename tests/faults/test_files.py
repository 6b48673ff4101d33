"""What the app writes is owner-only from its creation, never follows a planted symbolic link
and never silently replaces a file; folders it creates are owner-only whatever the umask."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from assistant.directory.lookup import Directory
from assistant.slip.content import Context, build
from assistant.slip.export import export
from assistant.store.caselog import CaseLog
from tests.faults.conftest import cli

ASSESSMENT = {"coverages": [], "deadlines": [], "documents": [], "referrals": [], "kb_version": "t+0"}
SLIP = build(ASSESSMENT, Context(on=date(2025, 3, 3)), Directory({}, None))
OTHER_UID = 65534  # "nobody": the other agent of a shared counter computer
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="planting another user's file needs root")


@pytest.fixture
def umask_000():
    old = os.umask(0)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def shared_folder(tmp_path) -> Path:
    """A world-writable export folder (no sticky bit) in which another user planted links."""
    folder = tmp_path / "partage"
    folder.mkdir()
    os.chmod(folder, 0o777)
    return folder


def _plant_link(folder: Path, name: str, victim: Path) -> Path:
    link = folder / name
    os.symlink(victim, link)
    if os.geteuid() == 0:
        os.lchown(link, OTHER_UID, OTHER_UID)
    return link


@needs_root
def test_slip_export_never_follows_a_planted_link(shared_folder, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("the other user's file\n")
    os.chown(victim, OTHER_UID, OTHER_UID)
    os.chmod(victim, 0o644)
    _plant_link(shared_folder, "fiche.md", victim)

    paths = export(shared_folder, "fiche", SLIP, ASSESSMENT)

    assert victim.read_text() == "the other user's file\n"
    assert os.path.islink(shared_folder / "fiche.md")
    for path in paths:
        assert not path.is_symlink() and _mode(path) == 0o600 and os.lstat(path).st_uid == os.geteuid()


def test_slip_export_never_replaces_an_earlier_slip(tmp_path, umask_000):
    first = export(tmp_path / "fiches", "fiche", SLIP, ASSESSMENT)
    (tmp_path / "fiches" / "fiche.md").write_text("kept\n")
    second = export(tmp_path / "fiches", "fiche", SLIP, ASSESSMENT)
    assert (tmp_path / "fiches" / "fiche.md").read_text() == "kept\n"
    assert not set(first) & set(second) and all(p.exists() and _mode(p) == 0o600 for p in second)
    assert _mode(tmp_path / "fiches") == 0o700


def test_cases_export_refuses_an_existing_file_or_a_link(tmp_path, situation_file):
    env = {"ASSISTANT_DB": str(tmp_path / "cases.db")}
    case_id = cli("cases", "add", situation_file, "--on", "2021-04-22", env=env).stdout.strip()
    existing = tmp_path / "existing.json"
    existing.write_text("old\n")
    os.chmod(existing, 0o644)
    done = cli("cases", "export", case_id, "-o", existing, env=env)
    assert done.returncode != 0 and "existe" in done.stderr
    assert existing.read_text() == "old\n" and _mode(existing) == 0o644

    victim = tmp_path / "victim.txt"
    victim.write_text("x\n")
    link = tmp_path / "link.json"
    os.symlink(victim, link)
    assert cli("cases", "export", case_id, "-o", link, env=env).returncode != 0
    assert victim.read_text() == "x\n"

    fresh = tmp_path / "new.json"
    done = cli("cases", "export", case_id, "-o", fresh, env=env)
    assert done.returncode == 0 and _mode(fresh) == 0o600 and case_id in fresh.read_text()


async def test_the_report_csv_of_the_app_is_owner_only_and_new(tmp_path, umask_000):
    from assistant.ui.app import make_app
    from assistant.ui.config import Launch

    with CaseLog(tmp_path / "cases.db") as log:
        log.create_case(initials="AB")
    export_dir = tmp_path / "a" / "fiches"
    app = make_app(Launch(on=date(2025, 3, 3), export_dir=export_dir, db=tmp_path / "cases.db", blink=False))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for _ in range(2):
            await pilot.press("f6")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("f2")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
    written = sorted(export_dir.glob("rapport-*.csv"))
    assert len(written) == 2  # the second export did not replace the first
    assert all(_mode(p) == 0o600 for p in written)
    assert _mode(export_dir) == 0o700 and _mode(export_dir.parent) == 0o700


def test_the_data_folder_and_its_parents_are_owner_only(tmp_path, umask_000):
    with CaseLog(tmp_path / "d1" / "d2" / "cases.db") as log:
        log.create_case()
    assert _mode(tmp_path / "d1") == 0o700 and _mode(tmp_path / "d1" / "d2") == 0o700
    assert _mode(tmp_path / "d1" / "d2" / "cases.db") == 0o600
