"""Fixtures of the slip tests: the fictional sample directory and a consultation's context."""

from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.directory.importing import SAMPLE, SAMPLE_DEPARTEMENT
from assistant.directory.lookup import Directory
from assistant.slip.content import Context


@pytest.fixture(scope="session")
def sample_directory() -> Directory:
    return Directory(json.loads(SAMPLE.read_text(encoding="utf-8")), SAMPLE_DEPARTEMENT)


@pytest.fixture
def context():
    def build(on: date, **changes) -> Context:
        return Context(**({"on": on, "case_id": "K7Q2-M9XD", "agent": "AG12", "structure": "CMS Louise Michel"}
                          | changes))

    return build
