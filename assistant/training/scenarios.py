"""The library of training scenarios (`training/data/*.yaml`): schema and loading.

A scenario is a short story, the facts in the situation format of the `evaluate` contract, the
date of the consultation, the expected outcome (coverages with dates, the documents of the
coverage the trainee names, the referrals), the teaching point and its source (seed file and
section). Errors name the file and the field, as the knowledge-base loader does.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.i18n import _, language
from assistant.knowledge.schema import SEEDS, Source, Text
from assistant.training.topics import TOPIC_NAMES

DATA_DIR = Path(__file__).parent / "data"
FAMILIES = ("puma", "css", "ame", "dsuv", "referrals")  # the engine's rule families (engine/*.py)
COVERAGES = ("puma", "css", "ame", "dsuv")
REFERRALS = ("misas", "service_social", "pass", "domiciliation")
TOPICS = tuple(TOPIC_NAMES)
STATUS = Literal["open", "eligible", "not_yet", "not_eligible", "to_check"]


class TrainingError(Exception):
    """The scenario library cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Decision(_Strict):
    """What a coverage's decision must be: its status and the dates given (absent: no date)."""

    status: STATUS
    effective_date: Optional[date] = None
    eligible_from: Optional[date] = None
    until: Optional[date] = None
    participation_monthly: Optional[float] = None


class Expected(_Strict):
    focus: Optional[Literal["puma", "css", "ame", "dsuv"]]  # None: no coverage to request
    coverages: dict[Literal["puma", "css", "ame", "dsuv"], Decision] = Field(min_length=1)
    documents: list[str]
    referrals: list[Literal["misas", "service_social", "pass", "domiciliation"]]


class Scenario(_Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    family: Literal["puma", "css", "ame", "dsuv", "referrals"]
    topics: list[Literal[TOPICS]] = []  # type: ignore[valid-type]
    title: Text
    story: Text
    date: date
    situation: dict
    expected: Expected
    teaching: Text
    source: Source

    def text(self, field: str) -> str:
        """A text of the scenario in the interface language (French when not translated)."""
        value: Text = getattr(self, field)
        return (value.en if language() == "en" else None) or value.fr

    @property
    def focus_date(self) -> date | None:
        """The date the trainee must give: the start of rights, or the first day to request."""
        focus = self.expected.coverages.get(self.expected.focus) if self.expected.focus else None
        return (focus.effective_date or focus.eligible_from) if focus else None


class _Library(_Strict):
    scenarios: list[Scenario] = Field(min_length=1)


def load(path: Path | None = None) -> list[Scenario]:
    """The scenarios of `path` (a YAML file or a folder of them; default: the bundled library)."""
    import yaml

    path = Path(path or DATA_DIR)
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    scenarios: list[Scenario] = []
    for file in files:
        try:
            raw = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise TrainingError(_("{file} : illisible ({error})").format(file=file.name, error=_first_line(error))) \
                from None
        try:
            scenarios += _Library.model_validate(raw).scenarios
        except ValidationError as error:
            first = error.errors()[0]
            where = " > ".join(str(part) for part in first["loc"])
            raise TrainingError(f"{file.name} : {where} : {first['msg']}") from None
    seen: set[str] = set()
    for scenario in scenarios:
        if scenario.id in seen:
            raise TrainingError(_("{id} : identifiant de scénario en double").format(id=scenario.id))
        seen.add(scenario.id)
        if scenario.source.doc not in SEEDS:
            raise TrainingError(_("{id} : source : {doc} n'est pas un des documents sources").format(
                id=scenario.id, doc=scenario.source.doc))
    return scenarios


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
