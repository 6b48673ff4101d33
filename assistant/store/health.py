"""Damage seen once is remembered, and writes are refused until `cases repair`.

The state lives beside the case log (`cases.db.check`, owner-only): "ok DATE" after a clean
`PRAGMA quick_check`, "damaged DATE" once damage was seen. quick_check reads the whole file
(about 0.9 s at 100,000 cases), so it runs only where it is cheap: at each writable opening
of a small file, at the first writable opening of the day otherwise, and `repair` runs a full
integrity check. Any SQLite report of corruption also marks the file. A damaged file stays
readable; every write says why it is refused and how to get out.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import date
from pathlib import Path

SMALL_BYTES = 16 << 20  # about 1,500 cases: quick_check takes ~15 ms there


def _state(path: Path) -> Path:
    return Path(f"{path}.check")


def _read(path: Path) -> list[str]:
    try:
        return _state(path).read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return []


def _write(path: Path, text: str) -> None:
    """Best effort (a read-only folder keeps the refusal for this process only)."""
    from assistant.files import write_private

    tmp = Path(f"{_state(path)}.{os.getpid()}")
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)
        write_private(tmp, text.encode())
        os.replace(tmp, _state(path))
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def refusal(path: Path | None) -> str | None:
    """The message refusing writes if damage was seen in the file at `path`, else None."""
    if path is None:
        return None
    state = _read(path)
    if state[:1] != ["damaged"]:
        return None
    seen = f" (constaté le {state[1]})" if len(state) > 1 else ""
    return (f"La base {path} est endommagée{seen} : elle reste lisible, mais rien n'y sera écrit avant "
            "sa réparation : python -m assistant cases repair (une copie de sauvegarde est faite d'abord).")


def mark_damaged(path: Path) -> None:
    if _read(path)[:1] != ["damaged"]:
        _write(path, f"damaged {date.today().isoformat()}\n")


def mark_checked(path: Path) -> None:
    _write(path, f"ok {date.today().isoformat()}\n")


def clear(path: Path) -> None:
    with contextlib.suppress(OSError):
        _state(path).unlink(missing_ok=True)


def check_due(path: Path) -> bool:
    try:
        if Path(path).stat().st_size < SMALL_BYTES:
            return True
    except OSError:
        return False
    return _read(path) != ["ok", date.today().isoformat()]


def quick_check(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False
