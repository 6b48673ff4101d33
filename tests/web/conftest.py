"""A real `python -m assistant serve` on the loopback, in temporary folders, with agents signed up."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.agents import add_agent

AGENTS = {"MARIE": "marie-code-1", "PAUL": "paul-code-22"}


@dataclass
class Served:
    url: str  # http://127.0.0.1:PORT/
    data: Path
    db: Path
    exports: Path
    process: subprocess.Popen
    log: list[str]  # what it wrote on stderr so far


def start_serve(data: Path, *args: str, agents: dict[str, str] = AGENTS, timeout: float = 30) -> Served:
    for code, personal in agents.items():
        add_agent(code, personal, data / "agents.json")
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}
    env.pop("ASSISTANT_DB", None)
    exports = data / "fiches"
    process = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0", "--export-dir", str(exports),
                                *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    log: list[str] = []
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    threading.Thread(target=lambda: [log.append(line) for line in process.stderr], daemon=True).start()
    try:
        first = lines.get(timeout=timeout)
    except queue.Empty:
        process.kill()
        raise RuntimeError(f"serve did not start: {''.join(log)}") from None
    url = next(word for word in first.split() if word.startswith("http"))
    return Served(url, data, data / "cases.db", exports, process, log)


def stop_serve(served: Served) -> None:
    """Stop it as Ctrl+C does (its open apps quit first)."""
    served.process.terminate()
    try:
        served.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        served.process.kill()
        served.process.wait()


@pytest.fixture
def served(tmp_path):
    served = start_serve(tmp_path / "data")
    yield served
    stop_serve(served)
