"""The command line speaks one language at a time: help and errors, ours and click's/argparse's.

French by default; `--lang en` (on any command, anywhere on the line) or ASSISTANT_LANG=en
gives English. The `assistant` script and `python -m assistant` are one entry point.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from assistant.catalog_extract import LIBRARY
from assistant.cli import cli
from assistant.i18n import set_language

ROOT = Path(__file__).parents[1]


def _command_paths(group: click.Group, ctx: click.Context, path=()):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if name in ("evaluate", "dialog"):  # argparse, tested below
            continue
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _command_paths(command, click.Context(command, parent=ctx, info_name=name), (*path, name))


COMMANDS = [((), cli), *_command_paths(cli, click.Context(cli, info_name="assistant"))]


def _template():
    with (ROOT / "locales" / "messages.pot").open("rb") as f:
        return [m for m in read_po(f) if m.id]


def _plain(text: str) -> bool:
    """A text that would show as is (no placeholder), long enough not to match by chance."""
    return len(text) > 12 and not re.search(r"[{}%]", text)


ENGLISH_SOURCES = {m.id for m in _template() if any(c.startswith(LIBRARY) for c in m.auto_comments)
                   and isinstance(m.id, str) and _plain(m.id)} | {"Usage:", "Commands:", "Options:"}
FRENCH_SOURCES = {m.id for m in _template() if not any(c.startswith(LIBRARY) for c in m.auto_comments)
                  and isinstance(m.id, str) and _plain(m.id) and " " in m.id}


@pytest.fixture
def in_language():
    def invoke(lang: str, *args: str):
        return CliRunner().invoke(cli, ["--lang", lang, *args], prog_name="assistant", catch_exceptions=False)

    yield invoke
    set_language("fr")


def test_every_command_takes_lang():
    assert all(any(p.name == "lang" for p in command.params) for _, command in COMMANDS)


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=lambda p: " ".join(p) or "assistant")
def test_help_is_wholly_in_the_chosen_language(in_language, path):
    french = in_language("fr", *path, "--help")
    english = in_language("en", *path, "--help")
    assert french.exit_code == english.exit_code == 0
    assert french.output.startswith("Utilisation : assistant") and "Afficher cette aide et quitter." in french.output
    assert english.output.startswith("Usage: assistant") and "Show this message and exit." in english.output
    assert [s for s in ENGLISH_SOURCES if s in french.output] == []
    assert [s for s in FRENCH_SOURCES if s in english.output] == []
    assert not re.search("[àâçéèêëîïôûùœ]", english.output), english.output


def _run(*args, **env):
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          timeout=60, env={**os.environ, **env}, cwd=ROOT)


@pytest.mark.parametrize("args, env, expected", [
    (["cases", "list", "--bogus"], {}, "Erreur : Option inconnue : '--bogus'."),
    (["cases", "list", "--bogus", "--lang", "en"], {}, "Error: No such option '--bogus'."),
    (["--lang", "en", "cases", "list", "--bogus"], {}, "Error: No such option '--bogus'."),
    (["cases", "list", "--bogus"], {"ASSISTANT_LANG": "en"}, "Error: No such option '--bogus'."),
    (["cases", "show"], {}, "Erreur : Argument manquant 'DOSSIER'."),
    (["cases", "show", "--lang=en"], {}, "Error: Missing argument 'CASE_ID'."),
    (["frobnicate"], {}, "Erreur : Commande inconnue : 'frobnicate'."),
    (["evaluate", "--lang", "en"], {}, "evaluate: give a SITUATION file (or -) or --batch FILE"),
    (["evaluate", "-", "--lang", "de"], {},
     "evaluate : argument --lang : choix invalide : 'de' (choisir parmi 'fr', 'en')"),
    (["cases", "list"], {"ASSISTANT_LANG": "de"}, "ASSISTANT_LANG : langue inconnue de (fr ou en)"),
])
def test_errors_are_one_line_in_the_chosen_language(args, env, expected):
    result = _run(*args, **env)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == expected + "\n"


@pytest.mark.parametrize("command", ["evaluate", "dialog"])
def test_argparse_commands_help_in_both_languages(command):
    french, english = _run(command, "--help"), _run(command, "--help", "--lang", "en")
    assert french.stdout.startswith(f"utilisation : assistant {command}") and "afficher cette aide" in french.stdout
    assert english.stdout.startswith(f"usage: assistant {command}") and "show this help message" in english.stdout
    assert not re.search("[àâçéèêëîïôûùœ]", english.stdout), english.stdout


def test_the_script_and_python_m_handle_errors_alike(tmp_path):
    script = shutil.which("assistant", path=str(Path(sys.executable).parent))
    assert script is not None
    env = {**os.environ, "ASSISTANT_DB": str(tmp_path / "cases.db"), "ASSISTANT_RETENTION_MONTHS": "many"}
    by_module = subprocess.run([sys.executable, "-m", "assistant", "cases", "list"], capture_output=True,
                               text=True, env=env, timeout=60)
    by_script = subprocess.run([script, "cases", "list"], capture_output=True, text=True, env=env, timeout=60)
    assert by_module.returncode == by_script.returncode == 1
    assert by_module.stderr == by_script.stderr
    assert by_module.stderr.startswith("erreur interne : ValidationError : ") and by_module.stderr.count("\n") == 1


@pytest.mark.parametrize("args, routed", [
    ([], []),
    (["--db", "x.db"], ["app", "--db", "x.db"]),
    (["--lang", "en", "--on", "2025-01-01"], ["--lang", "en", "app", "--on", "2025-01-01"]),
    (["--lang=en", "cases", "list"], ["--lang=en", "cases", "list"]),
    (["-h"], ["-h"]),
])
def test_options_alone_open_the_app_the_default_command(args, routed):
    from assistant.cli import _with_default_command

    assert _with_default_command(args) == routed
