"""Repair of a damaged case-log file: back up first, salvage row by row, never lose more.

1. The damaged file and its -wal journal (which may hold the latest answers) are copied into a
   new owner-only backup that never replaces another one (a backup that cannot be written
   completely, on a full disk, is removed and nothing else is done).
2. Every row still readable is salvaged page by page (`salvage.py`), plus whatever SQLite
   itself still returns, into a fresh file; a case whose own row is lost but whose answers,
   assessment or events remain is rebuilt from them (dates taken from its events).
3. The fresh file replaces the live log only once complete and synced. It holds at least every
   row a row-by-row reading of the damaged file yields; the report says in numbers what could
   not be read, and `lost` is true when anything was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import struct
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from assistant.files import create_private
from assistant.store.db import clear_damage, connect
from assistant.store.errors import StoreBusy, StoreError
from assistant.store.salvage import CASE_ID, salvage
from assistant.store.schema import MIGRATIONS, fill_search, is_search_table

logger = logging.getLogger(__name__)  # paths and counts only

_CHUNK = 1 << 20
_CREATED = re.compile(r"\s*CREATE\s+(?:UNIQUE\s+|VIRTUAL\s+)?(?:TABLE|INDEX)\s+(?:IF\s+NOT\s+EXISTS\s+)?[\"'\[`]?(\w+)", re.I)


@dataclass
class RepairReport:
    backup: Path
    intact: bool
    salvaged: dict[str, int] = field(default_factory=dict)  # rows per table in the repaired log
    cases_known: int = 0  # distinct case ids seen anywhere in the damaged file
    cases_recovered: int = 0  # cases of the repaired log (rebuilt ones included)
    cases_rebuilt: int = 0  # cases whose own row was lost, rebuilt from their other rows
    cases_without_state: int = 0  # cases recovered without their dialog and assessment
    pages_total: int = 0
    pages_missing: int = 0
    pages_unreadable: int = 0
    cells_unreadable: int = 0
    rows_unplaced: int = 0
    rows_dropped: int = 0  # duplicates refused by a unique index
    schema_rebuilt: bool = False  # the file's schema was unreadable: the current one was used

    @property
    def lost(self) -> bool:
        return not self.intact and bool(
            self.cases_known > self.cases_recovered or self.cases_without_state or self.pages_missing
            or self.pages_unreadable or self.cells_unreadable or self.rows_unplaced or self.rows_dropped)


def backup_copy(path: Path) -> Path:
    """Copy the file and its journal into new owner-only files (synced); returns the copy's path.
    Never replaces a backup; on failure nothing is left and StoreError says why."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    for attempt in range(100):
        target = path.with_name(f"{path.name}.{stamp}{f'-{attempt}' if attempt else ''}.bak")
        made: list[Path] = []
        try:
            for suffix in ("", "-wal"):
                source = Path(f"{path}{suffix}")
                if suffix and not source.exists():
                    continue
                copy = Path(f"{target}{suffix}")
                _copy_private(source, copy)
                made.append(copy)
            _sync_folder(path.parent)
            return target
        except FileExistsError:
            _remove(made)
            continue
        except OSError as error:
            _remove(made)
            raise StoreError(f"Copie de sauvegarde impossible dans {path.parent} : {error.strerror} ; "
                             "la base n'a pas été modifiée (libérez de la place ou vérifiez les droits "
                             "du dossier, puis recommencez).") from error
    raise StoreError(f"Copie de sauvegarde impossible dans {path.parent} : trop de sauvegardes du même nom.")


