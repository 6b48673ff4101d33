"""pydantic validation of the dialog files into the dataclasses of `model.py`.

Types, required keys and unknown keys are checked by pydantic; the rules across fields and
files (ids, references between questions and dialogs) by `check`. Both report the file and
the place of the error.
"""

from __future__ import annotations

import re
from typing import Optional

from pydantic import BaseModel, ConfigDict

from assistant.dialogs.model import Bank, Dialog, Question, Source

ID = re.compile(r"^[a-z0-9_]+$")
NEEDS_FIELD = ("date", "amount", "number", "multi_choice", "yes_no")
NEEDS_OPTIONS = ("choice", "multi_choice")


class DataFile(BaseModel):
    """One YAML file of `dialogs/data/`: `refs` holds YAML anchors only."""

    model_config = ConfigDict(extra="forbid")
    refs: dict[str, Source] = {}
    questions: list[Question] = []
    dialogs: list[Dialog] = []
    start: Optional[str] = None


def _check_question(q: Question) -> None:
    if not ID.match(q.id):
        raise ValueError(f"question id {q.id!r}: lower-case letters, digits and _ only")
    for name in ("text", "short", "help"):
        if not getattr(q, name).strip():
            raise ValueError(f"question {q.id}: {name} is empty")
    if not q.sources:
        raise ValueError(f"question {q.id}: sources: at least one seed source")
    if q.type in NEEDS_FIELD and not q.field:
        raise ValueError(f"question {q.id}: a {q.type} question needs `field`")
    if q.type in NEEDS_OPTIONS and not q.options:
        raise ValueError(f"question {q.id}: a {q.type} question needs `options`")
    ids = [o.id for o in q.options]
    if len(set(ids)) != len(ids) or not all(ID.match(i) for i in ids):
        raise ValueError(f"question {q.id}: option ids must be unique, lower-case letters, digits and _")


def check(bank: Bank) -> None:
    """The rules across questions and dialogs; ValueError names the question or dialog."""
    for q in bank.questions:
        _check_question(q)
    ids = [q.id for q in bank.questions]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ValueError(f"question ids defined twice: {', '.join(dupes)}")
    dialogs = {d.id for d in bank.dialogs}
    if not dialogs:
        raise ValueError("no dialog defined")
    if bank.start not in dialogs:
        raise ValueError(f"start dialog {bank.start!r} is not defined")
    for d in bank.dialogs:
        missing = [q for q in d.questions if q not in ids]
        if missing:
            raise ValueError(f"dialog {d.id}: unknown questions {', '.join(missing)}")
        if d.checklist and not d.checklist.request_field.startswith("case."):
            raise ValueError(f"dialog {d.id}: checklist request_field must be a case. fact")
    for q in bank.questions:
        for o in q.options:
            unknown = [t for t in o.then if t not in dialogs]
            if unknown:
                raise ValueError(f"question {q.id} option {o.id}: unknown dialogs {', '.join(unknown)}")
