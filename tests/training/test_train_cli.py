"""`train check | list | summary` and `kb diff` from the command line."""

from __future__ import annotations

from datetime import datetime

import pytest
import yaml
from click.testing import CliRunner

from assistant.cli import cli
from assistant.knowledge.loader import load as load_kb
from assistant.training.check import reference
from assistant.training.grading import Conclusion, grade
from assistant.training.scenarios import DATA_DIR, load
from assistant.training.store import TrainingLog


def run(*args, env=None):
    return CliRunner().invoke(cli, ["--lang", "fr", *args], env=env)


def test_check_passes_on_the_bundled_library():
    result = run("train", "check")
    assert result.exit_code == 0, result.output
    assert f"les {len(load())} scénarios" in result.output


def test_check_lists_a_scenario_whose_expected_outcome_no_longer_matches(tmp_path):
    raw = yaml.safe_load((DATA_DIR / "scenarios.yaml").read_text(encoding="utf-8"))
    target = next(s for s in raw["scenarios"] if s["id"] == "perte-du-titre-45-jours")
    target["expected"]["coverages"]["ame"]["effective_date"] = "2025-07-15"  # as if the rule had changed
    target["expected"]["referrals"] = []
    (tmp_path / "scenarios.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = run("train", "check", "--scenarios", str(tmp_path / "scenarios.yaml"))
    assert result.exit_code == 1
    assert "perte-du-titre-45-jours" in result.output
    assert "ame.effective_date : 2025-07-15 → 2025-07-16" in result.output
    assert "orientations : — → pass" in result.output
    assert "ame-exemple-hospitalisation" not in result.output  # only the scenarios that no longer match


def test_check_refuses_a_broken_library_in_one_line(tmp_path):
    (tmp_path / "bad.yaml").write_text("scenarios:\n  - id: x\n    family: nope\n", encoding="utf-8")
    result = run("train", "check", "--scenarios", str(tmp_path / "bad.yaml"))
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "family" in result.output and "Traceback" not in result.output


def test_list_gives_each_scenario_with_its_family():
    result = run("train", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(load())
    assert any(line.startswith("europeen-inactif  [ame]  2025-06-01") and "européens inactifs" in line
               for line in lines)


def _attempt(log, session, scenario_id, coverage, day, when):
    kb = load_kb()
    scenario = next(s for s in load() if s.id == scenario_id)
    ref = reference(scenario, kb)
    conclusion = Conclusion(coverage, day, frozenset(scenario.expected.documents), frozenset(scenario.expected.referrals))
    log.record(session, grade(scenario, conclusion, ref, ref, kb), conclusion, done=when)


def test_summary_gives_each_session_and_the_score_by_family(tmp_path):
    path = tmp_path / "training.db"
    log = TrainingLog(path)
    alice = log.start_session("Alice", "G1", "kb", started=datetime(2026, 3, 2, 9, 0))
    _attempt(log, alice, "puma-trois-mois-de-residence", "puma", datetime(2025, 4, 5).date(), datetime(2026, 3, 2, 9, 10))
    _attempt(log, alice, "europeen-inactif", "puma", None, datetime(2026, 3, 2, 9, 20))  # wrong coverage, no date
    bob = log.start_session("Bob", "G2", "kb", started=datetime(2026, 3, 9, 9, 0))
    _attempt(log, bob, "europeen-inactif", "ame", datetime(2025, 6, 1).date(), datetime(2026, 3, 9, 9, 10))
    log.close()

    result = run("train", "summary", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert "2026-03-02 09:00  Alice (G1) : scénarios 2, 8 / 10 points, 80 %" in result.output
    assert "2026-03-09 09:00  Bob (G2) : scénarios 1, 5 / 5 points, 100 %" in result.output
    alice_row = next(line for line in result.output.splitlines() if line.startswith("Alice "))
    assert alice_row.split() == ["Alice", "100", "%", "—", "60", "%", "—", "—", "80", "%"]

    only_g2 = run("train", "summary", "--db", str(path), "--group", "G2")
    assert "Bob" in only_g2.output and "Alice" not in only_g2.output
    period = run("train", "summary", "--db", str(path), "--from", "2026-03-01", "--to", "2026-03-05")
    assert "Alice" in period.output and "Bob" not in period.output


def test_summary_without_a_training_log_says_so_and_creates_nothing(tmp_path):
    result = run("train", "summary", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 0
    assert "Aucune séance" in result.output
    assert not (tmp_path / "none.db").exists()


def test_summary_refuses_an_impossible_date(tmp_path):
    result = run("train", "summary", "--db", str(tmp_path / "t.db"), "--from", "2026-02-30")
    assert result.exit_code == 2 and "--from" in result.output


def test_kb_diff_shows_the_april_2025_ceiling_revaluation_with_its_sources():
    result = run("kb", "diff", "--from", "2024-06-01", "--to", "2025-06-01")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "css.free_ceiling" in out and "à partir du 1er avril 2025" in out
    assert "published_base : 10166 → 10339" in out
    assert "table.metropole.free : [10166, 15249, 18298, 21348] → [10339, 15508, 18609, 21711]" in out
    assert "source : Arrêté de mars 2025 (plafonds CSS/AME, +1,7 %), plafonds au 1er avril 2025" in out
    assert "source de l'ancienne version : Arrêté du 26 mars 2024" in out


def test_kb_diff_shows_a_superseded_rule_with_both_sources_as_titles():
    out = run("kb", "diff", "--from", "2020-10-01", "--to", "2020-12-01").output
    assert "ame.retro_window" in out and "à partir du 1er novembre 2020" in out
    assert "days : — → 90" in out
    assert "l'ancienne version est remplacée par : ARS Île-de-France" in out
    assert ".txt" not in out  # titles, never file names


def test_kb_diff_with_nothing_changing_and_bad_dates():
    assert "0 changement" in run("kb", "diff", "--from", "2025-08-01", "--to", "2025-12-01").output
    backwards = run("kb", "diff", "--from", "2025-06-01", "--to", "2024-06-01")
    assert backwards.exit_code == 2 and "--to" in backwards.output
    assert run("kb", "diff", "--from", "2025-13-01", "--to", "2025-12-01").exit_code == 2


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_train_help_in_both_languages(lang):
    result = CliRunner().invoke(cli, ["--lang", lang, "train", "--help"])
    assert result.exit_code == 0 and "summary" in result.output
