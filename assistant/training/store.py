"""The training log: sessions and scored attempts, in a database of its own.

Never the case log: training answers are not consultations, and reports and statistics read
only the case log. The file (`training.db` in the data folder, or ASSISTANT_TRAINING_DB) is
created owner-only when the first attempt is recorded; reading it never creates it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import date, datetime
from pathlib import Path

from assistant.files import create_private, private_dir
from assistant.i18n import _
from assistant.paths import data_dir

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY, trainee TEXT NOT NULL, grp TEXT NOT NULL, started TEXT NOT NULL, kb_version TEXT);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY, session INTEGER NOT NULL REFERENCES sessions(id), scenario TEXT NOT NULL,
    family TEXT NOT NULL, done TEXT NOT NULL, points REAL NOT NULL, out_of REAL NOT NULL,
    items TEXT NOT NULL, conclusion TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_session ON attempts(session);
"""


class TrainingLogError(Exception):
    """The training log cannot be read or written; the message says why."""


def default_path() -> Path:
    configured = os.environ.get("ASSISTANT_TRAINING_DB", "").strip()
    return Path(configured).expanduser() if configured else data_dir() / "training.db"


class TrainingLog:
    def __init__(self, path: Path | None = None, *, create: bool = True):
        """Open the log at `path`; `create=False` for readers: None of it is made when absent
        (`exists` is then False and every query returns nothing)."""
        self.path = Path(path or default_path())
        self.exists = self.path.exists()
        self._db: sqlite3.Connection | None = None
        if create or self.exists:
            self._open()

    def _open(self) -> None:
        try:
            if not self.path.exists():
                private_dir(self.path.parent)
                os.close(create_private(self.path))
            self._db = sqlite3.connect(self.path)
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as error:
            raise TrainingLogError(_("journal de formation {path} : {error}").format(path=self.path, error=error)) \
                from None
        self.exists = True

    def start_session(self, trainee: str, group: str, kb_version: str, started: datetime | None = None) -> int:
        started = (started or datetime.now()).isoformat(timespec="seconds")
        return self._write("INSERT INTO sessions (trainee, grp, started, kb_version) VALUES (?, ?, ?, ?)",
                           (trainee.strip(), group.strip(), started, kb_version))

    def record(self, session: int, grade, conclusion, done: datetime | None = None) -> int:
        """Record a graded attempt (`training.grading.Grade`) of the session."""
        items = {item.key: item.points for item in grade.items}
        stated = {"coverage": conclusion.coverage, "date": conclusion.date.isoformat() if conclusion.date else None,
                  "documents": sorted(conclusion.documents), "referrals": sorted(conclusion.referrals)}
        return self._write(
            "INSERT INTO attempts (session, scenario, family, done, points, out_of, items, conclusion) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (session, grade.scenario.id, grade.scenario.family, (done or datetime.now()).isoformat(timespec="seconds"),
             grade.points, grade.out_of, json.dumps(items), json.dumps(stated)))

    def attempts(self, group: str | None = None, start: date | None = None, end: date | None = None) -> list[dict]:
        """Every attempt with its session's trainee, group and start, oldest first."""
        if self._db is None:
            return []
        where, args = [], []
        if group is not None:
            where.append("s.grp = ?")
            args.append(group)
        if start is not None:
            where.append("substr(a.done, 1, 10) >= ?")
            args.append(start.isoformat())
        if end is not None:
            where.append("substr(a.done, 1, 10) <= ?")
            args.append(end.isoformat())
        sql = ("SELECT a.session, s.trainee, s.grp, s.started, a.scenario, a.family, a.done, a.points, a.out_of, "
               "a.items FROM attempts a JOIN sessions s ON s.id = a.session"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY a.done, a.id")
        try:
            rows = self._db.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            raise TrainingLogError(_("journal de formation {path} : {error}").format(path=self.path, error=error)) \
                from None
        keys = ("session", "trainee", "group", "started", "scenario", "family", "done", "points", "out_of", "items")
        return [dict(zip(keys, row[:-1]), items=json.loads(row[-1])) for row in rows]

    def _write(self, sql: str, args: tuple) -> int:
        if self._db is None:
            self._open()
        try:
            with self._db:
                return self._db.execute(sql, args).lastrowid
        except sqlite3.Error as error:
            raise TrainingLogError(_("journal de formation {path} : {error}").format(path=self.path, error=error)) \
                from None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
