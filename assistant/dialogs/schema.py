"""pydantic schema of the dialog files: a bank of questions and the dialogs that order them.

A question fills situation fields (dotted paths of `contract/EVALUATE.md`) or, for paths
starting with `case.`, facts of the consultation that the engine never sees (the request the
documents dialog is about). Texts are French source strings, translated with gettext at
display time.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

AnswerType = Literal["choice", "yes_no", "date", "amount", "number", "multi_choice"]
Scope = Literal["coverages", "referrals", "documents"]
CASE = "case."


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    doc: str = Field(min_length=1)
    ref: str = Field(min_length=1)


class Option(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: str = Field(min_length=1)
    aliases: list[str] = []
    set: dict[str, Any] = {}
    value: Any = None
    then: list[str] = []


class Question(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    type: AnswerType
    field: Optional[str] = None
    covers: list[str] = []
    text: str = Field(min_length=1)
    short: str = Field(min_length=1)
    help: str = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    options: list[Option] = []
    unknown: bool = True
    always: bool = False
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    probe: list[float] = []  # values tried to see if the answer matters (dates: days from the evaluation date)

    @model_validator(mode="after")
    def _consistent(self) -> "Question":
        if self.type in ("date", "amount", "number", "multi_choice", "yes_no") and not self.field:
            raise ValueError(f"a {self.type} question needs `field`")
        if self.type in ("choice", "multi_choice") and not self.options:
            raise ValueError(f"a {self.type} question needs `options`")
        if len({o.id for o in self.options}) != len(self.options):
            raise ValueError("option ids must be unique")
        return self

    @property
    def fields(self) -> set[str]:
        """Every field this question may fill."""
        out = set(self.covers)
        if self.field:
            out.add(self.field)
        for option in self.options:
            out.update(option.set)
        return out

    @property
    def asks_for(self) -> set[str]:
        """The needed fields that make this question worth asking."""
        return set(self.covers) or {f for f in self.fields if not f.startswith(CASE)}


class Checklist(_Strict):
    """Walk the documents of the assessment that serve the request named by `request_field`."""

    text: str = Field(min_length=1)
    help: str = Field(min_length=1)
    request_field: str = Field(pattern=r"^case\.[a-z_]+$")
    sources: list[Source] = Field(min_length=1)


class Dialog(_Strict):
    id: str = Field(pattern=r"^[a-z_]+$")
    title: str = Field(min_length=1)
    scope: list[Scope]
    questions: list[str]
    checklist: Optional[Checklist] = None


class DataFile(_Strict):
    """One YAML file of `dialogs/data/`: `refs` holds YAML anchors only."""

    refs: dict[str, Source] = {}
    questions: list[Question] = []
    dialogs: list[Dialog] = []
    start: Optional[str] = None


class Bank(_Strict):
    """All files merged: every question, every dialog, and the dialog a consultation starts with."""

    questions: list[Question]
    dialogs: list[Dialog] = Field(min_length=1)
    start: str

    @model_validator(mode="after")
    def _references(self) -> "DialogsFile":
        ids = [q.id for q in self.questions]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"question ids defined twice: {', '.join(sorted(dupes))}")
        dialogs = {d.id for d in self.dialogs}
        if self.start not in dialogs:
            raise ValueError(f"start dialog {self.start!r} is not defined")
        for d in self.dialogs:
            missing = [q for q in d.questions if q not in ids]
            if missing:
                raise ValueError(f"dialog {d.id}: unknown questions {', '.join(missing)}")
        for q in self.questions:
            for o in q.options:
                unknown = [t for t in o.then if t not in dialogs]
                if unknown:
                    raise ValueError(f"question {q.id} option {o.id}: unknown dialogs {', '.join(unknown)}")
        return self
