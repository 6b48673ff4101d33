"""The gettext template holds every string of the code and of the dialog files."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
LOCALES = ROOT / "assistant" / "locales"


def test_messages_pot_is_up_to_date():
    method_map = [("assistant/**.py", "python"), ("assistant/dialogs/data/*.yaml",
                                                   "assistant.dialogs.extract:extract_dialogs")]
    found = {message if isinstance(message, str) else message[0]  # (singular, plural) for ngettext
             for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map=method_map)}
    with (LOCALES / "messages.pot").open("rb") as f:
        catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert found - catalog == set(), "run the pybabel extract command of assistant/locales/README.md"


def test_dialog_texts_are_in_the_catalog():
    with (LOCALES / "messages.pot").open("rb") as f:
        catalog = {m.id for m in read_po(f) if m.id}
    assert "Quelle est la nationalité de la personne ?" in catalog
    assert "Sans titre de séjour" in catalog
    assert "Pourquoi ?" in catalog
