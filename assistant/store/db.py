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
from assistant.store import health
from assistant.store.errors import FULL_BELOW, StoreDamaged, StoreError, StoreFull, StoreReadOnly, translate
from assistant.store.schema import MIGRATIONS, STEP_NAMES

logger = logging.getLogger(__name__)  # file paths and counts only: never case content
IN_MEMORY = Path(":memory:")  # an empty case log that leaves nothing on disk (nothing recorded yet)


def connect(path: Path, *, read_only: bool = False, busy_timeout: float = 5.0) -> sqlite_utils.Database:
    """Open (and create or migrate, unless read-only) the case log at `path`.

    A file that cannot be written (read-only data folder or file, full disk) is opened for
    reading instead: lists and reports still work, and every write says why it was refused."""
    path = Path(path)
    if read_only:
        return _connect(path, True, busy_timeout)
    try:
        db = _connect(path, False, busy_timeout)
    except StoreError as error:
        if not _is_file(path) or not isinstance(error.__cause__, sqlite3.Error) or _writable(path):
            raise
        if not isinstance(error, (StoreReadOnly, StoreFull)) and "ouvrir" not in str(error):
            raise
        logger.info("case log %s opened read-only: the file or its folder cannot be written", path)
        try:
            db = _connect(path, True, busy_timeout)
        except StoreError:
            raise error from error.__cause__
        db.write_refusal = str(error)  # every write says why (full disk, read-only folder)
        return db
    if health.refusal(path) is None and health.check_due(path):
        if health.quick_check(db.conn):
            health.mark_checked(path)
        else:
            logger.warning("case log %s: quick_check found damage; writes refused until repair", path)
            health.mark_damaged(path)
    return db


def _writable(path: Path) -> bool:
    """Whether the file and its folder can be written (and the disk is not full)."""
    import shutil

    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        return False
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) and free > FULL_BELOW


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _connect(path: Path, read_only: bool, busy_timeout: float) -> sqlite_utils.Database:
    try:
        if read_only:
            if not path.is_file():
                raise StoreError(f"Base introuvable : {path}")
            conn = _open_read_only(path, busy_timeout)
        else:
            if path != IN_MEMORY:
                _create_private(path)
            conn = sqlite3.connect(path, timeout=busy_timeout, check_same_thread=False)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.case_log_path = path
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
        raise StoreError(f"Impossible d'ouvrir ou de créer la base {path} : {error.strerror} "
                         "(dossier absent ou droits insuffisants).") from error


def _open_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A read-only connection. In a folder nobody can write, or on a full disk, a WAL file
    without its -shm index cannot be opened the usual way (SQLite would have to create the
    index): when no journal holds data (no -wal file, or an empty one) it is then opened as
    immutable, which is safe because no writer can work there without writing that journal."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=busy_timeout, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error as error:
        conn.close()
        code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
        wal = Path(f"{path}-wal")
        if code not in (8, 10, 14) or (wal.exists() and wal.stat().st_size) or _writable(path):
            raise
    return sqlite3.connect(uri + "&immutable=1", uri=True, timeout=busy_timeout, check_same_thread=False)


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
    refusal = getattr(db, "write_refusal", None)
    if refusal:
        raise StoreReadOnly(refusal)
    damage = health.refusal(getattr(db, "case_log_path", None))
    if damage:
        raise StoreDamaged(damage)
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


def clear_damage(path: Path) -> None:
    """After a repair: the file is sound again."""
    health.clear(path)
