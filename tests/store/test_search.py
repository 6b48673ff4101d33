"""History search: ids by prefix, initials, note words with typos and accents."""

from __future__ import annotations

from datetime import date

from assistant.store.search import SearchIndex

ROWS = [  # most recently active first
    ("K7Q2-M9XD", "AB", "Attend son récépissé de la préfecture"),
    ("0AB1-ZZZZ", "CD", "Hébergée chez sa soeur ; rappeler lundi"),
    ("M1NT-0000", "AB", ""),
    ("P4SS-1111", None, "Récépissé reçu, dossier AME déposé à la PASS"),
]


def test_id_prefix_with_or_without_dash_and_common_typos():
    index = SearchIndex(ROWS)
    assert index.search("K7Q2") == ["K7Q2-M9XD"]
    assert index.search("k7q2-m9") == ["K7Q2-M9XD"]
    assert index.search("OAB1") == ["0AB1-ZZZZ"]  # letter O typed for zero


def test_initials_exactly_and_most_recent_first():
    assert SearchIndex(ROWS).search("ab") == ["K7Q2-M9XD", "M1NT-0000"]


def test_note_words_ignore_accents_and_tolerate_typos():
    index = SearchIndex(ROWS)
    assert index.search("recepisse") == ["K7Q2-M9XD", "P4SS-1111"]
    assert index.search("rapeler") == ["0AB1-ZZZZ"]
    assert index.search("récépissé pass") == ["P4SS-1111"]  # every word must match
    assert index.search("préfecture inconnu") == []
    assert index.search("") == [] and index.search("de") == []


def test_index_from_the_case_log_leaves_out_erased_cases(log, clock):
    kept = log.create_case(initials="XY")
    log.add_note(kept, "interprète tamoul")
    gone = log.create_case(initials="XY")
    log.add_note(gone, "interprète tamoul")
    log.erase(gone)
    clock.set(date(2025, 4, 1))
    assert log.search_index().search("tamoul") == [kept]
    assert len(log.search_index()) == 1
