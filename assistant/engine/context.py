"""What every rule module shares: the facts, the dates, the knowledge base, and outcomes.

Facts are the situation flattened to dotted paths ("person.age"); an absent path is unknown.
Every reason is a knowledge-base text rendered with its parameters, and brings its sources.
"""

from __future__ import annotations

from datetime import date

from assistant.dates import add_days, add_months, age_on
from assistant.i18n import number, short_date
from assistant.knowledge.base import KnowledgeBase



def flatten(situation: dict) -> dict:
    """{"person": {"age": 3}} -> {"person.age": 3}; the situation nests two levels at most."""
    flat = {}
    for key, value in situation.items():
        if value is None:
            continue
        if type(value) is dict:
            prefix = key + "."
            for sub, leaf in value.items():
                if leaf is not None:
                    flat[prefix + sub] = leaf
        else:
            flat[key] = value
    return flat


def _render(value, lang: str) -> str:
    """A value in a reason, as the language writes it: `12 mars 2025`, `10 339`, `4,60` /
    `March 12, 2025`, `10,339`, `4.60`."""
    kind = type(value)
    if kind is str:
        return value
    if kind is date:
        return short_date(value, lang)
    if kind is float and value.is_integer():
        value, kind = int(value), int
    if kind is int or kind is float:
        return number(value, lang, decimals=0 if kind is int else 2)
    return str(value)


class Outcome:
    """One coverage's decision as it is being built."""

    __slots__ = ("id", "status", "effective_date", "eligible_from", "until", "participation_monthly",
                 "reasons", "missing", "sources", "_seen", "block", "basis")

    def __init__(self, coverage_id: str):
        self.id = coverage_id
        self.status: str | None = None
        self.effective_date: date | None = None
        self.eligible_from: date | None = None
        self.until: date | None = None
        self.participation_monthly: float | None = None
        self.reasons: list[str] = []
        self.missing: list[str] = []
        self.sources: list[dict] = []
        self._seen: set[tuple[str, str]] = set()
        self.block: str | None = None  # why it is refused, for the rules that depend on it
        self.basis: str | None = None  # what an eligible outcome rests on, when the rules that follow need it

    def cite(self, sources: list[dict]) -> None:
        for s in sources:
            key = (s["doc"], s["ref"])
            if key not in self._seen:
                self._seen.add(key)
                self.sources.append(s)

    def need(self, *paths: str) -> None:
        for p in paths:
            if p not in self.missing:
                self.missing.append(p)

    def to_dict(self) -> dict:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        participation = self.participation_monthly
        if isinstance(participation, float) and participation.is_integer():
            participation = int(participation)
        return {
            "id": self.id,
            "status": self.status,
            "effective_date": iso(self.effective_date),
            "eligible_from": iso(self.eligible_from),
            "until": iso(self.until),
            "participation_monthly": participation,
            "reasons": self.reasons,
            "missing": self.missing,
            "sources": self.sources,
        }


class Context:
    """The facts of one situation on one date, and the knowledge in force for it."""

    def __init__(self, situation: dict, on: date, kb: KnowledgeBase, lang: str = "fr"):
        self.f = flatten(situation)
        self.on = on
        self.app: date = self.f.get("application_date") or on
        self.kb = kb
        self.lang = lang
        self.used_figures: set[str] = set()
        self.warnings: list[str] = []
        self.outcomes: dict[str, Outcome] = {}
        self.maintenance = None  # set by the PUMa rules: see puma.Maintenance
        self.eu_irregular_since: date | None = None  # EU inactive without sufficient resources
        self.marks: dict[str, date | None] = {}  # dates found by one rule that deadlines reuse

    # facts ------------------------------------------------------------------
    def get(self, path: str, default=None):
        return self.f.get(path, default)

    def known(self, path: str) -> bool:
        return path in self.f

    @property
    def age(self) -> int | None:
        if "person.age" in self.f:
            return self.f["person.age"]
        birth = self.f.get("person.birth_date")
        return age_on(birth, self.app) if birth else None

    @property
    def is_minor(self) -> bool | None:
        if self.f.get("person.minor_status"):
            return True
        age = self.age
        return None if age is None else age < 18

    @property
    def nationality(self) -> str | None:
        return self.f.get("person.nationality")

    @property
    def right_to_stay(self) -> str | None:
        if self.nationality == "french":
            return "yes"
        return self.f.get("person.right_to_stay")

    # knowledge --------------------------------------------------------------
    def value(self, item_id: str, when: date | None = None):
        self.used_figures.add(item_id)
        return self.kb.value(item_id, when or self.app)

    def say(self, outcome: Outcome, item_id: str, when: date | None = None, **params) -> None:
        """Add the reason `item_id` (rendered with `params`) and its sources to `outcome`."""
        version = self.kb.version(item_id, when or self.app)
        text = version["text"] or self.kb.items[item_id]["label"]
        text = text.get(self.lang) or text["fr"]
        if params:
            text = text.format(**{k: _render(v, self.lang) for k, v in params.items()})
        outcome.reasons.append(text)
        outcome.cite(version["sources"])

    def text(self, item_id: str, when: date | None = None, **params) -> str:
        text = self.kb.text(item_id, when or self.app, self.lang)
        return text.format(**{k: _render(v, self.lang) for k, v in params.items()}) if params else text

    @property
    def list_separator(self) -> str:
        return " ; " if self.lang == "fr" else "; "  # French puts a space before the semicolon

    def phrase(self, item_id: str, key, **params) -> str:
        """One entry of a table of {fr:, en:} texts (labels, fragments of a reason)."""
        entry = self.value(item_id)[key]
        text = entry.get(self.lang) or entry["fr"]
        return text.format(**{k: _render(v, self.lang) for k, v in params.items()}) if params else text

    def sources(self, item_id: str, when: date | None = None) -> list[dict]:
        return self.kb.sources(item_id, when or self.app)

    def field_label(self, path: str) -> str:
        label = self.kb.value("fields.labels", self.app).get(path)
        return (label.get(self.lang) or label["fr"]) if label else path

    def three_months_after(self, start: date, item_id: str = "residence.min_duration") -> date:
        """First day on which "more than three months since `start`" holds."""
        rule = self.value(item_id)
        end = add_months(start, rule["months"])
        return add_days(end, 1) if rule["strictly_more"] else end
