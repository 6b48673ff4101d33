"""The knowledge search: a table of queries as agents type them, the registry of entry kinds,
and `python -m assistant ask`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from assistant.knowledge import entries
from assistant.knowledge.search import KnowledgeIndex, fold, words

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))
ON = date(2026, 1, 15)


@pytest.fixture(scope="module")
def index(kb):
    return KnowledgeIndex.build(kb, "fr", ON)


def test_the_table_has_at_least_thirty_queries():
    assert len(QUERIES) >= 30


@pytest.mark.parametrize("case", QUERIES, ids=[f"{c['query']}->{c.get('first') or c.get('top3')}" for c in QUERIES])
def test_realistic_queries_find_the_right_entry(index, case):
    found = [hit.entry["id"] for hit in index.search(case["query"], limit=3)]
    if "first" in case:
        assert found[:1] == [case["first"]], found
    else:
        assert case["top3"] in found, found


def test_folding_ignores_case_accents_ligatures_and_plural_s():
    assert fold("Récépissé ŒUVRE") == "recepisse oeuvre"
    assert words("Les pièces d'identité") == words("piece identite") == ["piece", "identite"]
    assert words("CSS") == ["css"]  # acronyms keep their letters


def test_every_hit_carries_its_sources_and_a_change_when_there_is_one(index):
    for hit in index.search("rétroactivité de l'AME", limit=10):
        assert hit.entry["sources"] and all({"doc", "ref"} <= set(s) for s in hit.entry["sources"])
    faq = next(h.entry for h in index.search("ame retroactivite") if h.entry["id"] == "faq:ame_retroactivity")
    assert faq["changed"]["since"] == "2020-11-01" and "90 jours" in faq["changed"]["now"]
    assert "90 jours" in entries.format_entry(faq) and "Source du changement" in entries.format_entry(faq)


def test_no_hit_and_empty_queries_give_nothing(index):
    assert index.search("zzqxw") == []
    assert index.search("") == [] and index.search("de la pour") == []


def test_an_english_index_shows_english_texts(kb):
    english = KnowledgeIndex.build(kb, "en", ON)
    first = english.search("homeless")[0].entry
    assert first["id"] == "faq:proof_of_presence_homeless" and first["title"].startswith("How can three months")
    assert english.search("sans papier")[0].entry["subtitle"] == "State medical aid (Aide médicale de l'État)"


def test_rules_show_the_statement_in_force_and_the_one_replaced(index):
    rule = next(h.entry for h in index.search("délai de décision CSS", limit=5) if h.entry["id"] == "rule:css.processing")
    text = entries.format_entry(rule)
    assert "31 jours" in text and "Énoncé remplacé" in text and "{date}" not in text


def test_a_new_kind_of_entry_is_one_registration(kb, monkeypatch):
    def directory(kb, lang, on):
        return [entries.entry("directory", "ccas_montreuil", title="CCAS de Montreuil", subtitle="domiciliation",
                              body=["Domiciliation des personnes sans domicile stable."],
                              sources=[{"doc": "annuaire", "ref": "Montreuil"}])]

    monkeypatch.setattr(sys.modules[__name__], "directory_entries", directory, raising=False)
    monkeypatch.setitem(entries.SOURCES, "directory", f"{__name__}:directory_entries")
    found = KnowledgeIndex.build(kb, "fr", ON).search("domiciliation montreuil")
    assert found[0].entry["id"] == "directory:ccas_montreuil"
    assert entries.kind_label("directory") == "Annuaire"


def _ask(*args):
    return subprocess.run([sys.executable, "-m", "assistant", "ask", *args], capture_output=True, text=True,
                          env={**os.environ}, timeout=60)


def test_ask_prints_the_best_entry_in_full_then_the_others_with_sources():
    out = _ask("SDF", "domiciliation")
    assert out.returncode == 0 and out.stderr == ""
    lines = out.stdout.splitlines()
    assert lines[0].startswith("1. [Question] Comment attester des trois mois de présence")
    assert any("attestation de la structure de domiciliation" in line for line in lines)
    assert sum(line.lstrip().startswith("Source :") for line in lines) == 5


def test_ask_json_and_no_hit():
    data = json.loads(_ask("pieces AME", "--json", "--limit", "3", "--on", "2026-01-15").stdout)
    assert data["query"] == "pieces AME" and data["on"] == "2026-01-15"
    assert [r["rank"] for r in data["results"]] == [1, 2, 3] and data["results"][0]["id"] == "faq:ame_documents"
    source = data["results"][0]["sources"][0]  # traced by file and section, shown as a title
    assert (source["doc"], source["ref"].split(" – ")[0]) == ("002_97c024bcee8fb120.txt", "§ 1. Constitution des dossiers")
    assert source["text"].startswith("Cnam, réunion partenaires sur la constitution et le dépôt des dossiers AME, "
                                     "2020, § 1. Constitution")
    none = _ask("zzqxw")
    assert none.returncode == 0 and none.stdout.startswith("Aucun résultat pour « zzqxw »")
    assert json.loads(_ask("zzqxw", "--json").stdout)["results"] == []


def test_ask_refuses_a_bad_date_in_one_line():
    bad = _ask("AME", "--on", "2026-02-30")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "--on" in bad.stderr
