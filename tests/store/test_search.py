"""History search: SQLite full-text search for words (ids, initials, notes, coverages),
rapidfuzz for typos only, and erasure that leaves nothing in the index."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.store import search
from assistant.store.caselog import CaseLog

ELIGIBLE_AME = {"coverages": [{"id": "ame", "status": "eligible"}, {"id": "puma", "status": "not_eligible"},
                              {"id": "css", "status": "not_eligible"}]}
OPEN_PUMA_CSS = {"coverages": [{"id": "puma", "status": "open"}, {"id": "css", "status": "eligible"},
                               {"id": "ame", "status": "not_eligible"}]}


@pytest.fixture
def cases(log, clock):
    """Four cases, oldest activity first: name -> id."""
    made = {}
    for day, (name, initials, note, assessment) in enumerate([
        ("pass", None, "Récépissé reçu, dossier déposé à la PASS", ELIGIBLE_AME),
        ("mint", "AB", None, None),
        ("sister", "CD", "Hébergée chez sa soeur ; rappeler lundi", OPEN_PUMA_CSS),
        ("prefecture", "AB", "Attend son récépissé de la préfecture", None),
    ], start=1):
        clock.set(date(2025, 3, day))
        made[name] = log.create_case(initials=initials)
        if note:
            log.add_note(made[name], note)
        if assessment:
            log.save_assessment(made[name], assessment)
    return made


def test_coverage_words_find_their_cases(log, cases):
    assert log.search("AME") == [cases["pass"]]
    assert log.search("css") == [cases["sister"]]  # eligible, with PUMa open
    assert log.search("puma") == [cases["sister"]]
    log.update_request(cases["mint"], "css", "filed", on=date(2025, 3, 5))
    assert set(log.search("CSS")) == {cases["sister"], cases["mint"]}
    log.refer(cases["prefecture"], "misas")
    assert log.search("misas") == [cases["prefecture"]]


def test_case_ids_in_any_case_with_or_without_dash_and_common_typos(log, cases):
    case_id = cases["sister"]
    assert log.search(case_id.lower()) == [case_id]
    assert log.search(case_id[:4]) == [case_id]
    assert log.search(case_id.replace("-", "")[:6].lower()) == [case_id]
    assert log.search(case_id[5:]) == [case_id]  # the second half alone
    typed = case_id.lower().replace("0", "o").replace("1", "l")
    assert log.search(typed) == [case_id]


def test_initials_exactly_most_recently_active_first_and_short_words_ignored(log, cases):
    assert log.search("ab") == [cases["prefecture"], cases["mint"]]
    assert log.search("AB préfecture") == [cases["prefecture"]]
    assert log.search("de la préfecture") == [cases["prefecture"]]  # "de", "la": no one's initials


def test_note_words_without_accents_as_prefixes_and_every_word_must_match(log, cases):
    assert log.search("recepisse") == [cases["prefecture"], cases["pass"]]
    assert log.search("recep") == [cases["prefecture"], cases["pass"]]  # typing as you go
    assert log.search("récépissé pass") == [cases["pass"]]
    assert log.search("préfecture inconnu") == []
    assert log.search("") == [] and log.search("  ") == []


def test_typos_are_found_by_rapidfuzz_only_when_no_word_starts_so(log, cases, monkeypatch):
    fuzzy = []
    original = search.process.extract
    monkeypatch.setattr(search.process, "extract", lambda word, *a, **k: fuzzy.append(word) or original(word, *a, **k))
    assert log.search("recepisse") == log.search("recep") == [cases["prefecture"], cases["pass"]]
    assert fuzzy == []  # words and prefixes are full-text matches
    assert log.search("rapeler") == [cases["sister"]]
    assert log.search("heberge soeur") == [cases["sister"]]
    assert log.search("recepise") == [cases["prefecture"], cases["pass"]]
    assert fuzzy == ["rapeler", "recepise"]


def test_a_note_added_later_is_found_at_once(log, cases):
    searcher = log.history_search()
    log.add_note(cases["mint"], "Interprète tamoul le 12")
    assert searcher.search("tamoul") == [cases["mint"]]


def test_erased_cases_are_not_found_and_their_words_leave_the_index(log, db_path, clock):
    kept = log.create_case(initials="XY")
    log.add_note(kept, "interprète tamoul")
    gone = log.create_case(initials="QZ")
    log.add_note(gone, "interprète zanzibarophone")
    log.save_assessment(gone, ELIGIBLE_AME)
    for _ in range(3):  # several FTS segments, as a log written day after day has
        log.add_note(kept, "rappeler lundi")
    log.erase(gone)
    clock.set(date(2025, 4, 1))
    assert log.search("tamoul") == [kept]
    assert log.search("zanzibarophone") == [] and log.search("QZ") == [] and log.search(gone) == []
    assert log.db.execute("SELECT count(*) FROM case_search").fetchone()[0] == 1
    log.close()
    raw = db_path.read_bytes() + (db_path.with_name(db_path.name + "-wal").read_bytes()
                                  if db_path.with_name(db_path.name + "-wal").exists() else b"")
    for trace in (b"zanzibarophone", b"anzibarophone", gone.encode(), gone.replace("-", "").lower().encode()):
        assert trace not in raw


def test_purge_leaves_nothing_searchable(log, clock):
    old = log.create_case(initials="OL")
    log.add_note(old, "ancien dossier zanzibarophone")
    clock.set(date(2028, 1, 1))
    recent = log.create_case(initials="RE")
    assert log.purge(older_than_months=24) == 1
    assert log.search("zanzibarophone") == [] and log.search("OL") == [] and log.search("RE") == [recent]


def test_a_read_only_log_can_be_searched_including_typos(log, db_path, cases):
    log.close()
    with CaseLog(db_path, read_only=True) as read_only:
        assert read_only.search("rapeler") == [cases["sister"]]
