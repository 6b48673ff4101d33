"""Where the assistant keeps a site's files: one data folder (case log, site settings, directory),
and the folder where slips and reports are exported.

`ASSISTANT_DATA_DIR` moves the whole folder (a site's shared disk, tests); otherwise it is the
user data folder. Nothing is created here: callers create what they write, owner-only.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_DIR_NAME = "assistant-couverture"


def data_dir() -> Path:
    """ASSISTANT_DATA_DIR, else the user data folder (~/.local/share/assistant-couverture on Linux)."""
    configured = os.environ.get("ASSISTANT_DATA_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def export_folder(configured: str | None = None) -> Path:
    """The site's folder for exports (`config set export_dir`), else the user's
    Documents/assistant-couverture."""
    if configured:
        return Path(configured)
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / APP_DIR_NAME
