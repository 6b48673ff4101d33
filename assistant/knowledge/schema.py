"""pydantic schema of the knowledge-base YAML files (validated on load, never at run time).

Every statement the engine relies on is an `Item` with dated `versions`; each version cites
its sources and may say which newer statement superseded it. Texts are `{fr: ..., en: ...}`
so that a translation stands beside each French original.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SEEDS = {
    "000_af8b0dd11f2dd870.txt",
    "001_7b69e7b19a2c174c.txt",
    "002_97c024bcee8fb120.txt",
    "003_0878086c2490f1ba.txt",
    "004_1b140f9acc82913d.txt",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    fr: str = Field(min_length=1)
    en: Optional[str] = None


class Source(_Strict):
    doc: str = Field(min_length=1, description="seed file name, or an external reference id of sources.yaml")
    ref: str = Field(min_length=1, description="section, article or page")


class Version(_Strict):
    valid_from: Optional[date] = None  # None: since before our sources
    valid_until: Optional[date] = None  # None: still in force
    value: Any = None
    text: Optional[Text] = None
    sources: list[Source] = Field(min_length=1)
    last_checked: Optional[date] = None
    next_review: Optional[date] = None
    superseded_by: Optional[list[Source]] = None
    note: Optional[Text] = None

    @model_validator(mode="after")
    def _ordered(self) -> "Version":
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class Item(_Strict):
    """A rule (a statement given as a reason) or a figure (a value the engine computes with)."""

    id: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
    kind: Literal["rule", "figure"]
    label: Text
    unit: Optional[Literal["euros", "days", "months", "hours", "years", "ratio", "bool", "table", "list"]] = None
    versions: list[Version] = Field(min_length=1)

    @model_validator(mode="after")
    def _figures_are_checked(self) -> "Item":
        if self.kind == "figure":
            for v in self.versions:
                if v.value is not None and v.last_checked is None:
                    raise ValueError(f"figure version from {v.valid_from or 'the start'} has no last_checked date")
        return self

    @model_validator(mode="after")
    def _no_overlap(self) -> "Item":
        spans = sorted(self.versions, key=lambda v: v.valid_from or date.min)
        for before, after in zip(spans, spans[1:], strict=False):
            end = before.valid_until or date.max
            if after.valid_from is None or end >= after.valid_from:
                raise ValueError(f"versions overlap around {after.valid_from}")
        return self


class Document(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    label: Text
    alternatives: list[Text] = []
    second_intention: list[Text] = []
    note: Optional[Text] = None
    sources: list[Source] = Field(min_length=1)


class Bilingual(_Strict):
    """A text of the reference data (glossary, FAQ): French and English both required."""

    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Term(_Strict):
    """A glossary entry: an acronym (or a term) of the seeds, spelled out and defined."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    term: str = Field(min_length=1, description="as written in the seeds: AME, PUMa, C2S")
    aliases: list[str] = Field([], description="other spellings found in texts: PUMA, CMU-C, MAS")
    keywords: list[str] = Field([], description="words an agent may search it by that are not its names")
    expansion: Bilingual
    definition: Bilingual
    sources: list[Source] = Field(min_length=1)


class Change(_Strict):
    """A later source changed the answer: since when, by which text, and the rule now."""

    since: date
    by: list[Source] = Field(min_length=1)
    now: Bilingual
    item: Optional[str] = Field(None, description="the knowledge-base item that applies the current rule")


class FaqEntry(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    question: Bilingual
    answer: Bilingual
    keywords: list[str] = Field([], description="words an agent may type for it, in either language")
    sources: list[Source] = Field(min_length=1)
    changed: Optional[Change] = None


def _no_file_name(cite: str) -> str:
    if ".txt" in cite:
        raise ValueError("a citation shown to people names the document, not its file")
    return cite


# How a source is shown to people (issuer, document, year); the section cited follows it.
Cite = Annotated[str, Field(min_length=3), AfterValidator(_no_file_name)]


class ExternalSource(_Strict):
    id: str
    cite: Cite
    title: str
    url: Optional[str] = None


class SeedDoc(_Strict):
    doc: str
    cite: Cite
    issuer: str
    issued: date
    title: str


class Release(_Strict):
    release: str = Field(pattern=r"^\d{4}\.\d{2}(\.\d+)?$")
    published: date
    description: Text


class SourcesFile(_Strict):
    seeds: list[SeedDoc]
    external: list[ExternalSource]


class GlossaryFile(_Strict):
    refs: dict[str, Any] = {}  # YAML anchors only, like ItemsFile
    terms: list[Term]


class FaqFile(_Strict):
    refs: dict[str, Any] = {}
    entries: list[FaqEntry]


class SynonymsFile(_Strict):
    """Groups of words and phrases the search treats as the same (colloquial, English, old names)."""

    groups: list[Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=2)]]


class ItemsFile(_Strict):
    """An items/*.yaml file; `refs` only holds YAML anchors for the sources cited below it."""

    refs: dict[str, Any] = {}
    items: list[Item]
