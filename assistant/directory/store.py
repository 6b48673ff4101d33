"""The local directory file: `directory.json` in the data folder, owner-only, written atomically.

It holds data·inclusion records (`structures`, `services`) as validated at import time, so
reading it needs only `json` (the result screen opens without loading pydantic models); a
damaged or hand-edited file gives one line naming it, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.files import replace_private
from assistant.i18n import _
from assistant.paths import data_dir

FILE_NAME = "directory.json"
FORMAT = "assistant-directory/1"


class DirectoryError(Exception):
    """The directory cannot be read or written; the message names the file."""


def directory_path() -> Path:
    return data_dir() / FILE_NAME


def empty() -> dict:
    return {"format": FORMAT, "imports": [], "structures": [], "services": []}


def read(path: Path | None = None) -> dict:
    """The directory of `path` (default: the data folder's); an empty one when there is no file."""
    path = path or directory_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return empty()
    except OSError as error:
        raise DirectoryError(_("{path} : lecture impossible ({reason})").format(path=path, reason=error.strerror)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if not (isinstance(data, dict) and data.get("format") == FORMAT
            and all(isinstance(data.get(k), list) for k in ("structures", "services"))):
        raise DirectoryError(_("{path} : annuaire endommagé ; réimportez-le (python -m assistant directory "
                               "import FICHIER --replace)").format(path=path))
    return data


def write(data: dict, path: Path | None = None) -> Path:
    """Replace the directory file in one step (a crash leaves the old or the new file, whole)."""
    path = path or directory_path()
    try:
        replace_private(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode())
    except OSError as error:
        raise DirectoryError(_("{path} : écriture impossible ({reason}) ; rien n'a été changé").format(
            path=path, reason=error.strerror)) from None
    return path
