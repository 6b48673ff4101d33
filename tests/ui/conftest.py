"""Fixtures of the UI tests: the app from its factory, on a fixed date, in temporary folders."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.ui.app import make_app
from assistant.ui.config import Launch

ON = date(2025, 3, 3)


@pytest.fixture(autouse=True)
def no_printer(monkeypatch):
    """The same screens on every machine: the result offers printing only where `lp`/`lpr` is
    installed, so the UI tests run as on a machine without one (a test that prints fakes one)."""
    from assistant.ui.screens import result

    monkeypatch.setattr(result, "print_command", lambda: None)


@pytest.fixture
def launch(tmp_path):
    """Launch settings of a test: fixed date, French, no cursor blink, temporary folders."""

    def build(**changes) -> Launch:
        values = dict(on=ON, lang="fr", export_dir=tmp_path / "fiches", db=tmp_path / "cases.db", blink=False)
        return Launch(**(values | changes))

    return build


@pytest.fixture
def app(launch):
    return make_app(launch(record=False))
