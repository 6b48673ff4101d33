"""Load the dialog files of `dialogs/data/`, validate them, and index them for the runner.

Errors name the file and the field (`referral.yaml: questions > 3 > type: ...`) and are raised
as `DialogDataError`, never as a traceback.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.dialogs.schema import Bank, DataFile, Dialog, Question

DATA_DIR = Path(__file__).parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DialogDataError(Exception):
    """The dialog files cannot be used; the message names the file and the field."""


def _explain(name: str, error: ValidationError) -> DialogDataError:
    first = error.errors()[0]
    where = " > ".join(str(p) for p in first["loc"]) or "(top)"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return DialogDataError(f"{name}: {where}: {first['msg']}{more}")


class Dialogs:
    """The validated bank: questions and dialogs by id, plus the order of the fallback walk."""

    def __init__(self, bank: Bank):
        self.start = bank.start
        self.questions: dict[str, Question] = {q.id: q for q in bank.questions}
        self.dialogs: dict[str, Dialog] = {d.id: d for d in bank.dialogs}
        seen: dict[str, None] = {}
        for d in bank.dialogs:
            for qid in d.questions:
                if not self.questions[qid].always:
                    seen.setdefault(qid)
        self.fallback = [self.questions[qid] for qid in seen]

    def order(self, dialog_id: str) -> list[Question]:
        """The questions a dialog may ask, in order: its own list, then the rest of the bank."""
        own = [self.questions[qid] for qid in self.dialogs[dialog_id].questions]
        ids = {q.id for q in own}
        return own + [q for q in self.fallback if q.id not in ids]


def load_dir(data_dir: Path) -> Dialogs:
    questions, dialogs, start = [], [], None
    for path in sorted(data_dir.glob("*.yaml")):
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise DialogDataError(f"{path.name}: not valid YAML: {' '.join(str(e).split())}") from None
        try:
            part = DataFile.model_validate(raw)
        except ValidationError as e:
            raise _explain(path.name, e) from None
        questions += part.questions
        dialogs += part.dialogs
        if part.start:
            if start:
                raise DialogDataError(f"{path.name}: start: already given in another file")
            start = part.start
    try:
        return Dialogs(Bank(questions=questions, dialogs=dialogs, start=start or ""))
    except ValidationError as e:
        raise _explain(data_dir.name, e) from None


@lru_cache(maxsize=1)
def load() -> Dialogs:
    """The bundled dialogs (validated once per process)."""
    return load_dir(DATA_DIR)
