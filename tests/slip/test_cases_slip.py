"""`python -m assistant cases slip CASE --format pdf|html|md|ics [-o FILE]`, from the case log."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from assistant.directory.importing import SAMPLE, SAMPLE_DEPARTEMENT, import_files
from assistant.site import set_value
from assistant.store.caselog import CaseLog
from tests.slip.pdf_reader import read

SITUATION = json.loads((Path(__file__).parents[1] / "data" / "contract_examples" /
                        "p02-ame-retro-seed-example-1.json").read_text())


@pytest.fixture
def site(tmp_path, kb):
    """A data folder with settings, the sample directory, and one case with its assessment."""
    from assistant.engine import evaluate
    from assistant.validation import parse_situation

    data = tmp_path / "data"
    env = {"ASSISTANT_DATA_DIR": str(data), "ASSISTANT_DB": str(data / "cases.db")}
    set_value("departement", SAMPLE_DEPARTEMENT, data / "settings.json")
    set_value("structure", "CMS Louise Michel", data / "settings.json")
    set_value("export_dir", str(tmp_path / "fiches"), data / "settings.json")
    import_files([SAMPLE], SAMPLE_DEPARTEMENT, target=data / "directory.json")
    on = date.fromisoformat(SITUATION["on"])
    assessment = evaluate(parse_situation(SITUATION["situation"], on), on=on, kb=kb)
    with CaseLog(data / "cases.db") as log:
        case_id = log.create_case(agent="AG12")
        log.save_assessment(case_id, assessment, situation=SITUATION["situation"])
        empty_case = log.create_case()
    return env, case_id, empty_case, tmp_path


def _run(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", "cases", "slip", *args], capture_output=True,
                          env=os.environ | env, timeout=120)


def test_the_pdf_goes_to_the_export_folder_and_a_second_one_keeps_the_first(site):
    env, case_id, _, tmp_path = site
    first, second = _run(env, case_id), _run(env, case_id)
    assert first.returncode == second.returncode == 0, first.stderr
    paths = [tmp_path / "fiches" / f"fiche-{case_id}.pdf", tmp_path / "fiches" / f"fiche-{case_id}-2.pdf"]
    assert first.stdout.decode().strip() == f"Fiche enregistrée : {paths[0]}"
    assert second.stdout.decode().strip() == f"Fiche enregistrée : {paths[1]}"
    text = "\n".join(read(paths[0].read_bytes()))
    assert case_id in text and "AG12" in text and "Accueil de la CPAM de Fictiville" in text
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in paths)


@pytest.mark.parametrize("fmt, start", [("md", "# Fiche de liaison"), ("html", "<!DOCTYPE html>"),
                                        ("ics", "BEGIN:VCALENDAR")])
def test_text_formats_go_to_standard_output(site, fmt, start):
    env, case_id, _, _ = site
    done = _run(env, case_id, "--format", fmt)
    assert done.returncode == 0 and done.stdout.decode().startswith(start)
    assert ".txt" not in done.stdout.decode()


def test_an_output_file_is_never_written_over(site):
    """`-o FILE` names the very file to create (as `cases export -o`): an existing one is refused."""
    env, case_id, _, tmp_path = site
    target = tmp_path / "fiche.md"
    target.write_text("kept")
    done = _run(env, case_id, "--format", "md", "-o", str(target))
    assert done.returncode == 1 and target.read_text() == "kept" and not (tmp_path / "fiche-2.md").exists()
    assert done.stderr.decode() == f"{target} existe déjà : choisissez un autre nom (rien n'a été écrit).\n"
    fresh = tmp_path / "nouvelle.md"
    done = _run(env, case_id, "--format", "md", "-o", str(fresh))
    assert done.returncode == 0 and done.stdout.decode().strip() == f"Fiche enregistrée : {fresh}"
    assert fresh.read_text(encoding="utf-8").startswith("# Fiche de liaison")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


def test_a_case_without_a_result_or_unknown_says_so_in_one_line(site):
    env, _, empty_case, _ = site
    done = _run(env, empty_case)
    assert done.returncode == 2 and b"sans r\xc3\xa9sultat" in done.stderr and b"Traceback" not in done.stderr
    unknown = _run(env, "ZZZZ-ZZZZ")
    assert unknown.returncode == 2 and len(unknown.stderr.splitlines()) == 1
