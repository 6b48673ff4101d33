"""How an assessment reads on the result card: dates in full, sources as titles, the directory's
contacts under requests and referrals; and the deadlines as an iCalendar file."""

from datetime import date, datetime, timezone

from assistant.dialogs import ics
from assistant.dialogs.outcome import sections, status_line
from assistant.directory.lookup import Directory
from assistant.knowledge.base import format_source

SOURCE = [{"doc": "000_af8b0dd11f2dd870.txt", "ref": "Annexe 2 – Aide médicale de l'Etat"}]
ASSESSMENT = {
    "kb_version": "test",
    "coverages": [{"id": "ame", "status": "eligible", "effective_date": "2021-04-10", "eligible_from": None,
                   "until": "2022-04-21", "participation_monthly": None, "reasons": ["Hospitalisé le 10/04/2021."],
                   "missing": [], "sources": SOURCE}],
    "documents": [{"id": "identity", "for": ["ame"], "label": "Justificatif d'identité",
                   "alternatives": ["Passeport"], "second_intention": ["Permis de conduire"], "sources": SOURCE}],
    "referrals": [{"id": "pass", "reasons": ["Sans couverture <ouverte>."], "sources": SOURCE}],
    "deadlines": [{"id": "ame_decision", "date": "2021-05-22", "label": "AME : décision attendue, au plus tard; le 22/05/2021.",
                   "sources": SOURCE}],
    "warnings": [],
}
PASS = {"source": "t", "id": "t--pass", "structure_id": "t--ch", "nom": "PASS de l'hôpital Test",
        "zone_eligibilite": ["93"], "telephone": "+33199000105", "horaires_accueil": "Mo-Fr 09:00-16:00"}


def test_status_line_gives_dates_in_full():
    assert status_line(ASSESSMENT["coverages"][0]) == (
        "Peut être demandée, droits à partir du 10 avril 2021, jusqu'au 21 avril 2022")
    assert status_line({"status": "eligible", "participation_monthly": 0}) == "Peut être demandée, gratuite"


def test_sources_are_shown_as_issuer_document_year_and_section_never_a_file_name():
    assert format_source(SOURCE[0]) == ("ARS Île-de-France, cahier des charges du dispositif PASS de ville, 2025, "
                                      "Annexe 2 – Aide médicale de l'Etat")
    assert format_source({"doc": "css_r861_3", "ref": "art. R861-3"}) == "Code de la sécurité sociale, art. R861-3"
    assert format_source({"doc": "009_unknown.txt", "ref": "§ 4"}) == "§ 4"
    assert format_source({"doc": "009_unknown.txt", "ref": ""}) == "source non répertoriée"
    assert format_source({"doc": "x", "ref": "§ 2"}, {"x": "Cnam, réunion, 2020"}) == "Cnam, réunion, 2020, § 2"


def test_sections_skip_what_is_empty():
    titles = [t for t, _ in sections(ASSESSMENT, [], {})]
    assert titles == ["Droits", "Pièces à fournir", "Orientations", "Dates à retenir"]


def test_the_card_shows_the_directory_contact_of_a_referral_or_says_there_is_none():
    found = dict(sections(ASSESSMENT, [], {}, Directory({"services": [PASS]}, "93")))
    referral = found["Orientations"][0]
    assert referral.details[1:] == ["Contact : PASS de l'hôpital Test", "  Tél. 01 99 00 01 05",
                                    "  Horaires : lun.–ven. 9 h–16 h"]
    request = found["Droits"][0]
    assert request.details[-1] == ("Aucun contact dans l'annuaire local pour le département 93 "
                                   "(Accueil de la CPAM) ; pour en ajouter : python -m assistant directory import FICHIER.")
    elsewhere = dict(sections(ASSESSMENT, [], {}, Directory({"services": [PASS]}, "75")))
    assert elsewhere["Orientations"][0].details[-1].startswith(
        "Aucun contact dans l'annuaire local pour le département 75 (PASS de ville, PASS hospitalière)")


def test_ics_events_are_all_day_escaped_and_folded():
    text = ics.calendar([(date(2021, 5, 22), "AME : décision; attendue, " + "x" * 80, "Source : a")],
                        stamp=datetime(2021, 4, 22, 10, 0, tzinfo=timezone.utc))
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "DTSTART;VALUE=DATE:20210522" in lines and "DTEND;VALUE=DATE:20210523" in lines
    assert "DTSTAMP:20210422T100000Z" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:AME : décision\\; attendue\\, " + "x" * 80 + "\r\n" in unfolded
