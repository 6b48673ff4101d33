"""Every text of the knowledge base is a {fr:, en:} map with both languages: adding a language is
data, and an English consultation never falls back to French data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.knowledge.loader import DATA_DIR

FILES = sorted(Path(DATA_DIR).rglob("*.yaml"))


def _texts(node, path=""):
    if isinstance(node, dict):
        if "fr" in node and isinstance(node["fr"], str):
            yield path, node
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{path}[{i}]")


def test_the_data_has_texts():
    assert len(FILES) > 5 and sum(1 for f in FILES for _ in _texts(yaml.safe_load(f.read_text()))) > 200


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_every_text_has_its_english(file):
    lacking = [path for path, text in _texts(yaml.safe_load(file.read_text(encoding="utf-8")))
               if not isinstance(text.get("en"), str) or not text["en"].strip()]
    assert lacking == [], f"{file.name}: {len(lacking)} texts without English, first {lacking[:5]}"


@pytest.mark.parametrize("file", FILES, ids=lambda f: f.name)
def test_english_keeps_the_placeholders(file):
    import re

    field = re.compile(r"\{[a-z_]+\}")
    wrong = [path for path, text in _texts(yaml.safe_load(file.read_text(encoding="utf-8")))
             if isinstance(text.get("en"), str) and set(field.findall(text["fr"])) != set(field.findall(text["en"]))]
    assert wrong == [], f"{file.name}: placeholders differ at {wrong[:5]}"
