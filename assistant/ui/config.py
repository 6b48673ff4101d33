"""The launch settings of the app, frozen: what the CLI and the tests pass to `make_app`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict


class Launch(BaseModel):
    model_config = ConfigDict(frozen=True)

    on: date  # evaluation date
    lang: Literal["fr", "en"] = "fr"
    export_dir: Path  # where handover slips and calendars are written
    record: bool = True  # save answers in the case log
    db: Optional[Path] = None  # case log; None: the store's default location
    case_id: Optional[str] = None  # resume this case of the log
    blink: bool = True  # cursor blink (off for snapshots)
