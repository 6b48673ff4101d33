"""The registry of knowledge-base entries the code refers to cannot drift from the code, and a
base that lacks one of them is refused by `kb validate`, the loader and so every command."""

from __future__ import annotations

import ast
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from assistant.knowledge import required
from assistant.knowledge.base import KnowledgeError
from assistant.knowledge.loader import DATA_DIR, load

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "assistant"


def _scanned_files() -> tuple[list[Path], list[Path]]:
    """Code and data that may name a knowledge-base entry: everything but the knowledge base itself."""
    code = sorted(p for p in PACKAGE.rglob("*.py") if "knowledge" not in p.relative_to(PACKAGE).parts)
    data = sorted((PACKAGE / "dialogs" / "data").rglob("*.yaml"))
    return code, data


def _strings(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def _template(node: ast.JoinedStr) -> re.Pattern | None:
    """`f"deadline.{x}"` -> ^deadline\\.[a-z0-9_]+$; None when its fixed text names nothing (`f"{a}.{b}"`)."""
    fixed = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    if "." not in fixed or not fixed.strip("."):
        return None
    return re.compile("".join(re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z0-9_]+"
                              for v in node.values) + "$")


def referenced(ids: set[str]) -> dict[str, set[str]]:
    """Each of `ids` named in the code (a string, or an f-string template) or in the dialog data,
    with the files that name it."""
    found: dict[str, set[str]] = {}
    code, data = _scanned_files()
    for path in code:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ids:
                names = [node.value]
            elif isinstance(node, ast.JoinedStr) and (pattern := _template(node)):
                names = [i for i in ids if pattern.match(i)]
            for name in names:
                found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    for path in data:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if text in ids:
                found.setdefault(text, set()).add(path.relative_to(ROOT).as_posix())
    return found


@pytest.fixture(scope="module")
def bundled():
    return load(cache_dir=None)


def test_the_registry_lists_exactly_the_entries_the_code_names(bundled):
    items = referenced(set(bundled.items))
    documents = referenced(set(bundled.documents))
    unlisted = sorted((set(items) - required.ITEMS) | (set(documents) - required.DOCUMENTS))
    assert not unlisted, f"named in the code, missing from assistant/knowledge/required.py: {unlisted}"
    unused = sorted((required.ITEMS - set(items)) | (required.DOCUMENTS - set(documents)))
    assert not unused, f"listed in assistant/knowledge/required.py, named nowhere in the code: {unused}"


def test_the_scan_sees_literal_and_templated_references(bundled):
    found = referenced(set(bundled.items))
    assert "assistant/engine/ame.py" in found["ame.retro_window"]  # ctx.say(o, "ame.retro_window")
    assert "assistant/engine/deadlines.py" in found["deadline.ame_retro_filing_limit"]  # f"deadline.{id}"
    assert "assistant/store/followup.py" in found["css.duration_months"]  # f"{kind}.duration_months"


def test_the_bundled_base_is_complete(bundled):
    assert required.missing(bundled.items, bundled.documents) == []


@pytest.fixture
def without_css(tmp_path):
    """A copy of the bundled data without items/css.yaml (nor the FAQ that cites them) and without one document."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "items" / "css.yaml").unlink()
    (data / "faq.yaml").unlink()  # its entries cite CSS items: the base would be refused for that first
    documents = data / "documents.yaml"
    text = documents.read_text(encoding="utf-8")
    start = text.index("- id: photo")
    documents.write_text(text[:start] + text[text.index("- id:", start + 1):], encoding="utf-8")
    return data


def test_the_loader_refuses_an_incomplete_base_naming_what_is_missing(without_css):
    with pytest.raises(KnowledgeError) as refused:
        load(without_css, cache_dir=None)
    message = str(refused.value)
    assert "css.free_ceiling" in message and "photo" in message and "\n" not in message


def _cli(*args, **env):
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          timeout=60, env={**os.environ, **env})


def test_kb_validate_refuses_an_incomplete_base(without_css):
    refused = _cli("kb", "validate", "--data", str(without_css))
    assert refused.returncode == 2 and refused.stdout == ""
    assert "css.free_ceiling" in refused.stderr and len(refused.stderr.splitlines()) == 1
    assert "Traceback" not in refused.stderr


def test_kb_validate_counts_the_bundled_base(bundled):
    ok = _cli("kb", "validate")
    assert ok.returncode == 0 and ok.stderr == ""
    assert ok.stdout.startswith(f"OK {bundled.version_id} : {len(bundled.items)} règles et montants, "
                                f"{len(bundled.documents)} pièces justificatives")


def test_evaluate_does_not_start_on_an_incomplete_base(without_css, monkeypatch, capsys):
    from assistant.evaluate_cli import main
    from assistant.knowledge import loader

    monkeypatch.setattr(loader, "DATA_DIR", without_css)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"{}")))
    assert main(["-", "--on", "2025-01-01"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert err.startswith("base de connaissances : ") and "css.free_ceiling" in err
