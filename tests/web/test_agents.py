"""Agents and personal codes: stored salted and hashed, owner-only, checked entry by entry; `config agent`."""

from __future__ import annotations

import json
import stat

import pytest
from click.testing import CliRunner

from assistant.agents import AgentsError, add_agent, check, load_agents, remove_agent
from assistant.config_cli import config


@pytest.fixture
def agents_file(tmp_path):
    return tmp_path / "data" / "agents.json"


def test_a_personal_code_is_kept_only_as_a_salted_digest(agents_file):
    add_agent("MARIE", "marie-code-1", agents_file)
    add_agent("PAUL", "marie-code-1", agents_file)  # the same code gives another digest
    text = agents_file.read_text(encoding="utf-8")
    assert "marie-code-1" not in text
    stored = json.loads(text)
    assert stored["MARIE"]["digest"] != stored["PAUL"]["digest"]
    assert stored["MARIE"]["salt"] != stored["PAUL"]["salt"]
    assert stat.S_IMODE(agents_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(agents_file.parent.stat().st_mode) == 0o700


def test_check_gives_the_agent_code_as_stored_whatever_its_case(agents_file):
    add_agent("Marie.D", "marie-code-1", agents_file)
    agents = load_agents(agents_file)
    assert check(agents, "MARIE.D", "marie-code-1") == "Marie.D"
    assert check(agents, " marie.d ", "marie-code-1") == "Marie.D"
    assert check(agents, "Marie.D", "Marie-code-1") is None  # personal codes are exact
    assert check(agents, "PAUL", "marie-code-1") is None
    assert check(agents, "Marie.D", "") is None


@pytest.mark.parametrize(("code", "personal", "words"), [
    ("MA RIE", "marie-code-1", "lettres, chiffres"),
    ("x" * 33, "marie-code-1", "32 au plus"),
    ("MARIE", "court", "de 8 à 128 caractères"),
    ("MARIE", "x" * 129, "de 8 à 128 caractères"),
    ("MARIE", "marie-code\n", "imprimables"),
    ("MARIE", "        ", "imprimables"),
    ("MARIE123", "marie123", "différer du code agent"),
])
def test_bad_codes_are_refused_and_nothing_is_written(agents_file, code, personal, words):
    with pytest.raises(AgentsError, match=words):
        add_agent(code, personal, agents_file)
    assert not agents_file.exists()


def test_an_agent_is_added_once_then_replaced_on_purpose(agents_file):
    add_agent("MARIE", "marie-code-1", agents_file)
    with pytest.raises(AgentsError, match="existe déjà"):
        add_agent("marie", "marie-code-2", agents_file)
    add_agent("marie", "marie-code-2", agents_file, replace=True)
    agents = load_agents(agents_file)
    assert list(agents) == ["MARIE"]  # the code as first added: cases stay attributed to it
    assert check(agents, "MARIE", "marie-code-2") == "MARIE"
    assert check(agents, "MARIE", "marie-code-1") is None


def test_removing_an_agent(agents_file):
    add_agent("MARIE", "marie-code-1", agents_file)
    add_agent("PAUL", "paul-code-22", agents_file)
    assert remove_agent("marie", agents_file) == "MARIE"
    assert list(load_agents(agents_file)) == ["PAUL"]
    with pytest.raises(AgentsError, match="agent inconnu"):
        remove_agent("MARIE", agents_file)


@pytest.mark.parametrize(("content", "words"), [
    ("{", "fichier endommagé (JSON attendu)"),
    ("[]", "objet JSON attendu"),
    ('{"MA RIE": {}}', "code agent « MA RIE »"),
    ('{"MARIE": "x"}', "MARIE : objet JSON attendu"),
    ('{"MARIE": {"n": 16384}}', "MARIE : champs attendus"),
])
def test_a_damaged_file_names_the_file_and_the_agent(agents_file, content, words):
    agents_file.parent.mkdir(parents=True)
    agents_file.write_text(content, encoding="utf-8")
    with pytest.raises(AgentsError) as refused:
        load_agents(agents_file)
    assert str(refused.value).startswith(str(agents_file)) and words in str(refused.value)


@pytest.mark.parametrize(("field", "value", "words"), [
    ("n", 1000, "puissance de 2"),
    ("n", True, "entier positif"),
    ("r", 0, "entier positif"),
    ("n", 2**30, "coût trop élevé"),
    ("salt", "pas du base64!", "base64"),
    ("digest", "AAAA", "32 octets"),
    ("added_on", "hier", "AAAA-MM-JJ"),
])
def test_each_field_of_an_entry_is_checked(agents_file, field, value, words):
    add_agent("MARIE", "marie-code-1", agents_file)
    stored = json.loads(agents_file.read_text(encoding="utf-8"))
    stored["MARIE"][field] = value
    agents_file.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(AgentsError, match=words):
        load_agents(agents_file)


def test_config_agent_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    added = runner.invoke(config, ["agent", "add", "MARIE"], input="marie-code-1\nmarie-code-1\n")
    assert added.exit_code == 0 and "Agent MARIE enregistré" in added.output
    assert "marie-code-1" not in added.output  # typed without echo
    mismatch = runner.invoke(config, ["agent", "add", "PAUL"], input="paul-code-22\npaul-code-23\n"
                                                                        "paul-code-22\npaul-code-22\n")
    assert mismatch.exit_code == 0  # asked again until both agree
    listed = runner.invoke(config, ["agent", "list"])
    assert listed.exit_code == 0 and "MARIE" in listed.output and "PAUL" in listed.output
    assert "digest" not in listed.output and "salt" not in listed.output
    bad = runner.invoke(config, ["agent", "add", "MA RIE"])
    assert bad.exit_code == 2 and "lettres, chiffres" in bad.output and "Code personnel" not in bad.output
    again = runner.invoke(config, ["agent", "add", "marie"], input="marie-code-9\nmarie-code-9\n")
    assert again.exit_code == 2 and "--replace" in again.output and "Code personnel" not in again.output
    replaced = runner.invoke(config, ["agent", "add", "marie", "--replace"], input="marie-code-9\nmarie-code-9\n")
    assert replaced.exit_code == 0 and "Agent MARIE enregistré" in replaced.output
    removed = runner.invoke(config, ["agent", "remove", "paul"])
    assert removed.exit_code == 0 and "Agent PAUL retiré" in removed.output
    assert list(load_agents(tmp_path / "data" / "agents.json")) == ["MARIE"]
    empty = tmp_path / "empty"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(empty))
    assert "Aucun agent" in runner.invoke(config, ["agent", "list"]).output
