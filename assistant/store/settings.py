"""Settings of the case log: where the file lives, how long personal data is kept.

Read from the environment when asked (never at import), frozen once built.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field


class StoreSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    db_path: Path | None = None
    # Project default, not taken from the seeds: personal data is anonymised 24 months after
    # the last activity on a case. The data controller (DPO) may set another value with
    # ASSISTANT_RETENTION_MONTHS; the anonymous counts needed by reports are kept.
    retention_months: int = Field(24, ge=1, le=240)
    # A request still open with no activity for this many months counts as "perdu de vue"
    # in reports (seed 000 § VI asks for the count but does not define it).
    lost_after_months: int = Field(3, ge=1, le=60)
    # How long a write waits for another instance holding the lock before giving up.
    busy_timeout_s: float = Field(5.0, gt=0, le=600)

    def resolved_db_path(self) -> Path:
        if self.db_path is not None:
            return self.db_path
        from assistant.paths import data_dir

        return data_dir() / "cases.db"


def settings_from_env(environ: Mapping[str, str] | None = None, **overrides) -> StoreSettings:
    """Settings from ASSISTANT_DB (default: cases.db in ASSISTANT_DATA_DIR or the user data folder) / ASSISTANT_RETENTION_MONTHS / ASSISTANT_LOST_AFTER_MONTHS.

    Explicit keyword arguments (e.g. a `--db` option) win over the environment; a value of
    None means "not given".
    """
    env = os.environ if environ is None else environ
    values: dict = {}
    for key, name in (("db_path", "ASSISTANT_DB"), ("retention_months", "ASSISTANT_RETENTION_MONTHS"),
                      ("lost_after_months", "ASSISTANT_LOST_AFTER_MONTHS")):
        if env.get(name):
            values[key] = env[name]
    values.update({k: v for k, v in overrides.items() if v is not None})
    return StoreSettings.model_validate(values)
