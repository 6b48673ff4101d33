"""Shared fixtures: per-run cache and data folders (never the user's), the bundled knowledge base, a clock."""

from __future__ import annotations

import os
import tempfile

import pytest

# Set before any test imports the loader, so subprocesses inherit it too.
os.environ.setdefault("ASSISTANT_CACHE_DIR", tempfile.mkdtemp(prefix="assistant-test-cache-"))
# Never the user's own data folder (case log, site settings): tests that need one set their own.
os.environ["ASSISTANT_DATA_DIR"] = tempfile.mkdtemp(prefix="assistant-test-data-")


@pytest.fixture(scope="session")
def kb():
    from assistant.knowledge.loader import load

    return load()


class Clock:
    """A clock the test moves by hand (`clock.now += 2`): seconds, as `time.monotonic` gives."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()
