"""Caches hold data, never code, and are trusted only when the user alone could have written
them; a damaged, planted or wrong-schema cache is ignored and rebuilt, never a crash."""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.conftest import ROOT, SITUATION

OTHER_UID = 65534
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
CSS_EXAMPLE = ROOT / "tests" / "data" / "contract_examples" / "p01-css-hospital-retro-seed-example.json"


def _run(cache: Path, *args, umask: int | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ASSISTANT_CACHE_DIR": str(cache)}
    env.pop("ASSISTANT_NO_CACHE", None)
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, input=stdin,
                          preexec_fn=preexec, timeout=120)


def _evaluate(cache: Path, situation: dict, on: str) -> subprocess.CompletedProcess:
    return _run(cache, "-m", "assistant", "evaluate", "-", "--on", on, stdin=json.dumps(situation))


def _css(cache: Path) -> dict:
    example = json.loads(CSS_EXAMPLE.read_text())
    done = _evaluate(cache, example["situation"], example["on"])
    assert done.returncode == 0, done.stderr
    return next(c for c in json.loads(done.stdout)["coverages"] if c["id"] == "css")


def _kb_cache(cache: Path) -> Path:
    [path] = [p for p in cache.iterdir() if p.name.startswith("kb-")]
    return path


def _lower_ceilings(raw: bytes) -> bytes:
    """A valid-looking knowledge-base cache whose CSS ceilings are cut to 1 euro."""
    try:
        from assistant.cache import pack, unpack
    except ImportError:  # the format before this fix: raw marshal
        pack = unpack = lambda data: data  # noqa: E731
    compiled = marshal.loads(unpack(raw))
    for version in compiled["items"]["css.free_ceiling"]["versions"]:
        if isinstance(version["value"], dict):
            version["value"] = {key: 1 for key in version["value"]}
    return pack(marshal.dumps(compiled))


def test_the_dialogs_cache_holds_no_code(tmp_path):
    cache = tmp_path / "cache"
    marker = tmp_path / "ran"
    # What another user planted where the dialogs cache used to be read from (a pickle).
    from assistant.dialogs import loader

    digest = hashlib.sha256()
    for path in sorted(loader.DATA_DIR.glob("*.yaml")) + list(loader._CODE):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    cache.mkdir(mode=0o700)

    class Plant:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    import pickle

    planted = cache / f"dialogs-{digest.hexdigest()[:24]}.pickle"
    planted.write_bytes(pickle.dumps(Plant()))
    done = _run(cache, "-c", "from assistant.dialogs.loader import load; print(len(load().questions))")
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    for path in set(cache.iterdir()) - {planted}:
        assert not path.read_bytes().startswith(b"\x80"), path  # no pickle written either


def test_cache_folders_and_files_are_owner_only_whatever_the_umask(tmp_path):
    cache = tmp_path / "c1" / "c2"
    done = _run(cache, "-c", "from assistant.dialogs.loader import load; load(); "
                "from assistant.knowledge.loader import load as kb; kb(); "
                "from assistant.validation import parse_situation; parse_situation('{}')", umask=0)
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "c1", cache):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert len(list(cache.iterdir())) == 3
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in cache.iterdir())


@needs_root
@pytest.mark.parametrize("planted_by", ["another user", "anyone (shared folder)", "anyone (0666 file)"])
def test_a_planted_knowledge_base_cache_is_not_trusted(tmp_path, planted_by):
    cache = tmp_path / "cache"
    honest = _css(cache)
    assert honest["status"] == "eligible"
    path = _kb_cache(cache)
    path.write_bytes(_lower_ceilings(path.read_bytes()))
    if planted_by == "another user":
        os.chown(path, OTHER_UID, OTHER_UID)
    elif planted_by == "anyone (shared folder)":
        os.chmod(cache, 0o777)
    else:
        os.chmod(path, 0o666)
    assert _css(cache) == honest


def test_a_damaged_or_wrong_schema_cache_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    honest = _css(cache)
    files = sorted(cache.iterdir())
    assert len(files) >= 2
    bad = {**SITUATION, "person": {**SITUATION["person"], "sex": "Z"}}
    plants = [json.dumps({"type": "any"}).encode(), b"[]", marshal.dumps({}), b"\x00garbage"]
    path = _kb_cache(cache)
    for plant in plants:
        for path in files:
            path.write_bytes(plant)
        assert _css(cache) == honest
        refused = _evaluate(cache, bad, "2021-04-22")
        assert refused.returncode == 2 and "person.sex" in refused.stderr, refused.stderr


def test_a_knowledge_base_cache_missing_an_item_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    honest = _css(cache)
    path = _kb_cache(cache)
    raw = path.read_bytes()
    try:
        from assistant.cache import unpack
    except ImportError:
        unpack = lambda data: data  # noqa: E731
    compiled = marshal.loads(unpack(raw))
    del compiled["items"]["css.free_ceiling"]
    path.write_bytes(marshal.dumps(compiled))  # as a planter who does not know the format would
    assert _css(cache) == honest
    flipped = bytearray(raw)
    flipped[len(flipped) // 2] ^= 0xFF  # one damaged byte in an otherwise valid cache
    path.write_bytes(bytes(flipped))
    assert _css(cache) == honest


def test_a_wrapped_schema_cache_that_accepts_anything_is_not_used(tmp_path):
    cache = tmp_path / "cache"
    _css(cache)
    pack = pytest.importorskip("assistant.cache").pack
    [path] = [p for p in cache.iterdir() if p.name.startswith("situation-")]
    path.write_bytes(pack(json.dumps({"type": "any"}).encode()))
    bad = {**SITUATION, "person": {**SITUATION["person"], "sex": "Z"}}
    refused = _evaluate(cache, bad, "2021-04-22")
    assert refused.returncode == 2 and "person.sex" in refused.stderr, refused.stderr
