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


@pytest.mark.parametrize("lang, day, amount, whole, count", [
    ("fr", "12 mars 2025", "10 339,50 €", "10 339 €", "10\xa0339"),
    ("en", "March 12, 2025", "€10,339.50", "€10,339", "10,339"),
])
def test_babel_writes_dates_amounts_and_numbers_for_the_locale(lang, day, amount, whole, count):
    assert i18n.short_date(date(2025, 3, 12), lang) == day
    assert (i18n.euros(10339.5, lang), i18n.euros(10339, lang), i18n.number(10339, lang)) == (amount, whole, count)


def test_english_is_translated_and_an_unknown_message_stays_in_its_source():
    try:
        i18n.set_language("en")
        assert i18n.long_date(date(2024, 3, 12)) == "Tuesday, March 12, 2024"
        assert i18n._("Je ne sais pas") == "I don't know"
        assert i18n._("Message absent du catalogue") == "Message absent du catalogue"
        assert i18n.ngettext("Je n'ai pas compris. Tapez 1 ou le texte de la réponse.",
                             "Je n'ai pas compris. Tapez un numéro de 1 à {n} ou le texte d'une réponse.", 3) \
            == "I didn't understand. Type a number from 1 to {n} or the text of an answer."
    finally:
        i18n.set_language("fr")


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language"):
        i18n.set_language("de")


@pytest.mark.parametrize("value, decimals", [(10339, 0), (13426.44, 2), (-5, 0), (0, 0), (1234567.5, 2), (9.6, 2),
                                             (100, 2), (999, 0), (1000, 0)])
def test_french_numbers_written_without_babel_are_babels(value, decimals):
    from babel.numbers import format_decimal

    pattern = "#,##0." + "0" * decimals if decimals else "#,##0.##"
    assert i18n.number(value, "fr", decimals) == format_decimal(value, format=pattern, locale="fr").replace("\u202f", "\xa0")
