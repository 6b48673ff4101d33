"""The scenario library: every rule family and tricky point covered, each scenario sound."""

from __future__ import annotations

import pytest

from assistant.knowledge.loader import load as load_kb
from assistant.training.check import check, reference
from assistant.training.grading import Conclusion, grade
from assistant.training.scenarios import FAMILIES, TOPICS, TrainingError, load

SCENARIOS = load()


def test_every_rule_family_and_tricky_point_has_a_scenario():
    assert {s.family for s in SCENARIOS} == set(FAMILIES)
    assert {t for s in SCENARIOS for t in s.topics} == set(TOPICS)


def test_every_scenario_gives_its_expected_outcome_and_is_told_in_both_languages():
    assert check(SCENARIOS, load_kb()) == []
    for s in SCENARIOS:
        assert s.story.en and s.teaching.en and s.title.en, s.id


def test_the_seeds_worked_examples_are_there():
    by_id = {s.id: s for s in SCENARIOS}
    assert by_id["ame-exemple-hospitalisation"].focus_date.isoformat() == "2021-04-10"  # 000 Annexe 2, example 1
    assert by_id["css-exemple-hospitalisation"].focus_date.isoformat() == "2022-04-01"  # 000 Annexe 2, CSS
    assert by_id["ame-exemple-refus-soins-urgents"].expected.coverages["dsuv"].status == "eligible"  # example 2


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_the_expected_conclusion_scores_full_marks(scenario):
    kb = load_kb()
    ref = reference(scenario, kb)
    conclusion = Conclusion(scenario.expected.focus, scenario.focus_date, frozenset(scenario.expected.documents),
                            frozenset(scenario.expected.referrals))
    result = grade(scenario, conclusion, ref, ref, kb)
    assert result.points == result.out_of == 5


def test_a_wrong_conclusion_is_explained_with_sources_as_titles():
    kb = load_kb()
    scenario = next(s for s in SCENARIOS if s.id == "ame-jour-des-trois-mois")
    ref = reference(scenario, kb)
    dialog = reference(scenario.model_copy(update={"date": scenario.date.replace(day=6)}), kb)
    result = grade(scenario, Conclusion("ame", scenario.date, frozenset(), frozenset({"misas"})), ref, dialog, kb)
    items = {i.key: i for i in result.items}
    assert items["coverage"].right and not items["date"].right
    assert items["date"].expected == "6 avril 2021"
    assert items["documents"].points == 0 and items["referrals"].points == 0
    assert not items["dialog"].right and any("ame.status" in line for line in items["dialog"].explanation)
    assert all(".txt" not in s for i in result.items for s in i.sources)
    assert result.teaching_source.startswith("FAS Île-de-France et CPAM de Paris")


def test_a_duplicate_id_or_unknown_source_is_refused(tmp_path):
    text = (load.__globals__["DATA_DIR"] / "scenarios.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(TrainingError, match="en double"):
        load(tmp_path)
    (tmp_path / "b.yaml").unlink()
    (tmp_path / "a.yaml").write_text(text.replace("doc: 003_0878086c2490f1ba.txt", "doc: 999.txt"), encoding="utf-8")
    with pytest.raises(TrainingError, match="999.txt"):
        load(tmp_path)
