"""Load the knowledge base: YAML files -> validated -> compiled plain data, cached by hash.

The slow path (YAML + pydantic) runs once per content hash; afterwards the compiled data (plain
dicts, lists, strings and numbers: dates as ISO text) is read with `marshal` from the user
cache, so `evaluate` starts without importing pydantic models, YAML or pickle.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path

from assistant.knowledge.base import KnowledgeBase, KnowledgeError

DATA_DIR = Path(__file__).parent / "data"
_CODE = (Path(__file__).parent / "schema.py", Path(__file__))


def data_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*.yaml") if p.is_file())


def content_hash(data_dir: Path) -> str:
    """sha256 of the data files (names and bytes): the replayable identity of a release."""
    h = hashlib.sha256()
    for path in data_files(data_dir):
        h.update(path.relative_to(data_dir).as_posix().encode() + b"\0")
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()


def load(data_dir: Path | None = None, cache_dir: Path | None = None) -> KnowledgeBase:
    """The knowledge base of `data_dir` (default: the bundled one), from cache when valid."""
    data_dir = Path(data_dir or DATA_DIR)
    if not data_dir.is_dir():
        raise KnowledgeError(f"{data_dir}: knowledge-base folder not found")
    digest = content_hash(data_dir)
    code = hashlib.sha256(b"".join(p.read_bytes() for p in _CODE) + sys.version.encode()).hexdigest()[:12]
    cache = _cache_path(cache_dir, f"kb-{digest[:24]}-{code}.marshal")
    if cache is not None and cache.is_file():
        try:
            compiled = marshal.loads(cache.read_bytes())
            if compiled.get("hash") == digest:
                return KnowledgeBase(compiled)
        except Exception:  # a damaged cache is rebuilt, never trusted
            pass
    from assistant.knowledge.compile import compile_files

    compiled = compile_files(data_dir, digest)
    if cache is not None:
        _write_atomically(cache, marshal.dumps(compiled))
    return KnowledgeBase(compiled)


def cache_dir_default() -> Path | None:
    if os.environ.get("ASSISTANT_NO_CACHE"):
        return None
    if os.environ.get("ASSISTANT_CACHE_DIR"):
        return Path(os.environ["ASSISTANT_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("assistant-couverture", appauthor=False))


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
