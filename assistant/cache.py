"""The user cache shared by the loaders (knowledge base, situation schema, dialog bank).

A cache only saves start-up time, and holds data, never code (marshal or JSON of plain
values). An entry is used only when nobody but this user could have written it: the folder and
the file belong to the user and nobody else may write to them (a checksum of public files
cannot stop a planted file). Each entry carries a CRC-32 of its payload, so a damaged entry is
rebuilt; the loaders also rebuild any entry whose content does not make sense. A folder that
cannot be used only costs speed. Folders are created owner-only whatever the umask.
"""

from __future__ import annotations

import os
import stat
import sys
import zlib
from pathlib import Path

from assistant.files import private_dir

APP = "assistant-couverture"
_MAGIC = b"assistant-cache/2\n"
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def cache_dir() -> Path | None:
    """ASSISTANT_CACHE_DIR, else the user cache folder; None when ASSISTANT_NO_CACHE is set."""
    if os.environ.get("ASSISTANT_NO_CACHE"):
        return None
    if os.environ.get("ASSISTANT_CACHE_DIR"):
        return Path(os.environ["ASSISTANT_CACHE_DIR"])
    if sys.platform.startswith("linux"):  # platformdirs' XDG rule, without its 10 ms of imports
        return Path(os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache") / APP
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def fingerprint(chunks) -> str:
    """A cheap cache key (CRC-32 and total length): hashlib costs 5 ms of imports at start-up."""
    crc, size = 0, 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
    return f"{crc:08x}{size:x}"


def pack(payload: bytes) -> bytes:
    """An entry: magic, CRC-32 and length of the payload, then the payload."""
    return _MAGIC + f"{zlib.crc32(payload):08x} {len(payload):x}\n".encode() + payload


def unpack(data: bytes) -> bytes | None:
    """The payload of an entry, or None when it is not one of ours or is damaged."""
    if not data.startswith(_MAGIC):
        return None
    header, newline, payload = data[len(_MAGIC):].partition(b"\n")
    try:
        crc, size = (int(field, 16) for field in header.split(b" "))
    except ValueError:
        return None
    if not newline or len(payload) != size or zlib.crc32(payload) != crc:
        return None
    return payload


def _owned_by_user_only(st: os.stat_result) -> bool:
    if not hasattr(os, "geteuid"):  # Windows: the user profile's ACLs protect the cache
        return True
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def read_trusted(path: Path) -> bytes | None:
    """The payload of the entry at `path`, or None if it is missing, damaged, or could have been
    written by someone else (folder or file not the user's, or writable by others, or a link)."""
    try:
        folder = os.open(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        if not _owned_by_user_only(os.fstat(folder)):
            return None
        fd = os.open(path.name, _OPEN, dir_fd=folder) if os.open in os.supports_dir_fd else os.open(path, _OPEN)
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or not _owned_by_user_only(st):
                return None
            data = f.read()
    except OSError:
        return None
    finally:
        os.close(folder)
    return unpack(data)


def write_atomically(path: Path, payload: bytes) -> None:
    """Best effort: store `payload` as an entry; a folder that is not the user's alone, read-only
    or full only costs speed, never correctness."""
    import tempfile

    try:
        private_dir(path.parent)
        if not _owned_by_user_only(os.stat(path.parent)):
            return  # a shared folder: what is written there could not be trusted when read
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")  # 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(pack(payload))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
