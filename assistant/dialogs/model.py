"""The dialog bank as the runner uses it: plain frozen dataclasses, no pydantic.

`schema.py` validates the YAML files into these classes; the app loads them from a cache of
plain values (`to_plain` / `from_plain`), so it starts without importing pydantic. A question fills situation fields (dotted paths
of `contract/EVALUATE.md`) or, for paths starting with `case.`, facts of the consultation that
the engine never sees (the request the documents dialog is about). Texts are French source
strings, translated with gettext where they are shown.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field as _default
from typing import Any, Literal, Optional

AnswerType = Literal["choice", "yes_no", "date", "amount", "number", "multi_choice"]
Scope = Literal["coverages", "referrals", "documents"]
CASE = "case."
FORBID = {"extra": "forbid"}  # pydantic config read by schema.py: unknown keys are errors


@dataclass(frozen=True)
class Source:
    __pydantic_config__ = FORBID
    doc: str
    ref: str


@dataclass(frozen=True)
class Option:
    __pydantic_config__ = FORBID
    id: str
    label: str
    aliases: list[str] = _default(default_factory=list)
    set: dict[str, Any] = _default(default_factory=dict)
    value: Any = None
    then: list[str] = _default(default_factory=list)


@dataclass(frozen=True)
class Question:
    __pydantic_config__ = FORBID
    id: str
    type: AnswerType
    text: str
    short: str
    help: str
    sources: list[Source]
    field: Optional[str] = None
    covers: list[str] = _default(default_factory=list)
    options: list[Option] = _default(default_factory=list)
    unknown: bool = True
    always: bool = False
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    after: Optional[str] = None  # a question asked first whenever this one comes up and its field is unknown
    ask_with: Optional[str] = None  # asked (first) whenever that question is to be asked: the household with the resources
    keep: bool = False  # a fact given once stays in the situation even when the dialog no longer asks it (health)
    none_aliases: list[str] = _default(default_factory=list)  # multi-choice: words that mean "none of these", echoed
    event: Optional[str] = None  # dates: what happened that day, for "Arrivée en France avant ou après le …"
    probe: list[float] = _default(default_factory=list)  # values tried to see if the answer matters (dates: days from the evaluation date)

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


@dataclass(frozen=True)
class Checklist:
    """Walk the documents of the assessment that serve the request named by `request_field`."""

    __pydantic_config__ = FORBID
    text: str
    help: str
    request_field: str
    sources: list[Source]


@dataclass(frozen=True)
class Dialog:
    __pydantic_config__ = FORBID
    id: str
    title: str
    scope: list[Scope]
    questions: list[str]
    checklist: Optional[Checklist] = None


@dataclass(frozen=True)
class Bank:
    """All files merged: every question, every dialog, and the dialog a consultation starts with."""

    questions: list[Question]
    dialogs: list[Dialog]
    start: str


def to_plain(bank: Bank) -> dict:
    """The bank as plain dicts, lists and scalars (what the cache stores: data, never code)."""
    return asdict(bank)


def from_plain(data: dict) -> Bank:
    """The bank back from `to_plain`; TypeError or KeyError if the data is not one."""

    def sources(items):
        return [Source(**s) for s in items]

    def question(q):
        return Question(**{**q, "sources": sources(q["sources"]), "options": [Option(**o) for o in q["options"]]})

    def dialog(d):
        checklist = d["checklist"]
        if checklist is not None:
            checklist = Checklist(**{**checklist, "sources": sources(checklist["sources"])})
        return Dialog(**{**d, "checklist": checklist})

    return Bank(questions=[question(q) for q in data["questions"]], dialogs=[dialog(d) for d in data["dialogs"]],
                start=data["start"])
