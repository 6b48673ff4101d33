"""Bad input gets a short, plain message: codes with a newline, huge values, junk answers,
undecodable notes, and terminal escapes in notes shown escaped."""

from __future__ import annotations

import json

import pytest

from assistant.store.caselog import CaseLog
from assistant.store.errors import InvalidValue
from tests.faults.conftest import SITUATION, cli


@pytest.mark.parametrize("option", ["--agent", "--site"])
def test_codes_refuse_a_trailing_newline(tmp_path, situation_file, option):
    done = cli("cases", "add", situation_file, option, "CMS1\n", "--on", "2021-04-22",
               env={"ASSISTANT_DB": str(tmp_path / "cases.db")})
    assert done.returncode == 2 and "invalide" in done.stderr
    with CaseLog(tmp_path / "x.db") as log, pytest.raises(InvalidValue):
        log.create_case(agent="A1\n")


def test_a_huge_bad_value_is_not_echoed_whole(tmp_path):
    situation = {**SITUATION, "person": {**SITUATION["person"], "sex": "Z" * 1_000_000}}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(situation))
    done = cli("evaluate", path)
    assert done.returncode == 2 and "person.sex" in done.stderr
    assert len(done.stderr) < 400, len(done.stderr)


def test_a_huge_bad_date_is_not_echoed_whole(tmp_path, situation_file):
    env = {"ASSISTANT_DB": str(tmp_path / "cases.db")}
    assert cli("cases", "add", situation_file, "--on", "2021-04-22", env=env).returncode == 0
    done = cli("cases", "due", "--on", "9" * 100_000, env=env)
    assert done.returncode == 2 and len(done.stderr) < 400, len(done.stderr)


@pytest.mark.parametrize("junk", ["@SUM(1)", "=SUM(A1)", "@m", "sum(1)", "#h"])
def test_junk_is_not_read_as_an_answer(junk):
    from assistant.dialogs.parse import match_option

    sex = {"f": ["Femme", "femme", "f", "madame", "mme"], "m": ["Homme", "homme", "h", "monsieur", "m"],
           "x": ["Autre ou non précisé", "autre", "non precise", "x"]}
    assert match_option(junk, sex) is None
    assert [match_option(t, sex) for t in ("h", "Homme", "monsieur", "madame", "F")] == ["m", "m", "m", "f", "f"]


def test_a_note_that_is_not_utf8_is_refused_plainly(tmp_path, situation_file):
    env = {"ASSISTANT_DB": str(tmp_path / "cases.db")}
    case_id = cli("cases", "add", situation_file, "--on", "2021-04-22", env=env).stdout.strip()
    done = cli("cases", "note", case_id, b"caf\xe9".decode("utf-8", "surrogateescape"), env=env)
    assert done.returncode == 2, done.stderr
    assert "erreur interne" not in done.stderr and "UTF-8" in done.stderr


def test_terminal_escapes_in_a_note_are_shown_escaped(tmp_path, situation_file):
    env = {"ASSISTANT_DB": str(tmp_path / "cases.db")}
    case_id = cli("cases", "add", situation_file, "--on", "2021-04-22", env=env).stdout.strip()
    sneaky = "rappel\x1b]0;pwned\x07\x1b[2J\x9b31m\rfin\x7f"
    assert cli("cases", "note", case_id, sneaky, env=env).returncode == 0
    for args in (("cases", "show", case_id), ("cases", "export", case_id)):
        shown = cli(*args, env=env).stdout
        assert not any(c in shown for c in "\x1b\x07\x9b\r\x7f"), args
        assert "rappel" in shown and "fin" in shown
    exported = json.loads(cli("cases", "export", case_id, env=env).stdout)  # still valid JSON, same text
    assert sneaky in [e["data"]["text"] for e in exported["timeline"] if e["kind"] == "note"]
    with CaseLog(tmp_path / "cases.db") as log:  # stored as typed: nothing lost
        assert sneaky in [e["data"]["text"] for e in log.timeline(case_id) if e["kind"] == "note"]


def test_the_history_view_of_the_app_escapes_notes_too():
    from assistant.store import views

    case = {"id": "AB12-CD34", "initials": None, "opened_on": "2025-03-03", "last_activity_on": "2025-03-03",
            "closed_on": None, "agent": None, "site": None, "kb_release": None, "assessment": None,
            "requests": [], "referrals": [], "answers": {}}
    timeline = [{"at": "2025-03-03T10:00", "kind": "note", "data": {"text": "a\x1b[2Jb\x9bc"}}]
    text = views.case_detail(case, timeline)  # what the history screen (F4) shows
    assert "a\\x1b[2Jb\\x9bc" in text
