"""The gettext catalogs: up to date with the sources, translated where they must be, compiled.

Source strings of our code and data are French; the strings of click and argparse (extracted
from the installed libraries, see locales/libraries.txt) are English. So `fr` must translate
the library strings and the argument names, and `en` everything else.
"""

from __future__ import annotations

import gettext
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.util import pathmatch

from assistant.catalog_extract import ARGUMENT, LIBRARY
from assistant.catalogs import compile_catalogs, stale

ROOT = Path(__file__).parents[1]
LOCALES = ROOT / "locales"
HOW = "run the pybabel commands of locales/README.md"
# The command line: its help, its errors, the knowledge-base checks behind `kb validate`.
COMMAND_LINE = ["assistant/__main__.py", "assistant/cli.py", "assistant/cli_base.py", "assistant/evaluate_cli.py",
                "assistant/knowledge/cli.py", "assistant/knowledge/ask_cli.py", "assistant/knowledge/checks.py", "assistant/knowledge/compile.py",
                "assistant/knowledge/loader.py", "assistant/store/cli.py", "assistant/ui/cli.py", "assistant/directory/cli.py",
                "assistant/ui/crash.py", "assistant/training/cli.py", "assistant/training/check.py",
                "assistant/training/scenarios.py", "assistant/training/store.py", "assistant/training/summary.py",
                "assistant/training/topics.py", "assistant/knowledge/base.py"]


def _mapping():
    with (LOCALES / "babel.cfg").open() as f:
        return parse_mapping_cfg(f)


def _key(message) -> str:
    return message if isinstance(message, str) else message[0]  # (singular, plural) for ngettext


def _catalog(name: str):
    path = LOCALES / "messages.pot" if name == "pot" else LOCALES / name / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return read_po(f, locale=None if name == "pot" else name)


def _entries(catalog) -> dict:
    return {_key(m.id): m for m in catalog if m.id}


def _source_is_english(message) -> bool:
    return any(c.startswith(LIBRARY) for c in message.auto_comments)


def _untranslated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return message.fuzzy or not all(strings)


def test_messages_pot_is_up_to_date():
    method_map, options_map = _mapping()
    found = {_key(m) for _, _, m, _, _ in extract_from_dir(str(ROOT), method_map, options_map)}
    template = set(_entries(_catalog("pot")))
    assert found - template == set(), f"strings missing from locales/messages.pot: {HOW}"
    assert template - found == set(), f"strings no longer in the sources: {HOW}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_catalog_holds_the_template(lang):
    assert set(_entries(_catalog(lang))) == set(_entries(_catalog("pot"))), f"locales/{lang}: {HOW}"


def test_french_translates_the_library_strings_and_argument_names():
    entries = _entries(_catalog("fr")).values()
    needed = [m for m in entries if _source_is_english(m) or ARGUMENT in m.auto_comments]
    assert len(needed) > 100  # click's and argparse's strings are in the catalog
    assert [m.id for m in needed if _untranslated(m)] == []


def _command_line_strings() -> set[str]:
    method_map, options_map = _mapping()
    found = set()
    for path in COMMAND_LINE:
        pattern, method = next((p, m) for p, m in method_map if pathmatch(p, path))
        found |= {_key(m) for _, m, _, _ in extract_from_file(method, str(ROOT / path), options=options_map[pattern])}
    return found


def test_english_translates_every_command_line_string():
    entries = _entries(_catalog("en"))
    owned = _command_line_strings()
    assert len(owned) > 100
    missing = sorted(m for m in owned if not _source_is_english(entries[m]) and _untranslated(entries[m]))
    assert missing == [], f"{len(missing)} command-line strings lack English"


def test_english_translates_every_interface_string():
    entries = _entries(_catalog("en")).values()
    missing = [m.id for m in entries if not _source_is_english(m) and _untranslated(m)]
    assert missing == [], f"{len(missing)} interface strings lack English"


_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_translations_keep_their_placeholders(lang):
    """A translation uses the values the code passes (a plural form may leave the count out)."""
    for m in _catalog(lang):
        if not m.id or _untranslated(m):
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        allowed = {p for text in ids for p in _PLACEHOLDER.findall(text)}
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for string in strings:
            used = set(_PLACEHOLDER.findall(string))
            assert used <= allowed and (len(ids) > 1 or used == allowed), (lang, m.id, string)


def test_compiled_catalogs_translate_for_click_and_for_us(tmp_path):
    source = tmp_path / "locales"
    shutil.copytree(LOCALES, source)
    target = tmp_path / "compiled"
    written = compile_catalogs(source, target)
    assert sorted(p.relative_to(target).as_posix() for p in written) == [
        "en/LC_MESSAGES/messages.mo", "fr/LC_MESSAGES/messages.mo"]
    assert stale(source, target) == []
    french = gettext.translation("messages", target, languages=["fr"])
    assert french.gettext("Usage:") == "Utilisation :"
    assert french.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 3) == \
        "{value!r} n'est pas parmi {choices}."
    english = gettext.translation("messages", target, languages=["en"])
    assert english.gettext("Ajouter une note au dossier.") == "Add a note to the case."
    (source / "en" / "LC_MESSAGES" / "messages.po").touch()
    assert [p.parent.parent.name for p in stale(source, target)] == ["en"]


def test_cli_extractor_finds_the_texts_click_shows():
    from io import BytesIO

    from assistant.catalog_extract import extract_cli

    source = b'''
@group.command()
@click.argument("case_id")
@click.argument("kind", metavar="PRESTATION")
@click.option("--on", metavar="AAAA-MM-JJ", help="""Date de
    l'evenement.""")
def note(case_id):
    """Ajouter une note."""
    echo(_("Fait."))
'''
    found = {(message, tuple(comments)) for _, _, message, comments in extract_cli(BytesIO(source), ["_"], [], {})}
    assert found == {("Fait.", ()), ("Ajouter une note.", ()), ("Date de\nl'evenement.", ()),
                     ("AAAA-MM-JJ", ()), ("PRESTATION", ()), ("CASE_ID", (ARGUMENT,))}
