"""Helpers of the fault tests: the CLI in a subprocess (optionally without root's bypass of
file permissions), a case log with cases in it, a small full disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITUATION = {  # an AME situation (seed 000 Annexe 2, example 1), evaluated on 2021-04-22
    "application_date": "2021-04-22",
    "person": {"age": 35, "sex": "F", "nationality": "non_eu", "right_to_stay": "no",
               "arrival_date": "2020-06-01", "irregular_since": "2020-06-01"},
    "coverage": {"puma": "none", "complementary": "none", "ame": "none"},
    "resources": {"annual": 0, "household_size": 1, "territory": "metropole"},
    "care": {"hospital_admission": "2021-04-10"},
}
# Root ignores file permissions; these tests take its bypass away (CAP_DAC_OVERRIDE,
# CAP_DAC_READ_SEARCH, CAP_FOWNER) so that a read-only folder is read-only for the app too.
_NO_BYPASS = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]


def can_drop_bypass() -> bool:
    return os.geteuid() != 0 or shutil.which("setpriv") is not None


def cli(*args, env: dict | None = None, no_bypass: bool = False, stdin=None, **kwargs) -> subprocess.CompletedProcess:
    """`python -m assistant ARGS` in a subprocess; `no_bypass`: as root without its bypass."""
    command = [sys.executable, "-m", "assistant", *map(str, args)]
    if no_bypass and os.geteuid() == 0:
        command = _NO_BYPASS + command
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(command, env=full_env, capture_output=True, text=True, stdin=stdin,
                          timeout=120, **kwargs)


@pytest.fixture
def situation_file(tmp_path) -> Path:
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(SITUATION))
    return path


def add_cases(db: Path, situation_file: Path, count: int = 1) -> list[str]:
    ids = []
    for _ in range(count):
        done = cli("cases", "add", situation_file, "--on", "2021-04-22", env={"ASSISTANT_DB": str(db)})
        assert done.returncode == 0, done.stderr
        ids.append(done.stdout.strip())
    return ids


class SmallDisk:
    """A 2 MB tmpfs: `fill()` leaves (almost) no free space, `free()` gives it back."""

    def __init__(self, mount: Path):
        self.mount = mount
        self.filler = mount / ".filler"

    def fill(self, leave: int = 0) -> None:
        with open(self.filler, "ab", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
            except OSError:
                pass
        if leave:
            os.truncate(self.filler, max(0, self.filler.stat().st_size - leave))

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a small tmpfs needs root")
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield SmallDisk(mount)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)
