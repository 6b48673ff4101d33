"""`python -m assistant dialog --jsonl`, driven as a subprocess with the lines an agent types."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from agent_lines import AME_RETRO, MISAS, ON

from assistant.consultation import Consultation
from assistant.dialogs.engine import EngineAssess
from assistant.engine import evaluate
from assistant.knowledge.loader import load as load_kb
from assistant.store.caselog import CaseLog
from assistant.validation import parse_situation

ROOT = Path(__file__).resolve().parents[2]


def dialog(lines: list[str], *options: str, db: Path | None = None) -> tuple[int, list[dict], str]:
    """Run the command with these lines on stdin: (exit status, JSON lines out, stderr)."""
    args = [sys.executable, "-m", "assistant", "dialog", "--jsonl", "--on", ON.isoformat(), *options]
    if db is not None:
        args += ["--db", str(db)]
    done = subprocess.run(args, input="".join(f"{line}\n" for line in lines), capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert "Traceback" not in done.stderr
    return done.returncode, [json.loads(line) for line in done.stdout.splitlines()], done.stderr


def script(answers: dict, until: str | None = None) -> list[str]:
    """The lines typed for `answers`, found by replaying them in process (the same reading)."""
    consultation = Consultation.open(lambda on: EngineAssess(on), ON, record=False)
    lines = []
    while not consultation.done and consultation.question.id != until:
        lines.append(answers.get(consultation.question.id, "je ne sais pas"))
        assert consultation.say(lines[-1]).kind == "understood"
    return lines


def test_a_whole_consultation_is_recorded_as_the_app_records_it(tmp_path):
    db = tmp_path / "cases.db"
    lines = script(AME_RETRO)
    status, out, err = dialog([*lines, "une ligne de trop", "1"], db=db)
    assert (status, err) == (0, "")
    kinds = [o["type"] for o in out]
    assert kinds == ["question", "understood"] * len(lines) + ["result"]  # lines after the result are not read
    nationality = out[2]
    assert nationality == {"type": "question", "id": "nationality", "text": "Quelle est la nationalité de la personne ?",
                           "kind": "choice", "replies": [
                               {"key": "1", "label": "Française"}, {"key": "2", "label": "Union européenne, EEE ou Suisse"},
                               {"key": "3", "label": "Hors Union européenne"}, {"key": "4", "label": "Je ne sais pas"}]}
    assert {"type": "understood", "id": "annual_resources",
            "text": "800 € par mois, soit 9 600 € sur 12 mois"} in out
    age = next(o for o in out if o.get("id") == "age" and o["type"] == "question")
    assert age["kind"] == "number" and age["replies"] == [{"key": "1", "label": "Je ne sais pas"}]

    result = out[-1]
    with CaseLog(db) as log:
        case = log.get_case(result["case_id"])
        due = [(d.id, d.date.isoformat()) for d in log.due(load_kb(), on=ON, days=90)]
    assert result["assessment"] == case["assessment"]
    assert result["assessment"] == evaluate(parse_situation(case["situation"], ON), on=ON, kb=load_kb())
    assert list(case["answers"]) == [o["id"] for o in out if o["type"] == "understood"]
    assert ("ame_retro_filing_limit", "2025-05-13") in due
    assert case["demo"] == 1  # --on another day than today: a demonstration


def test_back_changes_the_previous_answer_and_keeps_the_later_ones(tmp_path):
    status, out, _ = dialog(["1", "hors UE", "sans papiers", "30", "femme", "/back", "/back", "31"], db=tmp_path / "c.db")
    assert status == 3
    edit = [o for o in out if o["type"] == "question"][-3:]
    assert [(o["id"], o.get("edit"), o.get("current")) for o in edit] == [
        ("sex", True, "Femme"), ("age", True, "30"), ("puma", None, None)]
    assert out[-2] == {"type": "understood", "id": "age", "text": "31"}
    with CaseLog(tmp_path / "c.db") as log:
        case = log.get_case(log.list_cases()[0]["id"])
    assert case["situation"]["person"] == {"nationality": "non_eu", "right_to_stay": "no", "age": 31, "sex": "F"}


def test_invalid_and_refused_lines_ask_the_same_question_again(tmp_path):
    lines = script({**AME_RETRO, "hospital_admission": "10/02/2025"}, until="hospital_discharge")
    status, out, _ = dialog([*lines, "martien", "01/02/2025", "/quit"], "--no-log")
    assert status == 3
    tail = out[-4:]
    assert [o["type"] for o in tail] == ["invalid", "question", "refused", "question"]
    assert all(o["id"] == "hospital_discharge" for o in tail)
    assert tail[0]["message"].startswith("Je n'ai pas compris la date")
    assert "entrée" in tail[2]["message"] or "admission" in tail[2]["message"]


def test_end_of_input_keeps_the_case_to_resume(tmp_path):
    db = tmp_path / "cases.db"
    status, out, err = dialog(["1", "hors UE", "sans papiers"], db=db)
    with CaseLog(db) as log:
        case_id = log.list_cases()[0]["id"]
    assert status == 3 and out[-1]["type"] == "question" and out[-1]["id"] == "age"
    assert err.count("\n") == 1 and case_id in err and "--case" in err
    with CaseLog(db) as log:
        resumed = Consultation.open(lambda on: EngineAssess(on), ON, log=log, case_id=case_id.lower())
        assert resumed.question.id == "age"


def test_no_log_records_nothing(tmp_path):
    status, out, err = dialog(script(MISAS), "--no-log", "--db", str(tmp_path / "cases.db"))
    assert status == 0 and out[-1]["type"] == "result" and out[-1]["case_id"] is None
    assert not (tmp_path / "cases.db").exists()
    status, _, err = dialog([], "--no-log")
    assert status == 3 and "rien n'a été enregistré" in err


def test_a_misas_recommendation_shows_as_a_proposed_referral_in_the_export(tmp_path):
    db = tmp_path / "cases.db"
    status, out, _ = dialog(script(MISAS), db=db)
    assert status == 0
    export = subprocess.run([sys.executable, "-m", "assistant", "cases", "--db", str(db), "export", out[-1]["case_id"]],
                            capture_output=True, text=True, cwd=ROOT, check=True).stdout
    misas = next(r for r in json.loads(export)["referrals"] if r["kind"] == "misas")
    assert misas["status"] == "proposed" and misas["reasons"]


@pytest.mark.parametrize("options, message", [
    (["--on", "2025-02-30"], "--on"),
    (["--lang", "de"], "--lang"),
])
def test_bad_options_are_one_line(options, message):
    status, out, err = dialog([], *options)
    assert status == 2 and out == [] and err.count("\n") == 1 and message in err


def test_a_damaged_case_log_is_one_line_and_exit_1(tmp_path):
    (tmp_path / "cases.db").write_bytes(b"not a database" * 100)
    status, out, err = dialog(["1"], db=tmp_path / "cases.db")
    assert status == 1 and err.count("\n") == 1 and "endommagée" in err
    assert [o["type"] for o in out] == ["question"]
