"""What `cases add` records (as the app does), referrals proposed then made with `cases refer`,
the assessment's deadlines in `cases due`, case numbers in any letter case, demonstrations."""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

from assistant.cli import cli
from assistant.store.caselog import CaseLog

# Evaluated on 2025-03-03: renounced care, health disrupting life, consent: MisAS recommended.
MISAS = {"person": {"age": 40}, "difficulties": ["rights", "renounced_care"],
         "coverage": {"regime_general": True, "puma": "open"},
         "social": {"health_impacts_life": True, "expressed_request": False},
         "housing": {"stable_address": False, "domiciliation": False}, "consent_to_referral": True}
# Sans papiers since October 2024, town care on 12 February 2025: AME retroactive if filed by 13 May.
AME_RETRO = {"person": {"nationality": "non_eu", "right_to_stay": "no", "age": 30, "sex": "F",
                        "irregular_since": "2024-10-03", "arrival_date": "2024-09-12"},
             "coverage": {"puma": "none", "ame": "none"}, "resources": {"annual": 9600},
             "care": {"care_date": "2025-02-12", "urgent_need": False, "vital_emergency": False}}


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DB", str(tmp_path / "cases.db"))

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def add(run, tmp_path):
    def add_situation(situation: dict, *options: str) -> str:
        path = tmp_path / "situation.json"
        path.write_text(json.dumps(situation))
        result = run("cases", "add", str(path), "--on", "2025-03-03", *options)
        assert result.exit_code == 0, result.stderr
        return result.stdout.strip()

    return add_situation


def _figures(run, *options) -> dict:
    today = date.today()
    out = run("report", "--from", f"{today.year}-01-01", "--to", today.isoformat(), "--format", "json", *options).stdout
    report = json.loads(out)
    return {i["id"]: i["value"] if i["breakdown"] is None else i["breakdown"] for i in report["indicators"]} | {
        "demonstrations": report["demonstrations"]}


def test_a_misas_recommendation_is_proposed_then_marked_made(run, add):
    case_id = add(MISAS)
    misas = next(r for r in json.loads(run("cases", "export", case_id).stdout)["referrals"] if r["kind"] == "misas")
    assert misas["status"] == "proposed" and misas["reasons"] and misas["referred_on"] is None
    figures = _figures(run)
    assert (figures["referrals.made"]["misas"], figures["referrals.not_made"]["misas"]) == (0, 1)

    made = run("cases", "refer", case_id.lower(), "misas", "--on", date.today().isoformat())
    assert made.exit_code == 0 and "MisAS : proposée le" in made.stdout and "faite le" in made.stdout
    figures = _figures(run)
    assert (figures["referrals.made"]["misas"], figures["referrals.not_made"]["misas"]) == (1, 0)
    assert figures["referrals.misas"] == 1 and figures["demonstrations"] == {"included": False, "cases": 0}
    assert "MisAS : proposée le" in run("cases", "show", case_id).stdout


def test_a_referral_made_without_proposal_is_counted_made(run, add):
    case_id = add(AME_RETRO)
    assert run("cases", "refer", case_id, "service_social").exit_code == 0
    referrals = json.loads(run("cases", "show", case_id, "--json").stdout)["referrals"]
    assert {"kind": "service_social", "status": "made", "proposed_on": None, "reasons": []}.items() <= referrals[-1].items()
    assert _figures(run)["referrals.made"]["service_social"] == 1


def test_every_deadline_of_the_assessment_is_a_due_date(run, add, tmp_path):
    case_id = add(AME_RETRO)
    case = json.loads(run("cases", "show", case_id, "--json").stdout)
    assert [d["deadline"] for d in case["due_dates"]] == [d["id"] for d in case["assessment"]["deadlines"]]
    assert [(r["kind"], r["status"], r["expected_from"]) for r in case["requests"]] == [("ame", "to_file", "2025-02-12")]
    due = run("cases", "due", "--on", "2025-03-03", "--days", "90")
    assert "13/05/2025" in due.stdout and "pour une prise en charge dès le 12 février 2025" in due.stdout
    assert "AME : décision attendue" in due.stdout and "transmission à la CPAM" in due.stdout
    # Once filed, the request's own dates take over from the assessment's forecasts.
    run("cases", "request", case_id, "ame", "filed", "--on", "2025-03-05")
    due = json.loads(run("cases", "due", "--on", "2025-03-05", "--days", "90", "--json").stdout)
    assert {d["id"] for d in due} == {"decision_expected", "implicit_refusal"}
    later = json.loads(run("cases", "due", "--on", "2025-11-01", "--days", "30", "--json").stdout)
    assert "ame_waiting_period_end" in {d["id"] for d in later}  # about the rights: kept once filed


def test_cases_add_writes_the_case_and_its_assessment_in_one_transaction(tmp_path, monkeypatch):
    from assistant.engine import evaluate
    from assistant.knowledge.loader import load
    from assistant.validation import parse_situation

    on = date(2025, 3, 3)
    assessment = evaluate(parse_situation(MISAS, on), on=on, kb=load())
    def crash(*args):  # the process dies after the case row is written, before its outcome
        raise OSError("disque arraché")

    with CaseLog(tmp_path / "cases.db") as log:
        monkeypatch.setattr(log, "_record_outcome", crash)
        with pytest.raises(OSError):
            log.add_case(assessment, MISAS)
        assert log.list_cases(include_closed=True) == []


def test_case_numbers_are_found_in_any_letter_case_and_unknown_ones_said_plainly(run, add):
    case_id = add(MISAS)
    for typed in (case_id.lower(), case_id.replace("-", ""), f" {case_id.lower()} "):
        assert run("cases", "show", typed).exit_code == 0, typed
        assert run("cases", "note", typed, "rappeler lundi").exit_code == 0
    unknown = run("cases", "show", "zzzz-zzzz")
    assert (unknown.exit_code, unknown.stderr) == (2, "Le dossier zzzz-zzzz n'existe pas.\n")


def test_cases_add_on_a_past_date_counts_but_a_demonstration_does_not(run, add, tmp_path):
    add(MISAS)  # --on 2025-03-03: a past consultation entered for real
    with CaseLog(tmp_path / "cases.db") as log:
        log.create_case(demo=True)
    figures = _figures(run)
    assert figures["file_active"] == 1 and figures["demonstrations"] == {"included": False, "cases": 1}
    text = run("report", "--from", f"{date.today().year}-01-01", "--to", date.today().isoformat()).stdout
    assert "1 consultation(s) de démonstration (--on) laissée(s) de côté." in text
    assert _figures(run, "--include-demo")["file_active"] == 2
