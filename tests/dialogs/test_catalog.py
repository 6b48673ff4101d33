"""The dialog texts reach the gettext template through the YAML extractor."""

from pathlib import Path

from babel.messages.pofile import read_po

TEMPLATE = Path(__file__).parents[2] / "locales" / "messages.pot"


def test_dialog_texts_are_in_the_catalog():
    with TEMPLATE.open("rb") as f:
        catalog = {m.id for m in read_po(f) if m.id}
    assert "Quelle est la nationalité de la personne ?" in catalog
    assert "Sans titre de séjour" in catalog
    assert "Pourquoi ?" in catalog
