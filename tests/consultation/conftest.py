"""Fixtures of the consultation tests: the real engine and dialogs, on a fixed date, a case log."""

from __future__ import annotations

import pytest
from agent_lines import ON

from assistant.consultation import Consultation
from assistant.dialogs.engine import EngineAssess
from assistant.store.caselog import CaseLog


@pytest.fixture
def log(tmp_path):
    with CaseLog(tmp_path / "cases.db") as case_log:
        yield case_log


@pytest.fixture
def start():
    def build(**options) -> Consultation:
        return Consultation.open(lambda on: EngineAssess(on), options.pop("on", ON), **options)

    return build
