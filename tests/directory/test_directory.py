"""The local directory: data·inclusion exports imported (JSON, CSV), checked with data·inclusion's
own schema, kept for the site's département, and read as contacts for each need."""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys

import pytest

from assistant.directory.hours import in_words
from assistant.directory.importing import SAMPLE, import_files, read_records
from assistant.directory.lookup import Directory, load, phone_text
from assistant.directory.roles import roles_of
from assistant.directory.store import DirectoryError, read

CPAM = {"source": "dora", "id": "dora--cpam93", "nom": "CPAM de Seine-Test", "date_maj": "2024-05-02",
        "reseaux_porteurs": ["cpam"], "code_postal": "93000", "commune": "Testville", "adresse": "1 rue A",
        "telephone": "+33199000201"}
ACCUEIL = {"source": "dora", "id": "dora--accueil", "structure_id": "dora--cpam93", "nom": "Accueil du public",
           "description": "Accueil et dépôt des demandes.", "date_maj": "2024-05-02",
           "thematiques": ["difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"],
           "modes_mobilisation": ["se-presenter"], "horaires_accueil": "Mo-Fr 08:30-16:30; PH off"}
PASS_75 = {"source": "dora", "id": "dora--pass75", "structure_id": "dora--ch75", "nom": "PASS de l'hôpital Exemple",
           "description": "Permanence d'accès aux soins.", "date_maj": "2024-05-02", "zone_eligibilite": ["75"]}
ATELIER = {"source": "dora", "id": "dora--atelier", "structure_id": "dora--cpam93", "nom": "Atelier CV",
           "description": "Atelier d'écriture de CV.", "date_maj": "2024-05-02", "zone_eligibilite": ["93"]}


def test_each_need_is_recognised_from_the_names():
    cpam = {"nom": "CPAM de Seine-Test", "reseaux_porteurs": ["cpam"]}
    assert roles_of({"nom": "Accueil du public"}, cpam) == ["cpam_accueil"]
    assert roles_of({"nom": "Mission accompagnement santé"}, cpam) == ["misas"]
    assert roles_of({"nom": "PASS de ville"}, None) == ["pass_ville"]
    assert roles_of({"nom": "PASS du CH Delafontaine"}, None) == ["pass_hopital"]
    assert roles_of({"nom": "Passeport numérique"}, None) == []
    assert roles_of({"nom": "Service social"}, {"nom": "Mairie de Testville"}) == []
    assert roles_of({"nom": "Accueil du public"}, {"nom": "Mairie de Testville"}) == []


def test_a_json_export_is_checked_filtered_and_merged(tmp_path):
    export = tmp_path / "structures-services.json"
    export.write_text(json.dumps({"structures": [CPAM], "services": [ACCUEIL, PASS_75, ATELIER,
                                                                      {**ACCUEIL, "id": "dora--bad", "nom": "x"}]}))
    target = tmp_path / "data" / "directory.json"
    report = import_files([export], "93", target=target)
    assert (report.read, report.kept_services, report.by_role) == (5, 1, {"cpam_accueil": 1})
    assert report.refused == ["structures-services.json : enregistrement 5 (dora--bad) laissé de côté : "
                              "nom : String should have at least 3 characters"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    contact = Directory(read(target), "93").for_request()[0]
    assert contact.name == "Accueil du public – CPAM de Seine-Test"
    assert (contact.address, contact.phone) == ("1 rue A, 93000 Testville", "01 99 00 02 01")
    assert contact.hours == "lun.–ven. 8 h 30–16 h 30 ; fermé les jours fériés"
    assert contact.how == "Se présenter sur place."
    import_files([export], "93", target=target)  # the same file again: replaced, not doubled
    assert len(read(target)["services"]) == 1


@pytest.mark.parametrize("cell", ['["se-presenter","telephoner"]', "{se-presenter,telephoner}", "se-presenter,telephoner"])
def test_a_csv_export_with_lists_written_either_way(tmp_path, cell):
    export = tmp_path / "services.csv"
    with export.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["id", "source", "structure_id", "nom", "description", "date_maj", "zone_eligibilite",
                         "modes_mobilisation"])
        writer.writerow(["dora--misas", "dora", "dora--cpam93", "MisAS de la CPAM", "Accompagnement santé.",
                         "2024-05-02", "93", cell])
    (tmp_path / "structures.json").write_text(json.dumps([CPAM]))
    report = import_files([tmp_path / "structures.json", export], "93", target=tmp_path / "d.json")
    assert report.by_role == {"misas": 1}, report.refused
    assert read(tmp_path / "d.json")["services"][0]["modes_mobilisation"] == ["se-presenter", "telephoner"]


def test_unreadable_files_give_one_line(tmp_path):
    bad = tmp_path / "export.json"
    bad.write_text("{not json")
    with pytest.raises(DirectoryError, match=r"export.json : JSON illisible \(ligne 1\)"):
        read_records(bad)
    damaged = tmp_path / "directory.json"
    damaged.write_text("[]")
    assert "annuaire endommagé" in load("93", damaged).none_text(("misas",))


def test_hours_and_phones_in_words():
    assert in_words("Mo,Tu,Th 09:00-12:00,14:00-17:30; Sa off") == "lun., mar., jeu. 9 h–12 h, 14 h–17 h 30 ; sam. fermé"
    assert in_words("sunrise-sunset") == "sunrise-sunset"
    assert phone_text("01.99.00.01.01") == "01 99 00 01 01" and phone_text("+32 2 123 45 67") == "+32 2 123 45 67"


def test_the_sample_is_fictional_and_answers_every_need():
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    directory = Directory(data, "93")
    assert set(directory.by_role) == {"misas", "cpam_partenaires", "service_social", "pass_ville", "pass_hopital",
                                      "domiciliation", "interpretariat", "cpam_accueil"}
    for service in data["services"]:
        assert "(exemple fictif)" in service["nom"]
    phones = [r["telephone"] for r in data["structures"] + data["services"] if r.get("telephone")]
    assert phones and all(p.startswith("+3319900") for p in phones)  # 01 99 00 xx xx: reserved for fiction


def _cli(tmp_path, *args):
    env = os.environ | {"ASSISTANT_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run([sys.executable, "-m", "assistant", "directory", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_directory_commands(tmp_path):
    imported = _cli(tmp_path, "import", "--sample")
    assert imported.returncode == 0 and "9 services gardés pour le département 93" in imported.stdout
    assert "FICTIF" in imported.stdout
    listed = _cli(tmp_path, "list", "--departement", "93")
    assert "PASS de ville du centre municipal de santé de Fictiville (exemple fictif)" in listed.stdout
    elsewhere = _cli(tmp_path, "list", "--departement", "75")
    assert "Aucun contact dans l'annuaire local pour le département 75" in elsewhere.stdout
    checked = _cli(tmp_path, "validate", "--departement", "93")
    assert checked.returncode == 0 and "9 services, 0 problème." in checked.stdout
    no_dept = _cli(tmp_path, "import", str(SAMPLE))
    assert no_dept.returncode == 2 and "config set departement" in no_dept.stderr
    missing = _cli(tmp_path, "import", str(tmp_path / "absent.json"), "--departement", "93")
    assert missing.returncode == 1 and len(missing.stderr.splitlines()) == 1
