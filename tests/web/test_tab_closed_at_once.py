"""A browser tab closed as soon as it opened: textual-serve sends the app its "quit" while the chat
and its side panel are still being built. That is no error: exit status 0, so that serve does not
log a crashed consultation (it did, from CI's smoke test: NoMatches on the answer line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest


def _packet(kind: bytes, payload: bytes) -> bytes:  # textual-serve's framing (AppService.encode_packet)
    return kind + len(payload).to_bytes(4, "big") + payload


@pytest.mark.parametrize("after", [0.2, 0.3, 0.35, 0.45, 0.6, 1.0])
def test_quit_during_start_up_exits_cleanly(tmp_path, after):
    env = {**os.environ, "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver", "COLUMNS": "100", "ROWS": "30",
           "ASSISTANT_DATA_DIR": str(tmp_path)}
    app = subprocess.Popen([sys.executable, "-m", "assistant", "app", "--agent", "AG1", "--lang", "fr"],
                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    time.sleep(after)
    app.stdin.write(_packet(b"M", json.dumps({"type": "quit"}).encode()))
    app.stdin.flush()
    try:
        _, err = app.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        app.kill()
        raise
    assert app.returncode == 0, err.decode()[-500:]
