"""The activity report, and that erasure and purge leave it unchanged."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from assistant.store.errors import InvalidValue
from assistant.store.report_format import render

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def _figures(report) -> dict:
    return {i["id"]: i["value"] if i["breakdown"] is None else i["breakdown"] for i in report["indicators"]}


@pytest.fixture
def activity(log, clock, situation):
    """A year at a PASS: three people followed in 2025, one from 2024 seen last in 2024."""
    clock.set(date(2024, 6, 1))
    old = log.create_case(initials="OL")
    log.save_answer(old, "age", 50, situation={"person": {"age": 50, "sex": "M"}, "coverage": {"puma": "open"}})

    clock.set(date(2025, 1, 10))
    ame = log.create_case(initials="QZXW")
    log.save_answer(ame, "sex", "F", situation=situation)
    log.update_request(ame, "ame", "filed", on=date(2025, 1, 10), via_pass=True)
    log.record_transmission(ame, on=date(2025, 1, 14))
    log.update_request(ame, "ame", "documents_requested", on=date(2025, 1, 30))
    log.refer(ame, "misas")
    clock.set(date(2025, 3, 5))
    log.update_request(ame, "ame", "granted", on=date(2025, 3, 5), granted_from=date(2025, 1, 10))

    clock.set(date(2025, 2, 1))
    css = log.create_case(initials="CS")
    log.save_answer(css, "age", 17, situation={"person": {"age": 17, "sex": "M"},
                                               "coverage": {"puma": "open", "complementary": "none"}})
    log.update_request(css, "css", "filed", on=date(2025, 2, 1))
    log.refer(css, "service_social")  # then nobody sees them again: lost to follow-up

    clock.set(date(2025, 11, 20))
    refused = log.create_case()
    log.update_request(refused, "puma", "filed", on=date(2025, 11, 20))
    log.update_request(refused, "puma", "refused", on=date(2025, 12, 20))
    clock.set(date(2026, 1, 5))
    return {"old": old, "ame": ame, "css": css, "refused": refused}


EXPECTED = {
    "file_active": 3,
    "file_active.age_band": {"0-17": 1, "25-39": 1, "inconnu": 1},
    "file_active.sex": {"F": 1, "M": 1, "inconnu": 1},
    "file_active.coverage_at_entry": {"none": 1, "puma": 1, "inconnu": 1},
    "new_cases": 3,
    "requests.filed": {"ame": 1, "css": 1, "puma": 1},
    "requests.outcomes": {"ame.documents_requested": 1, "ame.granted": 1, "css.documents_requested": 0,
                          "css.pending": 1, "puma.documents_requested": 0, "puma.refused": 1},
    "referrals.misas": 1,
    "referrals.service_social": 1,
    "referrals.made": {"misas": 1, "service_social": 1, "pass": 0, "domiciliation": 0},
    "referrals.not_made": {"misas": 0, "service_social": 0, "pass": 0, "domiciliation": 0},
    "delay.decision": {"ame": {"mean_days": 50.0, "count": 1}, "puma": {"mean_days": 30.0, "count": 1}},
    "delay.pass_transmission": {"mean_days": 4.0, "count": 1},
    "lost_to_follow_up": 1,
}


def test_yearly_report(log, activity):
    report = log.report(*YEAR)
    assert _figures(report) == EXPECTED
    assert all({s["doc"] for s in i["sources"]} <= {"000_af8b0dd11f2dd870.txt", "001_7b69e7b19a2c174c.txt"}
               for i in report["indicators"])  # traced by file in JSON, shown as titles
    assert all(i["source"].startswith(("ARS Île-de-France, cahier des charges", "DGOS, note d'information"))
               and ".txt" not in i["source"] for i in report["indicators"])


def test_statuses_are_taken_at_the_end_of_the_period(log, activity):
    figures = _figures(log.report(date(2025, 1, 1), date(2025, 2, 28)))
    assert figures["requests.outcomes"]["ame.pending"] == 1  # granted only on 5 March
    assert figures["delay.decision"] == {}


def test_erase_and_purge_leave_the_report_unchanged(log, activity, clock):
    before = log.report(*YEAR)
    log.erase(activity["ame"])
    clock.set(date(2027, 3, 1))
    assert log.purge(older_than_months=24) == 2  # old (2024) and css (Feb 2025)
    assert log.report(*YEAR) == before
    remaining = [c["id"] for c in log.list_cases(include_closed=True)]
    assert remaining == [activity["refused"]]


def test_erase_keeps_no_personal_data(log, activity, db_path):
    log.add_note(activity["ame"], "Mme Zaïa Benali, hébergée chez sa soeur")
    log.erase(activity["ame"])
    log.close()
    raw = b"".join(p.read_bytes() for p in db_path.parent.glob("cases.db*"))
    assert b"Benali" not in raw and "hébergée".encode() not in raw
    assert b'"AM"' not in raw and activity["ame"].encode() not in raw


def test_empty_period_is_refused(log):
    with pytest.raises(InvalidValue):
        log.report(date(2025, 2, 1), date(2025, 1, 1))


def test_formats_carry_the_same_figures(log, activity):
    report = log.report(*YEAR)
    assert json.loads(render(report, "json")) == report
    rows = list(csv.DictReader(io.StringIO(render(report, "csv").removeprefix("\ufeff")), delimiter=";"))
    lost = next(r for r in rows if r["indicateur"] == "lost_to_follow_up")
    assert {"catégorie": "", "valeur": "1"}.items() <= lost.items()
    assert {"indicateur": "demonstrations", "valeur": "0"}.items() <= rows[-1].items()
    assert {r["source"] for r in rows} >= {i["source"] for i in report["indicators"]}
    assert next(r for r in rows if r["catégorie"] == "ame.mean_days")["valeur"] == "50,0"


def test_the_csv_opens_in_a_french_spreadsheet_and_holds_no_formula(log, activity):
    report = log.report(*YEAR)
    report["indicators"][0]["label"] = "=HYPERLINK(\"http://x\")"
    report["indicators"][1]["label"] = "-2+3"
    text = render(report, "csv")
    assert text.startswith("\ufeffindicateur;libellé;catégorie") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    labels = {row[1] for row in rows}
    assert "'=HYPERLINK(\"http://x\")" in labels and "'-2+3" in labels
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    text = render(report, "text")
    assert text.startswith("Rapport d'activité du 01/01/2025 au 31/12/2025")
    assert "Personnes perdues de vue : 1" in text and "AME / pièces demandées" in text
