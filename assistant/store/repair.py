"""Repair of a damaged case-log file: back up first, salvage what is readable, never delete.

The damaged file (with its -wal journal, which may hold the latest answers) is copied
before anything else; the repaired file is a fresh case log holding every row that could
still be read, table by table.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from assistant.store.db import connect, write
from assistant.store.errors import StoreError

logger = logging.getLogger(__name__)

# Parents first, so that foreign keys hold while rows are copied back.
TABLES = ("cases", "case_state", "answers", "events", "requests", "referrals", "referral_proposals", "due_dates")


@dataclass
class RepairReport:
    backup: Path
    intact: bool
    salvaged: dict[str, int] = field(default_factory=dict)
    unreadable: list[str] = field(default_factory=list)


def backup_copy(path: Path) -> Path:
    """Copy the file and its journal beside it, owner-only, and return the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.bak")
    for suffix in ("", "-wal"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            copy = Path(f"{target}{suffix}")
            shutil.copyfile(source, copy)
            os.chmod(copy, 0o600)
    return target


def repair(path: Path) -> RepairReport:
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"Base introuvable : {path}")
    report = RepairReport(backup=backup_copy(path), intact=_is_intact(path))
    logger.info("case log %s: backup copy %s made before repair", path, report.backup)
    if report.intact:
        return report
    fresh = path.with_name(f"{path.name}.repairing")
    fresh.unlink(missing_ok=True)
    target = connect(fresh)
    try:
        with write(target):
            for table in TABLES:
                rows, complete = _readable_rows(path, table)
                if rows:
                    target[table].insert_all(rows, ignore=True)
                report.salvaged[table] = len(rows)
                if not complete:
                    report.unreadable.append(table)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
    for suffix in ("-wal", "-shm"):  # journal of the damaged file: kept in the backup
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(fresh, path)
    logger.warning("case log %s rebuilt from readable rows: %s", path, report.salvaged)
    return report


def _is_intact(path: Path) -> bool:
    try:
        with _read_only(path) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def _readable_rows(path: Path, table: str) -> tuple[list[dict], bool]:
    """Rows of `table` read until the first damaged page; complete=False if one was hit."""
    rows: list[dict] = []
    try:
        with _read_only(path) as conn:
            cursor = conn.execute(f"SELECT * FROM {table}")
            names = [c[0] for c in cursor.description]
            for values in cursor:
                rows.append(dict(zip(names, values, strict=True)))
    except sqlite3.DatabaseError:
        return rows, False
    return rows, True


def _read_only(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True))
