from datetime import date

import pytest

from assistant import i18n


@pytest.mark.parametrize("day, full, short", [
    (date(2024, 3, 12), "mardi 12 mars 2024", "12 mars 2024"),
    (date(2025, 3, 1), "samedi 1er mars 2025", "1er mars 2025"),
    (date(2021, 8, 15), "dimanche 15 août 2021", "15 août 2021"),
])
def test_french_dates_in_full(day, full, short):
    assert i18n.long_date(day) == full
    assert i18n.short_date(day) == short


def test_euros_with_plain_spaces():
    assert i18n.euros(10339.5) == "10 339,50 €"
    assert i18n.euros(9600.0) == "9 600 €"


def test_english_falls_back_to_the_french_source_until_translated():
    try:
        i18n.set_language("en")
        assert i18n.long_date(date(2024, 3, 12)) == "Tuesday, March 12, 2024"
        assert i18n._("Je ne sais pas") == "Je ne sais pas"
    finally:
        i18n.set_language("fr")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.set_language("de")
