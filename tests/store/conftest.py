"""Fixtures of the case-log tests: a file in tmp_path, a clock the test moves, a small KB."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from assistant.store.caselog import CaseLog
from assistant.store.settings import StoreSettings

PARIS = timezone(timedelta(hours=2))


class Clock:
    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def set(self, day: date) -> None:
        self.now = datetime(day.year, day.month, day.day, 10, 0, tzinfo=PARIS)


class FakeKB:
    """The follow-up figures of the knowledge base as the seeds give them (000, 001, 002)."""

    values = {
        "deadline.missing_documents": {"answer_days": 30, "closure_days": 60},
        "pass.transmission_days": 8,
        "ame.processing": {"days": 30, "urgent_days": 10},
        "css.processing": {"days": 31},
        "ame.implicit_refusal_months": 2,
        "ame.renewal_window_months": 2,
        "css.renewal_window_months": 2,
        "ame.duration_months": 12,
        "css.duration_months": 12,
    }

    def value(self, item_id: str, on: date):
        return self.values[item_id]


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 3, 3, 10, 0, tzinfo=PARIS))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "cases.db"


@pytest.fixture
def log(db_path, clock):
    with CaseLog(db_path, settings=StoreSettings(busy_timeout_s=0.2), clock=clock) as case_log:
        yield case_log


@pytest.fixture
def kb() -> FakeKB:
    return FakeKB()


@pytest.fixture
def situation() -> dict:
    return {
        "person": {"birth_date": date(1990, 5, 1), "sex": "F", "nationality": "non_eu", "right_to_stay": "no"},
        "coverage": {"puma": "none", "ame": "none"},
    }
