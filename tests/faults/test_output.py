"""An output that cannot be written (closed, full disk, reader gone) gives one line on stderr
and a non-zero status, from `evaluate` and from every command; never a traceback, never 0."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.faults.conftest import ROOT, SITUATION, cli

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _with_stdout(args: list[str], stdout: str, env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run `python -m assistant ARGS` with stdout closed, on a full disk, or a pipe nobody reads."""
    command = [sys.executable, "-m", "assistant", *map(str, args)]
    if stdout == "closed":
        return subprocess.run(["bash", "-c", '"$@" >&-', "_", *command], env=env, input=stdin,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    if stdout == "full":
        with open("/dev/full", "w") as full:
            return subprocess.run(command, env=env, input=stdin, stdout=full, stderr=subprocess.PIPE,
                                  text=True, timeout=120)
    read, write = os.pipe()
    os.close(read)  # the reader is gone (`| head -c0` that already exited)
    try:
        return subprocess.run(command, env=env, input=stdin, stdout=write, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    finally:
        os.close(write)


def _one_line_failure(done: subprocess.CompletedProcess) -> None:
    assert done.returncode not in (0, None), done
    assert "Traceback" not in done.stderr and "erreur interne" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("out")
    env = {**ENV, "ASSISTANT_DB": str(folder / "cases.db")}
    path = folder / "s.json"
    path.write_text(json.dumps(SITUATION))
    case_id = cli("cases", "add", path, "--on", "2021-04-22", env=env).stdout.strip()
    return env, path, case_id


@pytest.mark.parametrize("stdout", ["closed", "full", "broken pipe"])
def test_evaluate(stdout, logged):
    env, path, _ = logged
    _one_line_failure(_with_stdout(["evaluate", path, "--on", "2021-04-22"], stdout, env))
    _one_line_failure(_with_stdout(["evaluate", "--batch", path, "--on", "2021-04-22"], stdout, env))


@pytest.mark.parametrize("stdout", ["closed", "full", "broken pipe"])
@pytest.mark.parametrize("command", [["cases", "list"], ["cases", "show", "{id}"], ["cases", "export", "{id}"],
                                     ["report", "--from", "2021-01-01", "--to", "2021-12-31"],
                                     ["kb", "show", "css.free_ceiling"], ["--help"]])
def test_commands(stdout, command, logged):
    env, _, case_id = logged
    _one_line_failure(_with_stdout([part.format(id=case_id) for part in command], stdout, env))


def test_a_command_that_prints_nothing_still_works_with_stdout_closed(logged):
    env, _, case_id = logged
    done = _with_stdout(["cases", "note", case_id, "ok"], "closed", env)
    assert done.returncode == 0, done.stderr
