"""The launch settings of the app, frozen: what the CLI and the tests pass to `make_app`.

A frozen dataclass rather than a pydantic model: the CLI validates the options, and the app
starts without importing pydantic (the first question shows before the engine loads).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Launch:
    on: date  # evaluation date
    export_dir: Path  # where handover slips and calendars are written
    lang: str = "fr"
    record: bool = True  # save answers in the case log
    db: Path | None = None  # case log; None: the store's default location
    case_id: str | None = None  # resume this case of the log
    agent: str | None = None  # agent code the new cases are attributed to (serve: the signed-in agent)
    blink: bool = True  # cursor blink (off for snapshots)
