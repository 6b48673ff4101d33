"""The assessment of `contract/EVALUATE.md` as a pydantic schema (the engine emits plain dicts
for speed; the tests validate every emitted assessment against this model)."""

from __future__ import annotations

from datetime import date
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["open", "eligible", "not_yet", "not_eligible", "to_check"]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Out):
    doc: str
    ref: str


class Coverage(_Out):
    id: Literal["puma", "css", "ame", "dsuv"]
    status: Status
    effective_date: Optional[date]
    eligible_from: Optional[date]
    until: Optional[date]
    participation_monthly: Optional[float] = Field(ge=0)
    reasons: list[str]
    missing: list[str]
    sources: list[Source] = Field(min_length=1)


class Document(_Out):
    id: str
    for_: list[str] = Field(alias="for", min_length=1)
    label: str
    alternatives: list[str]
    second_intention: list[str]
    note: Optional[str]
    sources: list[Source] = Field(min_length=1)


class Referral(_Out):
    id: Literal["misas", "service_social", "pass", "domiciliation"]
    reasons: list[str] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    consent: Optional[Literal["given", "to_ask"]] = None
    missing: list[str] = []


class ReferralToCheck(_Out):
    id: str
    missing: list[str] = Field(min_length=1)


class ReferralExcluded(_Out):
    id: str
    reasons: list[str]
    sources: list[Source]


class Deadline(_Out):
    id: str
    date: date
    label: str
    for_: str = Field(alias="for")
    sources: list[Source] = Field(min_length=1)


class Needed(_Out):
    coverages: list[str]
    referrals: list[str]
    documents: list[str]
    requests: list[str]  # the address a request to file needs (stable address, else a domiciliation)


class Assessment(_Out):
    kb_version: str
    kb_release: str
    kb_hash: str
    evaluated_on: date
    application_date: date
    coverages: list[Coverage] = Field(min_length=4, max_length=4)
    documents: list[Document]
    referrals: list[Referral]
    referrals_to_check: list[ReferralToCheck]
    referrals_excluded: list[ReferralExcluded]
    deadlines: list[Deadline]
    warnings: list[str]
    needed: Needed
