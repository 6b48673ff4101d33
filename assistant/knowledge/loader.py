"""Load the knowledge base: YAML files -> validated -> compiled plain data, cached.

The slow path (YAML + pydantic) runs once per content; afterwards the compiled data (plain
dicts, lists, strings and numbers: dates as ISO text) is read with `marshal` from the user
cache, so `evaluate` starts without importing pydantic models or YAML. The cache is
keyed by a CRC-32 fingerprint of the files' names and bytes (and of the compiling code); the
sha256 content hash reported in every assessment is computed when compiling and kept inside.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path

from assistant.cache import cache_dir as default_cache_dir
from assistant.cache import fingerprint, read_trusted, write_atomically
from assistant.i18n import _
from assistant.knowledge.base import KnowledgeBase, KnowledgeError
from assistant.knowledge.required import missing

DATA_DIR = Path(__file__).parent / "data"
_CODE = (Path(__file__).parent / "schema.py", Path(__file__).parent / "compile.py", Path(__file__))


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


def load(data_dir: Path | None = None, cache_dir: Path | None = None) -> KnowledgeBase:
    """The knowledge base of `data_dir` (default: the bundled one), from cache when valid.

    A base that lacks an entry the code names (see `required`) is refused: nothing could be
    decided with it."""
    data_dir = Path(data_dir or DATA_DIR)
    if not data_dir.is_dir():
        raise KnowledgeError(_("{folder} : dossier de la base de connaissances introuvable").format(folder=data_dir))
    base = _load(data_dir, cache_dir)
    absent = missing(base.items, base.documents)
    if absent:
        raise KnowledgeError(_("{folder} : base incomplète, il manque {count} élément(s) dont le moteur ou "
                               "les dialogues ont besoin : {ids}").format(
            folder=data_dir, count=len(absent), ids=", ".join(absent)))
    return base


def _load(data_dir: Path, cache_dir: Path | None) -> KnowledgeBase:
    files = _read(data_dir)
    key = fingerprint([b for pair in files for b in pair] + [p.read_bytes() for p in _CODE] + [sys.version.encode()])
    base = cache_dir if cache_dir is not None else default_cache_dir()
    cache = None if base is None else base / f"kb-{key}.marshal"
    payload = read_trusted(cache) if cache is not None else None
    if payload is not None:
        try:
            compiled = marshal.loads(payload)
            if compiled.get("fingerprint") == key:
                return KnowledgeBase(compiled)
        except Exception:  # a cache that does not make sense is rebuilt, never trusted
            pass
    from assistant.knowledge.compile import compile_files

    compiled = compile_files(data_dir, content_hash(data_dir))
    compiled["fingerprint"] = key
    if cache is not None:
        write_atomically(cache, marshal.dumps(compiled))
    return KnowledgeBase(compiled)
