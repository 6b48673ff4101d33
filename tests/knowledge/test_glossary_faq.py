"""The glossary and the FAQ: coverage of the seeds' acronyms, both languages, sources, changed
answers that give the current rule, and loader errors that name the file and the field."""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest

from assistant.knowledge.base import KnowledgeError
from assistant.knowledge.loader import DATA_DIR, content_hash, load
from assistant.knowledge.schema import SEEDS

# The acronyms of the seeds' index (shared/seeds/INDEX.md) and of seed 003's glossary.
SEED_ACRONYMS = ["AME", "ASE", "ATDA", "CCAS", "CMS", "CPAM", "CSS", "C2S", "DSUV", "MisAS", "MNA", "OQTF",
                 "PASS", "PUMa", "GUDA", "TDS", "CEAM", "ALD", "CMU-C", "ACS", "NIA", "NTT"]


def _spellings(kb) -> dict[str, str]:
    return {s: t["id"] for t in kb.glossary.values() for s in (t["term"], *t["aliases"])}


@pytest.mark.parametrize("acronym", SEED_ACRONYMS)
def test_every_acronym_of_the_seeds_is_in_the_glossary(kb, acronym):
    assert acronym in _spellings(kb)


def test_every_entry_is_in_french_and_english_and_cites_a_seed(kb):
    for term in kb.glossary.values():
        for text in (term["expansion"], term["definition"]):
            assert text["fr"].strip() and text["en"].strip() and text["fr"] != text["en"], term["id"]
        assert any(s["doc"] in SEEDS for s in term["sources"]), term["id"]
    for faq in kb.faq.values():
        for text in (faq["question"], faq["answer"], *([faq["changed"]["now"]] if faq["changed"] else [])):
            assert text["fr"].strip() and text["en"].strip() and text["fr"] != text["en"], faq["id"]
        assert any(s["doc"] in SEEDS for s in faq["sources"]), faq["id"]


def test_the_faq_holds_the_seed_003_questions_and_the_seed_002_points(kb):
    cited = [s["doc"] for faq in kb.faq.values() for s in faq["sources"]]
    assert cited.count("003_0878086c2490f1ba.txt") >= 25
    assert cited.count("002_97c024bcee8fb120.txt") >= 12


def test_each_superseded_statement_of_the_knowledge_base_has_a_faq_answer_saying_so(kb):
    superseded = {item_id for item_id, item in kb.items.items() if any(v["superseded_by"] for v in item["versions"])}
    changed = {faq["changed"]["item"]: faq for faq in kb.faq.values() if faq["changed"]}
    assert superseded and superseded <= set(changed)
    for item_id in superseded:
        change = changed[item_id]["changed"]
        since = date.fromisoformat(change["since"])
        before, after = kb.version(item_id, since - timedelta(days=1)), kb.version(item_id, since)
        assert before["superseded_by"] and not after["superseded_by"], item_id
        assert [(s["doc"], s["ref"]) for s in change["by"]] == [(s["doc"], s["ref"]) for s in before["superseded_by"]]


@pytest.mark.parametrize("faq_id, old, now", [
    ("ame_retroactivity", "dans le mois qui suit", "90 jours"),
    ("css_decision_time", "deux mois", "31 jours"),
    ("misas_ame", "répondait non", "bénéficiaires de l'AME"),
])
def test_changed_answers_keep_the_old_one_and_give_the_current_rule(kb, faq_id, old, now):
    faq = kb.faq[faq_id]
    assert old in faq["answer"]["fr"] and now in faq["changed"]["now"]["fr"]


def test_glossary_and_faq_are_part_of_the_content_hash(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = content_hash(copy)
    path = copy / "glossary.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Aide médicale de l'État", "Aide médicale d'État", 1),
                    encoding="utf-8")
    assert content_hash(copy) != before


@pytest.fixture
def data_copy(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.parametrize("file, old, new, expected", [
    ("faq.yaml", '      en: "How long does the CPAM take to process an AME request?"\n', "",
     "faq.yaml: entries > [0] ame_processing_time > question > en: Field required"),
    ("glossary.yaml", "    expansion: {fr: \"Aide médicale de l'État\", en: \"State medical aid (Aide médicale de l'État)\"}",
     "    expansion: {fr: \"Aide médicale de l'État\"}", "glossary.yaml: terms > [0] ame > expansion > en: Field required"),
    ("glossary.yaml", "      - *acr003\n      - {doc: 003_0878086c2490f1ba.txt, ref: \"§ I – L'Aide Médicale d'Etat\"}",
     "      - {doc: 010_missing.txt, ref: x}", "glossary.yaml : ame : sources : document source inconnu '010_missing.txt'"),
    ("glossary.yaml", "    aliases: [PUMA, Puma]", "    aliases: [PUMA, AME]", "glossary.yaml : puma : 'AME' est déjà une graphie de ame"),
    ("faq.yaml", "      item: ame.processing", "      item: ame.processing_time",
     "faq.yaml : ame_processing_time : changed > item : élément inconnu de la base 'ame.processing_time'"),
    ("faq.yaml", "      since: 2022-07-28\n      by: [*s001mis, *s000mis]", "      since: 2022-07-28\n      by: [*s001]",
     "faq.yaml : misas_ame : changed > by : ce n'est pas la source qui a remplacé misas.serves_ame"),
    ("faq.yaml", "      since: 2020-11-01", "      since: 2020-11-31", "faq.yaml: entries > [35] ame_retroactivity > changed > since"),
    ("synonyms.yaml", "  - [photo, photos, photo d'identité, photograph]", "  - [photo]", "synonyms.yaml: groups > 25: List should have at least 2 items"),
])
def test_a_corrupted_glossary_or_faq_is_named_with_its_field(data_copy, file, old, new, expected):
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError) as e:
        load(data_copy, cache_dir=None)
    assert str(e.value).startswith(expected), str(e.value)


def test_a_knowledge_base_without_glossary_or_faq_still_loads(data_copy):
    for name in ("glossary.yaml", "faq.yaml", "synonyms.yaml"):
        (data_copy / name).unlink()
    kb = load(data_copy, cache_dir=None)
    assert kb.glossary == {} and kb.faq == {} and kb.synonyms == []
