"""The user cache shared by the loaders (knowledge base, situation schema, dialog bank).

A cache only saves start-up time: every entry is keyed by a fingerprint of what it was built
from, a damaged entry is rebuilt, and a folder that cannot be written only costs speed.
"""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path

APP = "assistant-couverture"


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


def write_atomically(path: Path, data: bytes) -> None:
    """Best effort: a read-only or full disk only costs speed, never correctness."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass
