"""Errors of the case log, with one-line French messages an agent can act on.

SQLite errors are translated here so that callers (CLI, app) never see a traceback and
never lose data silently: a busy file says so and writes nothing, a damaged file is left
untouched and the message points to read-only opening and `cases repair`.
"""

from __future__ import annotations

import functools
import sqlite3
from pathlib import Path


class StoreError(Exception):
    """The case log cannot do what was asked; `str(error)` is the message to show."""


class CaseNotFound(StoreError):
    def __init__(self, case_id: str):
        super().__init__(f"Le dossier {case_id} n'existe pas.")
        self.case_id = case_id


class InvalidValue(StoreError):
    """A value given to the case log is not acceptable (bad code, kind, status or date)."""


class StoreBusy(StoreError):
    """Another instance holds the write lock longer than the busy timeout; nothing was written."""


class StoreDamaged(StoreError):
    """The file is not a readable SQLite database (or is corrupt); it was not modified."""


class StoreReadOnly(StoreError):
    """A write was attempted on a read-only opening, or the file cannot be written."""


class StoreFull(StoreError):
    """The disk is full: nothing was written."""


FULL_BELOW = 1 << 20  # an I/O error with less free space than this is told as a full disk

# Primary SQLite result codes (sqlite3 errors carry them since Python 3.11).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def _nearly_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < FULL_BELOW
    except OSError:
        return False


def translate(error: sqlite3.Error, path: Path | str) -> StoreError:
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    text = str(error).lower()
    if code in (_BUSY, _LOCKED) or "locked" in text:
        return StoreBusy(
            f"La base {path} est verrouillée par un autre poste : rien n'a été enregistré. "
            "Réessayez dans un instant (ou ouvrez-la en lecture seule avec --read-only)."
        )
    if code in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        from assistant.store import health

        health.mark_damaged(Path(path))  # remembered: writes are refused until repaired
        return StoreDamaged(
            f"La base {path} est endommagée ou n'est pas une base du journal des dossiers ; "
            "elle n'a pas été modifiée. Essayez --read-only pour consulter, ou "
            "`cases repair` (une copie de sauvegarde est faite avant toute réparation)."
        )
    if code == _READONLY or "readonly" in text:
        return StoreReadOnly(f"La base {path} est ouverte en lecture seule (fichier ou dossier non modifiable) : "
                             "rien n'a été enregistré.")
    if code == _FULL or (code == _IOERR and _nearly_full(Path(path))):
        return StoreFull(f"Disque plein : la base {path} n'a pas pu être écrite ; rien n'a été enregistré, "
                         "rien de ce qui l'était n'est perdu. Libérez de la place puis recommencez.")
    if code == _CANTOPEN:
        return StoreError(f"Impossible d'ouvrir la base {path} (dossier absent ou droits insuffisants).")
    return StoreError(f"Erreur de la base {path} : {error}")


def guarded(method):
    """Run a CaseLog method with SQLite errors translated into StoreError."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            raise translate(error, self.path) from error

    return wrapper
