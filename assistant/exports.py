"""Files the assistant writes for people (slips, calendars, reports): new, owner-only, never
written over.

A file is created owner-only at `open()` time (O_CREAT | O_EXCL | O_NOFOLLOW, mode 0o600), so
it is never readable by others even for an instant, never follows a link planted at its name,
and never replaces an earlier export: when `fiche.pdf` exists the new one is `fiche-2.pdf`.
Callers say where the file went (the path returned).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from assistant.paths import make_private_dir

_FLAGS = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_MAX_TRIES = 10_000


def numbered(path: Path, n: int) -> Path:
    """`fiche.pdf`, then `fiche-2.pdf`, `fiche-3.pdf`..."""
    return path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")


def free_stem(folder: Path, stem: str, suffixes: Iterable[str]) -> str:
    """The first of `stem`, `stem-2`... for which no file `stem<suffix>` exists in `folder`,
    so that the files of one export (`.pdf`, `.ics`...) share their name."""
    suffixes = list(suffixes)
    for n in range(1, _MAX_TRIES):
        candidate = stem if n == 1 else f"{stem}-{n}"
        if not any(os.path.lexists(folder / f"{candidate}{s}") for s in suffixes):
            return candidate
    raise FileExistsError(f"{folder / stem}: too many files of that name")


def write_new(path: Path, data: bytes | str) -> Path:
    """Write `data` (text as UTF-8) to a new owner-only file at `path`, or at the first free
    `name-N.ext`; creates a missing folder owner-only. Returns the path written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if not path.parent.is_dir():
        make_private_dir(path.parent)
    for n in range(1, _MAX_TRIES):
        candidate = numbered(path, n)
        try:
            fd = os.open(candidate, _FLAGS, 0o600)
        except FileExistsError:  # also a link at that name: O_EXCL never follows one
            continue
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
        except BaseException:
            candidate.unlink(missing_ok=True)  # no half-written export left behind
            raise
        return candidate
    raise FileExistsError(f"{path}: too many files of that name")


def export_folder(configured: str | None = None) -> Path:
    """The site's folder for exports (`config set export_dir`), else the user's
    Documents/assistant-couverture."""
    if configured:
        return Path(configured)
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "assistant-couverture"
