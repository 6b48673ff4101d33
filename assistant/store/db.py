"""Opening the case-log file: owner-only permissions, WAL, busy timeout, migrations.

Two instances of the app on one file (two counters, one shared PC) must lose nothing:
WAL lets readers run beside a writer, every write transaction starts with
BEGIN IMMEDIATE (so it waits for the lock up front instead of failing half-way), and
synchronous=FULL makes each committed answer survive a power cut, not only a crash.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from assistant.files import private_dir
from assistant.store.errors import StoreError, translate
from assistant.store.schema import MIGRATIONS, STEP_NAMES

logger = logging.getLogger(__name__)  # file paths and counts only: never case content


def connect(path: Path, *, read_only: bool = False, busy_timeout: float = 5.0) -> sqlite_utils.Database:
    """Open (and create or migrate, unless read-only) the case log at `path`."""
    path = Path(path)
    try:
        if read_only:
            if not path.is_file():
                raise StoreError(f"Base introuvable : {path}")
            conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True,
                                   timeout=busy_timeout, check_same_thread=False)
        else:
            _create_private(path)
            conn = sqlite3.connect(path, timeout=busy_timeout, check_same_thread=False)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if read_only:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # fails now if damaged
        else:
            with db.ensure_autocommit_on():
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")  # erased data is overwritten, not left in free pages
        _check_schema(db, path, migrate=not read_only)
        return db
    except sqlite3.Error as error:
        raise translate(error, path) from error
    except OSError as error:
        raise StoreError(f"Impossible de créer la base {path} : {error.strerror}") from error


def _create_private(path: Path) -> None:
    """Create an empty file readable by its owner only; SQLite gives its -wal/-shm files the same mode."""
    if path.exists():
        return
    private_dir(path.parent)
    with contextlib.suppress(FileExistsError):  # another instance created it first
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def _check_schema(db: sqlite_utils.Database, path: Path, *, migrate: bool) -> None:
    unknown = [m.name for m in MIGRATIONS.applied(db) if m.name not in STEP_NAMES]
    if unknown:
        raise StoreError(f"La base {path} a été créée par une version plus récente de l'assistant "
                         f"(étapes inconnues : {', '.join(unknown)}) ; mettez l'assistant à jour.")
    if not MIGRATIONS.pending(db):
        return
    if not migrate:
        raise StoreError(f"La base {path} doit être mise à jour : ouvrez-la une fois sans --read-only.")
    # Take the write lock first so that two instances opening a new file do not both migrate;
    # each step then runs in its own savepoint, recorded with it (sqlite_utils.Migrations).
    with write(db):
        steps = [m.name for m in MIGRATIONS.pending(db)]
        MIGRATIONS.apply(db)
    logger.info("case log %s: schema steps applied: %s", path, ", ".join(steps))


@contextlib.contextmanager
def write(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction that takes the lock up front (waits up to the busy timeout)."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise
