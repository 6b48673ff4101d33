"""Site settings: each key checked with a message naming it, the file owner-only, `config` commands."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from assistant.site import SiteSettingsError, load_site, set_value


@pytest.fixture
def settings_file(tmp_path):
    return tmp_path / "data" / "settings.json"


def test_no_file_means_defaults(settings_file):
    settings = load_site(settings_file)
    assert settings.structure is None and settings.territory is None and settings.lang is None


@pytest.mark.parametrize(("key", "typed", "stored"), [
    ("structure", "  CMS   Louise Michel ", "CMS Louise Michel"),
    ("departement", "93", "93"),
    ("departement", "2a", "2A"),
    ("departement", "1", "01"),
    ("departement", "974", "974"),
    ("territory", "Outre-mer", "outre_mer"),
    ("territory", "métropole", "metropole"),
    ("site", "CMS-93.1", "CMS-93.1"),
    ("agent", "AG_12", "AG_12"),
    ("lang", "EN", "en"),
    ("export_dir", "/srv/fiches", "/srv/fiches"),
])
def test_values_are_read_as_typed(settings_file, key, typed, stored):
    assert set_value(key, typed, settings_file).values()[key] == stored
    assert load_site(settings_file).values()[key] == stored


@pytest.mark.parametrize(("key", "typed", "words"), [
    ("departement", "99", "département inconnu"),
    ("departement", "20", "département inconnu"),
    ("departement", "976", "Mayotte"),
    ("territory", "dom", "metropole ou outre_mer"),
    ("agent", "AG 12", "lettres, chiffres"),
    ("agent", "AG12\n", "lettres, chiffres"),
    ("site", "x" * 33, "32 au plus"),
    ("lang", "de", "fr, en"),
    ("export_dir", "fiches", "chemin absolu"),
    ("structure", "   ", "vide"),
])
def test_bad_values_are_refused_with_the_key_named(settings_file, key, typed, words):
    with pytest.raises(SiteSettingsError) as refused:
        set_value(key, typed, settings_file)
    assert str(refused.value).startswith(f"{key} : ") and words in str(refused.value)
    assert not settings_file.exists()  # nothing written


def test_territory_is_deduced_from_the_departement_and_must_agree(settings_file):
    assert set_value("departement", "972", settings_file).territory == "outre_mer"
    assert set_value("departement", "75", settings_file).territory == "metropole"
    with pytest.raises(SiteSettingsError, match="ne correspond pas"):
        set_value("territory", "outre_mer", settings_file)
    assert load_site(settings_file).territory == "metropole"  # the refused change left the file as it was


def test_unset_goes_back_to_the_default(settings_file):
    set_value("agent", "A1", settings_file)
    assert set_value("agent", None, settings_file).agent is None


def test_file_is_owner_only_whatever_the_umask(settings_file):
    old = os.umask(0)
    try:
        set_value("structure", "CMS", settings_file)
    finally:
        os.umask(old)
    assert stat.S_IMODE(settings_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings_file.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(("content", "words"), [
    (b"{not json", "fichier endommagé"),
    (b"\xff\xfe", "fichier endommagé"),
    (b"[1, 2]", "objet JSON attendu"),
    (json.dumps({"departement": "999"}).encode(), "departement : "),
    (json.dumps({"colour": "red"}).encode(), "colour : réglage inconnu"),
    (json.dumps({"agent": 12}).encode(), "agent : texte attendu"),
])
def test_a_damaged_file_names_the_file_and_the_key(settings_file, content, words):
    settings_file.parent.mkdir(parents=True)
    settings_file.write_bytes(content)
    with pytest.raises(SiteSettingsError) as refused:
        load_site(settings_file)
    assert str(settings_file) in str(refused.value) and words in str(refused.value)


def _config(tmp_path, *args):
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "assistant", "config", *args],
                          capture_output=True, text=True, env=env, timeout=60)


def test_config_commands(tmp_path):
    done = _config(tmp_path, "set", "departement", "93")
    assert done.returncode == 0 and done.stdout.strip() == "departement = 93"
    assert _config(tmp_path, "set", "structure", "CMS Louise Michel").returncode == 0
    shown = _config(tmp_path, "show")
    assert shown.returncode == 0
    assert "CMS Louise Michel" in shown.stdout and "metropole (déduit du département)" in shown.stdout
    as_json = json.loads(_config(tmp_path, "show", "--json").stdout)
    assert as_json["departement"] == "93" and as_json["territory_in_force"] == "metropole"
    refused = _config(tmp_path, "set", "departement", "976")
    assert refused.returncode == 2 and refused.stdout == "" and "Mayotte" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _config(tmp_path, "unset", "structure").returncode == 0
    assert json.loads(_config(tmp_path, "show", "--json").stdout)["structure"] is None
