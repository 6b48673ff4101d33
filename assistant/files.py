"""Files and folders the app creates for a person's data: owner-only from their creation.

Stdlib only. Files are created with O_CREAT|O_EXCL|O_NOFOLLOW and mode 0600 (never chmod-ed
afterwards), so a symbolic link planted in a shared folder is never followed and an existing
file is never replaced; folders are created 0700 whatever the umask (which can only remove
bits from the mode given to mkdir).
"""

from __future__ import annotations

import os
from pathlib import Path

_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def private_dir(path: Path) -> Path:
    """Create `path` and its missing parents owner-only; folders that exist are left as they are."""
    path = Path(path)
    missing = []
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:  # another instance made it first
            pass
    return Path(missing[0]) if missing else path


def create_private(path: Path) -> int:
    """A new owner-only file opened for writing (a descriptor); FileExistsError if the name is
    taken, a symbolic link included."""
    return os.open(path, _NEW, 0o600)


def write_private(path: Path, data: bytes, *, sync: bool = False) -> None:
    """Write `data` to a new owner-only file; on failure (full disk...) nothing is left behind."""
    fd = create_private(path)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if sync:
                f.flush()
                os.fsync(f.fileno())
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise


def replace_private(path: Path, data: bytes) -> None:
    """Replace `path` by `data` in one step, owner-only, its folder created owner-only: a crash
    leaves the old file or the new one, whole (a temporary file synced, then renamed over)."""
    import tempfile

    path = Path(path)
    private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")  # 0600, O_EXCL
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_new(folder: Path, names: list[str], contents: list[bytes]) -> list[Path]:
    """Write each content under its name in `folder` (created owner-only), all new files; when
    a name is taken, the set is written as `stem-2.ext`, `stem-3.ext`... instead."""
    private_dir(folder)
    for attempt in range(1, 1000):
        paths = [folder / (name if attempt == 1 else _numbered(name, attempt)) for name in names]
        if any(os.path.lexists(p) for p in paths):
            continue
        written: list[Path] = []
        try:
            for path, data in zip(paths, contents, strict=True):
                write_private(path, data)
                written.append(path)
        except FileExistsError:  # taken meanwhile by another instance: next number
            for path in written:
                path.unlink(missing_ok=True)
            continue
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise
        return paths
    raise FileExistsError(f"{folder}: trop de fichiers du même nom")


def _numbered(name: str, n: int) -> str:
    stem, dot, ext = name.partition(".")
    return f"{stem}-{n}{dot}{ext}"
