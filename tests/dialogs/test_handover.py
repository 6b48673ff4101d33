from datetime import date, datetime, timezone

from assistant.dialogs import handover, ics
from assistant.dialogs.outcome import sections, source_text, status_line

ON = date(2021, 4, 22)
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


def test_status_line_gives_dates_in_full():
    assert status_line(ASSESSMENT["coverages"][0]) == (
        "Peut être demandée, droits à partir du 10 avril 2021, jusqu'au 21 avril 2022")
    assert status_line({"status": "eligible", "participation_monthly": 0}) == "Peut être demandée, gratuite"


def test_source_names_file_and_section_once():
    assert source_text({"doc": "003.txt", "ref": "§ I – PUMa"}) == "003.txt § I – PUMa"
    assert source_text(SOURCE[0]) == "000_af8b0dd11f2dd870.txt § Annexe 2 – Aide médicale de l'Etat"


def test_sections_skip_what_is_empty():
    titles = [t for t, _ in sections(ASSESSMENT, [], {})]
    assert titles == ["Droits", "Pièces à fournir", "Orientations", "Dates à retenir"]


def test_markdown_slip_has_every_item_with_its_source_and_the_checklist():
    text = handover.markdown(ASSESSMENT, ON, [("Nationalité", "Hors Union européenne")], {"identity": False})
    assert "Consultation du jeudi 22 avril 2021." in text
    assert "- Nationalité : Hors Union européenne" in text
    assert "- [ ] Justificatif d'identité\n  - Au choix : Passeport\n  - À défaut (seconde intention) : Permis de conduire" in text
    assert text.count("Source : 000_af8b0dd11f2dd870.txt § Annexe 2") == 4
    assert "- 22 mai 2021 : AME : décision attendue" in text


def test_html_slip_is_escaped_and_printable():
    page = handover.html_page(ASSESSMENT, ON, [], {"identity": True})
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "Sans couverture &lt;ouverte&gt;." in page
    assert "☑ Justificatif d&#x27;identité" in page


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


def test_export_writes_the_three_files(tmp_path):
    paths = handover.export(tmp_path / "out", "fiche", ASSESSMENT, ON, [], {})
    assert sorted(p.name for p in paths) == ["fiche.html", "fiche.ics", "fiche.md"]
    assert "BEGIN:VEVENT" in (tmp_path / "out" / "fiche.ics").read_text(encoding="utf-8")


def test_exported_slips_are_readable_by_their_owner_only(tmp_path):
    import stat

    for path in handover.export(tmp_path, "fiche", ASSESSMENT, ON, [], {}):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
