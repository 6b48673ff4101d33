"""The knowledge base: schema, sources, temporal coverage, superseded statements, cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from assistant.knowledge.base import KnowledgeError
from assistant.knowledge.checks import SPAN, coverage_gaps
from assistant.knowledge.loader import DATA_DIR, content_hash, load
from assistant.knowledge.schema import SEEDS


def test_every_item_has_exactly_one_version_in_force_every_day(kb):
    assert coverage_gaps(kb) == []
    day, last = SPAN
    while day <= last:  # the direct statement of the property, day by day
        for item_id in kb.items:
            in_force = [v for v in kb.items[item_id]["versions"]
                        if (v["valid_from"] or date.min) <= day <= (v["valid_until"] or date.max)]
            assert len(in_force) == 1, (item_id, day)
        day += timedelta(days=7)


def test_every_rule_and_document_cites_a_seed_or_a_public_source(kb):
    external = set(kb.data["external"])
    for item_id, item in kb.items.items():
        for v in item["versions"]:
            assert v["sources"], item_id
            assert all(s["doc"] in SEEDS | external for s in v["sources"]), item_id
    for doc_id, doc in kb.documents.items():
        assert any(s["doc"] in SEEDS for s in doc["sources"]), doc_id


def test_disagreements_keep_the_older_statement_as_superseded(kb):
    old = kb.version("ame.retro_window", date(2020, 10, 31))
    new = kb.version("ame.retro_window", date(2020, 11, 1))
    assert old["value"] == {"months": 1, "from": "admission"} and old["superseded_by"]
    assert new["value"] == {"days": 90, "from": "discharge"}
    assert kb.value("misas.serves_ame", date(2021, 4, 15)) is False
    assert kb.version("misas.serves_ame", date(2021, 4, 15))["superseded_by"]
    assert kb.value("misas.serves_ame", date(2025, 1, 1)) is True


def test_figures_record_when_they_were_checked_and_next_reviewed(kb):
    latest = kb.version("css.free_ceiling", date(2026, 11, 23))
    assert latest["value"]["published_base"] == 10339
    assert latest["last_checked"] == date(2026, 11, 23)
    assert latest["next_review"] == date(2026, 4, 1)
    assert [item for item, _ in kb.stale(date(2026, 11, 23))] == ["css.free_ceiling"]
    assert kb.stale(date(2026, 3, 31)) == []


def test_version_id_names_release_and_content_hash(kb):
    assert kb.version_id == f"{kb.release}+{content_hash(DATA_DIR)[:12]}"


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.parametrize("file, old, new, expected", [
    ("items/css.yaml", "valid_from: 2025-04-01", "valid_from: 2025-02-30", "items/css.yaml: items > [1] css.free_ceiling > versions > 8 > valid_from"),
    ("items/ame.yaml", "kind: rule", "kind: rules", "items/ame.yaml: items > [0] ame.open > kind"),
    ("documents.yaml", "doc: 002_97c024bcee8fb120.txt", "doc: 009_unknown.txt", "documents.yaml : form_ame : document source inconnu"),
    ("items/puma.yaml", "  - id: puma.open", "  - id: puma.open\n  - id: x", "items/puma.yaml: items > [1] puma.open > kind: Field required"),
    ("release.yaml", "release: \"2026.11\"", "release: [", "release.yaml : YAML illisible"),
])
def test_a_corrupted_file_is_named_with_its_field(data_copy, file, old, new, expected):
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        load(data_copy, cache_dir=None)
    assert str(e.value).startswith(expected), str(e.value)


def test_overlapping_versions_are_refused(data_copy):
    path = data_copy / "items/css.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("valid_from: 2025-04-01", "valid_from: 2025-03-01", 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="versions overlap"):
        load(data_copy, cache_dir=None)


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def test_kb_validate_cli(data_copy):
    ok = _cli("kb", "validate")
    assert ok.returncode == 0 and ok.stdout.startswith("OK ")
    (data_copy / "items/dsuv.yaml").write_text("items: [{id: bad}]", encoding="utf-8")
    bad = _cli("kb", "validate", "--data", str(data_copy))
    assert bad.returncode == 2
    assert "items/dsuv.yaml" in bad.stderr and "Traceback" not in bad.stderr


def test_kb_validate_reports_a_gap_in_time(data_copy):
    path = data_copy / "items/css.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("valid_from: 2022-07-01", "valid_from: 2022-07-02", 1), encoding="utf-8")
    bad = _cli("kb", "validate", "--data", str(data_copy))
    assert bad.returncode == 2 and "css.free_ceiling : trou ou chevauchement" in bad.stderr


def test_kb_show_cli():
    shown = _cli("kb", "show", "ame.retro_window", "--on", "2021-04-22")
    assert shown.returncode == 0
    assert "EN VIGUEUR le 2021-04-22" in shown.stdout and "remplacé" in shown.stdout
    unknown = _cli("kb", "show", "ame.retro_windw")
    assert unknown.returncode == 2 and "ame.retro_window" in unknown.stderr


def test_cached_load_needs_no_pydantic_models(tmp_path):
    code = ("import sys; from assistant.knowledge.loader import load; kb = load(); "
            "print(kb.version_id, 'pydantic.main' in sys.modules)")
    env = {"ASSISTANT_CACHE_DIR": str(tmp_path)}
    cold, warm = _cli_py(code, env), _cli_py(code, env)
    assert cold.split()[1] == "True" and warm.split()[1] == "False"
    assert cold.split()[0] == warm.split()[0]


def test_a_damaged_cache_is_rebuilt(tmp_path):
    load(cache_dir=tmp_path)
    for cached in tmp_path.glob("kb-*.marshal"):
        cached.write_bytes(b"garbage")
    assert load(cache_dir=tmp_path).value("ame.duration_months", date(2025, 1, 1)) == 12


def _cli_py(code: str, env: dict) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, **env}, timeout=60, cwd=Path(__file__).parents[2])
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_texts_shown_to_people_need_no_parenthesised_plural(kb):
    """`personne(s)` reads badly on a card: counts are written so that one form fits every number."""
    texts = [t for item in kb.items.values() for v in item["versions"] if v.get("text")
             for t in v["text"].values() if t]  # every language
    assert texts and not [t for t in texts if "(s)" in t]


def test_every_source_has_a_citation_without_file_name(kb):
    cites = kb.cites
    assert set(cites) == set(kb.data["seeds"]) | set(kb.data["external"])
    assert all(".txt" not in c for c in cites.values())
