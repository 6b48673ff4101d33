"""Babel extractors for the command line: click help texts, and click's and argparse's own strings.

Named in `locales/babel.cfg`. `extract_cli` reads a `cli.py` as the python extractor does, and
also the texts click shows that no `_()` marks: command docstrings, `help=` and `metavar=`
texts, argument names; `assistant.cli_base` translates them when they are shown, so every new
option is in the catalog without anyone remembering to mark it. `extract_libraries` extracts
the strings of the libraries listed in `locales/libraries.txt` (click, argparse) from the
installed sources: their source language is English, so the French catalog translates them.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
from io import BytesIO
from pathlib import Path

from babel.messages.extract import extract_python

ARGUMENT = "click argument name: translate it in every language"
LIBRARY = "library string (English source): "
_HELP_KEYWORDS = ("help", "short_help", "metavar")


def extract_cli(fileobj, keywords, comment_tags, options):
    source = fileobj.read()
    yield from extract_python(BytesIO(source), keywords, comment_tags, options)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and _is_command(node):
            docstring = ast.get_docstring(node)
            if docstring:
                yield node.lineno, None, docstring, []
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in _HELP_KEYWORDS and _text(keyword.value):
                    yield keyword.value.lineno, None, inspect.cleandoc(keyword.value.value), []
            name = argument_name(node)
            if name:
                yield node.lineno, None, name, [ARGUMENT]


def argument_name(call: ast.Call) -> str | None:
    """`click.argument("case_id")` without a metavar: click shows `CASE_ID`."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "argument" and call.args and _text(call.args[0])):
        return None
    if any(k.arg == "metavar" for k in call.keywords):
        return None
    return call.args[0].value.upper()


def _is_command(node) -> bool:
    """Decorated with `@x.command(...)` or `@x.group(...)` (click takes the docstring as help)."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in ("command", "group"):
            return True
    return False


def _text(node) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(node.value.strip())


def extract_libraries(fileobj, keywords, comment_tags, options):
    """One module name a line (`click`, `argparse`): every string its sources pass to gettext."""
    for line in fileobj.read().decode("utf-8").splitlines():
        name = line.split("#")[0].strip()
        if name:
            for path in library_files(name):
                with path.open("rb") as f:
                    for lineno, funcname, messages, comments in extract_python(f, keywords, comment_tags, options):
                        first = messages[0] if isinstance(messages, tuple) else messages
                        if first:
                            yield lineno, funcname, messages, [*comments, LIBRARY + name]


def library_files(name: str) -> list[Path]:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise ValueError(f"{name}: module not installed")
    if spec.submodule_search_locations:  # a package: all its modules
        return sorted(Path(spec.origin).parent.glob("*.py"))
    return [Path(spec.origin)]
