"""Load the knowledge base: YAML files -> validated -> compiled plain data, cached.

The slow path (YAML + pydantic) runs once per content; afterwards the compiled data (plain
dicts, lists, strings and numbers: dates as ISO text) is read with `marshal` from the user
cache, so `evaluate` starts without importing pydantic models, YAML or pickle. The cache is
keyed by a CRC-32 fingerprint of the files' names and bytes (and of the compiling code); the
sha256 content hash reported in every assessment is computed when compiling and kept inside.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path

from assistant.knowledge.base import KnowledgeBase, KnowledgeError

DATA_DIR = Path(__file__).parent / "data"
_CODE = (Path(__file__).parent / "schema.py", Path(__file__).parent / "compile.py", Path(__file__))
APP = "assistant-couverture"


def _read(data_dir: Path) -> list[tuple[bytes, bytes]]:
    """(relative name, bytes) of every data file, in a stable order."""
    paths = sorted(p for p in data_dir.rglob("*.yaml") if p.is_file())
    return [(p.relative_to(data_dir).as_posix().encode(), p.read_bytes()) for p in paths]


def content_hash(data_dir: Path) -> str:
    """sha256 of the data files (names and bytes): the replayable identity of a release."""
    import hashlib

    h = hashlib.sha256()
    for name, data in _read(data_dir):
        h.update(name + b"\0" + data + b"\0")
    return h.hexdigest()


def fingerprint(chunks) -> str:
    """A cheap cache key (CRC-32 and total length): hashlib costs 5 ms of imports at start-up."""
    crc, size = 0, 0
    for chunk in chunks:
        crc = zlib.crc32(chunk, crc)
        size += len(chunk)
    return f"{crc:08x}{size:x}"


def load(data_dir: Path | None = None, cache_dir: Path | None = None) -> KnowledgeBase:
    """The knowledge base of `data_dir` (default: the bundled one), from cache when valid."""
    data_dir = Path(data_dir or DATA_DIR)
    if not data_dir.is_dir():
        raise KnowledgeError(f"{data_dir}: knowledge-base folder not found")
    files = _read(data_dir)
    key = fingerprint([b for pair in files for b in pair] + [p.read_bytes() for p in _CODE] + [sys.version.encode()])
    cache = _cache_path(cache_dir, f"kb-{key}.marshal")
    if cache is not None and cache.is_file():
        try:
            compiled = marshal.loads(cache.read_bytes())
            if compiled.get("fingerprint") == key:
                return KnowledgeBase(compiled)
        except Exception:  # a damaged cache is rebuilt, never trusted
            pass
    from assistant.knowledge.compile import compile_files

    compiled = compile_files(data_dir, content_hash(data_dir))
    compiled["fingerprint"] = key
    if cache is not None:
        _write_atomically(cache, marshal.dumps(compiled))
    return KnowledgeBase(compiled)


def cache_dir_default() -> Path | None:
    if os.environ.get("ASSISTANT_NO_CACHE"):
        return None
    if os.environ.get("ASSISTANT_CACHE_DIR"):
        return Path(os.environ["ASSISTANT_CACHE_DIR"])
    if sys.platform.startswith("linux"):  # platformdirs' XDG rule, without its 10 ms of imports
        return Path(os.environ.get("XDG_CACHE_HOME", "").strip() or Path.home() / ".cache") / APP
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP, appauthor=False))


def _cache_path(cache_dir: Path | None, name: str) -> Path | None:
    base = cache_dir if cache_dir is not None else cache_dir_default()
    return None if base is None else base / name


def _write_atomically(path: Path, data: bytes) -> None:
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