def _copy_private(source: Path, copy: Path) -> None:
    fd = create_private(copy)
    try:
        with open(source, "rb") as src, os.fdopen(fd, "wb") as dst:
            while chunk := src.read(_CHUNK):
                dst.write(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except BaseException:
        copy.unlink(missing_ok=True)
        raise


def _remove(paths: list[Path]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink()


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def in_use(path: Path) -> bool:
    """Whether another process has the case log open (it holds a lock on the -shm index)."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locks refuse what cannot be done
        return False
    try:
        fd = os.open(f"{path}-shm", os.O_RDONLY)
    except OSError:
        return False
    try:
        probe = struct.pack("hhqqi4x", fcntl.F_WRLCK, 0, 128, 1, 0)  # SQLite's "DMS" byte
        return struct.unpack("hhqqi4x", fcntl.fcntl(fd, fcntl.F_GETLK, probe))[0] != fcntl.F_UNLCK
    except OSError:
        return False
    finally:
        os.close(fd)


def repair(path: Path) -> RepairReport:
    path = Path(path)
    try:
        if not path.is_file():
            raise StoreError(f"Base introuvable : {path}")
    except OSError as error:
        raise StoreError(f"Accès impossible à {path} : {error.strerror} (vérifiez les droits du dossier).") from error
    if in_use(path):
        raise StoreBusy(f"La base {path} est ouverte par une autre instance de l'assistant : fermez-la, "
                        "puis relancez la réparation (rien n'a été modifié).")
    for stale in path.parent.glob(f"{path.name}.*.repairing*"):  # left by a repair killed half-way
        stale.unlink(missing_ok=True)
    report = RepairReport(backup=backup_copy(path), intact=_is_intact(path))
    logger.info("case log %s: backup copy %s made before repair", path, report.backup)
    if report.intact:
        clear_damage(path)
        return report
    fresh = path.with_name(report.backup.name.replace(".bak", ".repairing"))
    try:
        _rebuild(path, fresh, report)
        for suffix in ("-wal", "-shm"):  # journal of the damaged file: kept in the backup
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.replace(fresh, path)
        _sync_folder(path.parent)
    except OSError as error:
        fresh.unlink(missing_ok=True)
        raise StoreError(f"Réparation impossible : {error.strerror} ; la base n'a pas été remplacée "
                         f"(sauvegarde : {report.backup}).") from error
    except BaseException:
        fresh.unlink(missing_ok=True)
        raise
    finally:
        clear_damage(fresh)  # the health state of the rebuilt file before it took the log's name
    clear_damage(path)
    logger.info("case log %s rebuilt: %s", path, report.salvaged)
    return report


def _is_intact(path: Path) -> bool:
    try:
        with _read_only(path) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def _template() -> sqlite3.Connection:
    """An empty case log of the current schema, in memory."""
    db = sqlite_utils.Database(memory=True)
    MIGRATIONS.apply(db)
    return db.conn


def _rebuild(path: Path, fresh: Path, report: RepairReport) -> None:
    template = _template()
    found = salvage(path, template)
    for name, table in found.tables.items():  # what SQLite itself still reads, row by row
        for rowid, values in _sqlite_rows(path, name, len(table.columns)):
            found.rows[name].setdefault(rowid, values)
    report.pages_total, report.pages_missing = found.pages_total, found.pages_missing
    report.pages_unreadable, report.cells_unreadable = found.pages_unreadable, found.cells_unreadable
    report.rows_unplaced = found.rows_unplaced
    report.schema_rebuilt = not found.schema_readable

    os.close(create_private(fresh))  # owner-only before SQLite writes a byte into it
    conn = sqlite3.connect(fresh, isolation_level=None)
    try:
        conn.execute("BEGIN")
        statements = found.schema_sql or [sql for name, kind, sql in _template_schema(template)
                                           if kind in ("table", "index") and not is_search_table(name)]
        for sql in statements:
            if not is_search_table(_created(sql)):
                conn.execute(sql)
        if not found.rows.get("_sqlite_migrations") and _same_tables(conn, template):
            found.rows["_sqlite_migrations"] = {r[0]: list(r) for r in template.execute(
                "SELECT * FROM _sqlite_migrations")}
        for name, rows in found.rows.items():
            if is_search_table(name):
                continue
            table = found.tables.get(name)
            columns = table.columns if table else [r[1] for r in template.execute(f'PRAGMA table_info("{name}")')]
            marks = ", ".join("?" * (len(columns) + 1))
            names = ", ".join(f'"{c}"' for c in columns)
            before = conn.total_changes
            conn.executemany(f'INSERT OR IGNORE INTO "{name}" (rowid, {names}) VALUES ({marks})',
                             ([rowid, *values] for rowid, values in sorted(rows.items())))
            report.rows_dropped += len(rows) - (conn.total_changes - before)
        report.cases_rebuilt = _rebuild_lost_cases(conn)
        _rebuild_search(conn, template)
        conn.execute("COMMIT")
    finally:
        conn.close()
        template.close()
    db = connect(fresh)  # applies the steps the damaged file's schema still lacked
    try:
        if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StoreError("La base reconstruite n'est pas cohérente : la base endommagée n'a pas été remplacée.")
        report.salvaged = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                           for t in ("cases", "case_state", "answers", "events", "requests", "referrals")}
        report.cases_recovered = report.salvaged["cases"]
        report.cases_without_state = db.execute(
            "SELECT count(*) FROM cases WHERE erased_on IS NULL AND id NOT IN (SELECT case_id FROM case_state)").fetchone()[0]
        recovered = {r[0] for r in db.execute("SELECT id FROM cases")}
        report.cases_known = len(recovered | found.case_ids_seen)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        db.close()
    fd = os.open(fresh, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _template_schema(template: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(table it belongs to, type, CREATE statement) of the current schema, tables first."""
    return template.execute(
        "SELECT tbl_name, type, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
        "ORDER BY type = 'trigger', type = 'index'").fetchall()


def _created(sql: str) -> str:
    """The name of the table or index a CREATE statement makes."""
    found = _CREATED.match(sql)
    return found.group(1) if found else ""


def _rebuild_search(conn: sqlite3.Connection, template: sqlite3.Connection) -> None:
    """The history search (m006) is derived from the other tables: never salvaged, recomputed.
    When the repaired log does not record m006, opening it applies m006, which builds it."""
    migrations = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "_sqlite_migrations" not in migrations or not conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE name = 'm006_history_fts'").fetchone():
        return
    for name, kind, sql in _template_schema(template):
        if kind == "trigger" or (is_search_table(name) and not name.startswith("case_search_fts_")):
            conn.execute(sql)
    fill_search(conn)


def _same_tables(conn: sqlite3.Connection, template: sqlite3.Connection) -> bool:
    def shape(c):
        return {name: [r[1] for r in c.execute(f'PRAGMA table_info("{name}")')]
                for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                if not is_search_table(name)}

    return shape(conn) == shape(template)


def _rebuild_lost_cases(conn: sqlite3.Connection) -> int:
    """A case row for every case id that still has rows elsewhere (dates from its events)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    children = [t for t in ("case_state", "answers", "events", "requests", "referrals", "referral_proposals", "due_dates") if t in tables]
    orphans: set[str] = set()
    for table in children:
        orphans |= {r[0] for r in conn.execute(
            f'SELECT DISTINCT case_id FROM "{table}" WHERE case_id NOT IN (SELECT id FROM cases)')
            if isinstance(r[0], str) and CASE_ID.fullmatch(r[0])}
    columns = {r[1] for r in conn.execute("PRAGMA table_info(cases)")}
    for case_id in sorted(orphans):
        first, last = conn.execute("SELECT min(at), max(at) FROM events WHERE case_id = ?", [case_id]).fetchone() \
            if "events" in tables else (None, None)
        now = datetime.now().astimezone().replace(microsecond=0).isoformat()
        first, last = first or now, last or first or now
        row = {"id": case_id, "created_at": first, "updated_at": last}
        if "opened_on" in columns:
            row |= {"opened_on": first[:10], "last_activity_on": last[:10]}
        conn.execute(f"INSERT INTO cases ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    return len(orphans)


def _sqlite_rows(path: Path, table: str, width: int) -> list[tuple[int, list]]:
    """Rows of `table` as SQLite returns them, until the first damaged page."""
    rows: list[tuple[int, list]] = []
    try:
        with _read_only(path) as conn:
            for values in conn.execute(f'SELECT rowid, * FROM "{table}"'):
                if len(values) == width + 1:
                    rows.append((values[0], list(values[1:])))
    except sqlite3.DatabaseError:
        pass
    return rows


def _read_only(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True))


def backups_holding(path: Path, case_ids: list[str]) -> list[Path]:
    """Repair backups beside the case log (and their journals) whose bytes hold one of the ids."""
    path = Path(path)
    return files_holding(sorted(path.parent.glob(f"{path.name}.*.bak*")), case_ids)


def files_holding(paths: list[Path], case_ids: list[str]) -> list[Path]:
    """The files among `paths` whose bytes contain one of `case_ids` (read by chunks)."""
    needles = [case_id.encode() for case_id in case_ids]
    if not needles:
        return []
    overlap = max(len(n) for n in needles) - 1
    found = []
    for path in paths:
        with contextlib.suppress(OSError), open(path, "rb") as f:
            tail = b""
            while chunk := f.read(_CHUNK):
                window = tail + chunk
                if any(n in window for n in needles):
                    found.append(path)
                    break
                tail = window[-overlap:] if overlap else b""
    return found
