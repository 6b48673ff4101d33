"""`python -m assistant cases ...` and `report`: outputs and exit statuses."""

from __future__ import annotations

import json
import logging
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SITUATION = {  # an AME situation (seed 000 Annexe 2, example 1), evaluated on 2021-04-22
    "application_date": "2021-04-22",
    "person": {"age": 35, "sex": "F", "nationality": "non_eu", "right_to_stay": "no",
               "arrival_date": "2020-06-01", "irregular_since": "2020-06-01"},
    "coverage": {"puma": "none", "complementary": "none", "ame": "none"},
    "resources": {"annual": 0, "household_size": 1, "territory": "metropole"},
    "care": {"hospital_admission": "2021-04-10"},
}


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DB", str(tmp_path / "cases.db"))

    def invoke(*args, input=None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def case_id(run, tmp_path):
    path = tmp_path / "situation.json"
    path.write_text(json.dumps(SITUATION))
    result = run("cases", "add", str(path), "--initials", "QZ", "--site", "CMS1", "--on", "2021-04-22")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def test_import_creates_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DB", str(tmp_path / "env.db"))
    import assistant.store.cli  # noqa: F401

    assert not (tmp_path / "env.db").exists()


def test_add_then_follow_up_then_due_and_report(run, case_id):
    shown = run("cases", "show", case_id, "--json")
    case = json.loads(shown.stdout)
    assert case["initials"] == "QZ" and case["kb_release"] and len(case["kb_hash"]) == 64
    assert [(r["kind"], r["status"]) for r in case["requests"]] == [("ame", "to_file")]

    filed = run("cases", "request", case_id, "ame", "filed", "--on", "2021-04-22", "--via-pass")
    assert filed.exit_code == 0 and "transmission par la PASS à la CPAM le 30/04/2021" in filed.stdout
    assert run("cases", "refer", case_id, "misas", "--on", "2021-04-23").exit_code == 0
    due = run("cases", "due", "--on", "2021-04-25", "--json")
    assert [(d["case_id"], d["id"], d["date"]) for d in json.loads(due.stdout)] == [
        (case_id, "pass_transmission", "2021-04-30")]
    assert run("cases", "request", case_id, "ame", "transmitted", "--on", "2021-04-26").exit_code == 0
    assert run("cases", "request", case_id, "ame", "granted", "--on", "2021-05-20", "--from", "2021-04-10").exit_code == 0

    report = json.loads(run("report", "--from", "2021-01-01", "--to", "2021-12-31", "--format", "json").stdout)
    figures = {i["id"]: i["value"] if i["breakdown"] is None else i["breakdown"] for i in report["indicators"]}
    assert figures["requests.outcomes"]["ame.granted"] == 1 and figures["referrals.misas"] == 1
    assert figures["delay.decision"] == {"ame": {"mean_days": 24.0, "count": 1}}
    text = run("cases", "show", case_id).stdout
    assert "AME : accordée" in text and "orientation : MisAS le 23/04/2021" in text


def test_recheck_shows_old_and_new_side_by_side(run, case_id, tmp_path):
    import sqlite3

    conn = sqlite3.connect(tmp_path / "cases.db")  # as if decided with an older base that said otherwise
    old = json.loads(conn.execute("SELECT assessment FROM case_state").fetchone()[0])
    next(c for c in old["coverages"] if c["id"] == "ame")["effective_date"] = "2021-04-22"
    conn.execute("UPDATE case_state SET assessment = ?", [json.dumps(old)])
    conn.execute("UPDATE cases SET kb_hash = 'older'")
    conn.commit()
    conn.close()
    result = run("cases", "recheck")
    assert result.exit_code == 0
    assert "1 dossier(s) réévalué(s), 1 changement(s)" in result.stdout
    assert "AME effective_date : 2021-04-22  ->  2021-04-10" in result.stdout
    assert "0 dossier(s) réévalué(s)" in run("cases", "recheck").stdout


def test_export_is_private_and_erase_forgets(run, case_id, tmp_path):
    out = tmp_path / "export.json"
    assert run("cases", "note", case_id, "frère joignable au 06").exit_code == 0
    done = run("cases", "export", case_id, "-o", str(out))
    assert done.exit_code == 0 and done.stdout.strip() == f"Dossier exporté : {out}"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    again = run("cases", "export", case_id, "-o", str(out))  # never written over: refused, the first kept
    assert again.exit_code == 1 and "existe déjà" in again.stderr and not (tmp_path / "export-2.json").exists()
    exported = json.loads(out.read_text())
    assert exported["case"]["id"] == case_id and exported["timeline"][-1]["data"]["text"] == "frère joignable au 06"
    assert run("cases", "erase", case_id, input="n\n").exit_code == 0
    assert run("cases", "show", case_id).exit_code == 0
    erased = run("cases", "erase", case_id, "--yes")
    assert erased.exit_code == 0 and "effacé" in erased.stdout
    gone = run("cases", "show", case_id)
    assert (gone.exit_code, gone.stderr.strip()) == (2, f"Le dossier {case_id} n'existe pas.")
    assert run("cases", "purge", "--older-than", "1", "--on", "2099-01-01", "--yes").stdout.strip() == "0 dossier(s) anonymisé(s)."


@pytest.mark.parametrize("args, status, message", [
    (["report", "--from", "2025-02-30", "--to", "2025-03-01"], 2, "--from : date impossible '2025-02-30'"),
    (["report", "--from", "01/01/2025", "--to", "2025-03-01"], 2, "--from : date '01/01/2025' : format attendu AAAA-MM-JJ"),
    (["report", "--from", "2025-03-01", "--to", "2025-01-01"], 2, "Période vide"),
    (["report", "--from", "2025-01-01", "--to", "2025-03-01", "--format", "xml"], 2, "Erreur : Valeur invalide pour '--format'"),
    (["cases", "show", "ABCD-EFGH"], 2, "Le dossier ABCD-EFGH n'existe pas."),
    (["cases", "request", "ABCD-EFGH", "ame", "accepted"], 2, "Erreur : Valeur invalide pour"),
    (["cases", "due", "--on", "tomorrow"], 2, "--on : date 'tomorrow'"),
])
def test_bad_input_is_one_line_and_exit_2(run, case_id, args, status, message):
    result = run(*args)
    assert result.exit_code == status
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1 and result.stdout == ""


def test_missing_damaged_and_read_only_databases(run, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 512)
    damaged = run("report", "--db", str(bad), "--from", "2025-01-01", "--to", "2025-12-31")
    assert damaged.exit_code == 1 and "endommagée" in damaged.stderr and "Traceback" not in damaged.output
    repaired = run("cases", "--db", str(bad), "repair")  # no page of a case log: no case known, none lost
    assert repaired.exit_code == 0 and "Copie de sauvegarde" in repaired.stdout and "0 sur 0" in repaired.stdout
    assert list(tmp_path.glob("bad.db.*.bak"))[0].read_bytes() == b"\x00garbage" * 512
    assert run("cases", "--db", str(bad), "list").stdout.strip() == "Aucun dossier."


def test_read_only_opening_reads_and_refuses_writes(run, case_id):
    assert case_id in run("cases", "--read-only", "list").stdout
    refused = run("cases", "--read-only", "note", case_id, "x")
    assert refused.exit_code == 1 and "lecture seule" in refused.stderr


def test_logs_hold_no_personal_data(run, case_id, caplog):
    caplog.set_level(logging.DEBUG)
    run("cases", "note", case_id, "Mme Zaïa Benali")
    run("cases", "erase", case_id, "--yes")
    run("cases", "purge", "--yes")
    assert caplog.records  # the store does log what it does...
    assert not any(s in caplog.text for s in ("Benali", "QZ", case_id))  # ...but never who


def test_entry_point_runs_without_traceback(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a db" * 100)
    result = subprocess.run([sys.executable, "-m", "assistant", "cases", "--db", str(bad), "list"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"La base {bad} est endommagée") and "Traceback" not in result.stderr


@pytest.mark.parametrize("args, output", [
    (["cases", "list"], "Aucun dossier."),
    (["cases", "due", "--on", "2025-06-01"], "Aucune échéance."),
    (["cases", "--read-only", "list", "--all"], "Aucun dossier."),
    (["report", "--from", "2025-01-01", "--to", "2025-12-31"], "File active"),
])
def test_a_fresh_data_folder_has_nothing_yet_and_stays_empty(tmp_path, monkeypatch, args, output):
    data = tmp_path / "fresh"
    monkeypatch.setenv("ASSISTANT_DB", str(data / "cases.db"))
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert output in result.stdout
    assert result.stderr.startswith("Aucun dossier encore enregistré")
    assert not data.exists()  # reading creates nothing


def test_a_fresh_data_folder_reports_zero_counts_in_json(tmp_path):
    env = {**os.environ, "ASSISTANT_DB": str(tmp_path / "fresh" / "cases.db")}
    result = subprocess.run([sys.executable, "-m", "assistant", "report", "--from", "2025-01-01", "--to",
                             "2025-12-31", "--format", "json"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    values = [i["value"] for i in report["indicators"] if i["value"] is not None]
    breakdowns = [n for i in report["indicators"] for n in (i["breakdown"] or {}).values()
                  if isinstance(n, int | float)]
    assert values and not any(values) and not any(breakdowns)
    assert not (tmp_path / "fresh").exists()


def test_report_without_a_period_covers_the_current_calendar_year(run, case_id):
    year = date.today().year
    whole = run("report", "--format", "json")
    assert whole.exit_code == 0
    assert json.loads(whole.stdout)["period"] == {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    assert whole.stderr.strip() == f"Période : du 1er janvier {year} au 31 décembre {year}."
    start_only = run("report", "--from", "2021-03-01", "--format", "json")
    assert json.loads(start_only.stdout)["period"] == {"from": "2021-03-01", "to": "2021-12-31"}
    assert start_only.stderr.strip() == "Période : du 1er mars 2021 au 31 décembre 2021."
    end_only = run("report", "--to", "2021-06-30", "--format", "json")
    assert json.loads(end_only.stdout)["period"] == {"from": "2021-01-01", "to": "2021-06-30"}
