"""The trainee's conclusion against the assistant's: one point per item, the differences
explained with their sources.

Items: the coverage to request (or the one covering the care), its date, the documents for it
and the referrals — stated by the trainee before the assistant shows its own — and the dialog:
whether the answers given in the dialog led to the coverage decisions of the scenario's facts.
Documents and referrals score the share of the two sets they have in common (both empty: 1).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assistant.dialogs.outcome import coverage_name, referral_name, status_line
from assistant.i18n import N_, _, language, ngettext, short_date
from assistant.knowledge.base import KnowledgeBase, format_sources
from assistant.training.check import differences, focus_documents
from assistant.training.scenarios import Scenario

ITEMS = {"coverage": N_("Couverture"), "date": N_("Date"), "documents": N_("Pièces"),
         "referrals": N_("Orientations"), "dialog": N_("Dialogue")}


@dataclass(frozen=True)
class Conclusion:
    """What the trainee concludes: `coverage` None for "no coverage to request"."""

    coverage: str | None
    date: date | None
    documents: frozenset[str] = frozenset()
    referrals: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Item:
    key: str
    points: float
    yours: str
    expected: str
    explanation: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return _(ITEMS[self.key])

    @property
    def right(self) -> bool:
        return self.points == 1


@dataclass(frozen=True)
class Grade:
    scenario: Scenario
    items: list[Item]
    teaching: str
    teaching_source: str

    @property
    def points(self) -> float:
        return round(sum(i.points for i in self.items), 2)

    @property
    def out_of(self) -> int:
        return len(self.items)


def grade(scenario: Scenario, conclusion: Conclusion, reference: dict, dialog: dict,
          kb: KnowledgeBase) -> Grade:
    """`reference`: the assessment of the scenario's facts; `dialog`: the one the trainee's
    answers reached (the same Consultation as a real one)."""
    focus = scenario.expected.focus
    coverages = {c["id"]: c for c in reference["coverages"]}
    items = [_coverage_item(conclusion, focus, coverages, kb), _date_item(scenario, conclusion, focus, coverages, kb),
             _documents_item(conclusion, reference, focus, kb), _referrals_item(conclusion, reference, kb),
             _dialog_item(scenario, dialog)]
    return Grade(scenario, items, scenario.text("teaching"), format_sources([scenario.source.model_dump()], kb.cites)[0])


def _name(coverage: str | None) -> str:
    return coverage_name(coverage) if coverage else _("aucune demande de couverture")


def _coverage_item(conclusion: Conclusion, focus, coverages: dict, kb) -> Item:
    explanation, sources = [], []
    if focus:
        explanation = [f"{_name(focus)} : {status_line(coverages[focus])}", *coverages[focus]["reasons"]]
        sources = coverages[focus]["sources"]
    if conclusion.coverage and conclusion.coverage != focus:
        named = coverages[conclusion.coverage]
        explanation += [f"{_name(conclusion.coverage)} : {status_line(named)}", *named["reasons"][:2]]
        sources = sources + named["sources"]
    if not focus:
        explanation.insert(0, _("Aucune couverture à demander : la personne est déjà couverte ; la réponse "
                                "est dans l'orientation."))
    return Item("coverage", float(conclusion.coverage == focus), _name(conclusion.coverage), _name(focus),
                explanation, format_sources(sources, kb.cites))


def _day(day: date | None) -> str:
    return short_date(day) if day else _("pas de date (fixée plus tard ou sans objet)")


def _date_item(scenario: Scenario, conclusion: Conclusion, focus, coverages: dict, kb) -> Item:
    expected = scenario.focus_date
    explanation, sources = [], []
    if focus:
        coverage = coverages[focus]
        key = "effective_date" if coverage.get("effective_date") else "eligible_from"
        day = date.fromisoformat(coverage[key]) if coverage.get(key) else None
        explanation = [_("Date retenue : {date} ({what}).").format(
            date=_day(day), what=_("début des droits") if key == "effective_date" else _("première date de demande"))]
        explanation += [r for r in coverage["reasons"] if expected and expected.strftime("%d/%m/%Y") in r][:2]
        sources = coverage["sources"]
    return Item("date", float(conclusion.date == expected), _day(conclusion.date), _day(expected),
                explanation, format_sources(sources, kb.cites))


def _share(yours: set, expected: set) -> float:
    if not yours and not expected:
        return 1.0
    return round(len(yours & expected) / len(yours | expected), 2)


def _documents_item(conclusion: Conclusion, reference: dict, focus, kb) -> Item:
    listed = {d["id"]: d for d in reference["documents"]}
    expected = set(focus_documents(reference, focus))
    yours = set(conclusion.documents)
    label = lambda doc_id: listed[doc_id]["label"] if doc_id in listed else kb.label(doc_id, language())  # noqa: E731
    explanation = [_("Manquante : {label}").format(label=label(d)) for d in sorted(expected - yours)]
    explanation += [_("En trop : {label}").format(label=label(d)) for d in sorted(yours - expected)]
    sources = [s for d in sorted(expected - yours) for s in listed[d]["sources"]]
    return Item("documents", _share(yours, expected), _count(len(yours)), _count(len(expected)),
                explanation, format_sources(sources, kb.cites))


def _referrals_item(conclusion: Conclusion, reference: dict, kb) -> Item:
    recommended = {r["id"]: r for r in reference["referrals"]}
    excluded = {r["id"]: r for r in reference.get("referrals_excluded", [])}
    yours, expected = set(conclusion.referrals), set(recommended)
    explanation, sources = [], []
    for kind in sorted(expected - yours):
        explanation += [_("À proposer : {name}").format(name=referral_name(kind)), *recommended[kind]["reasons"]]
        sources += recommended[kind]["sources"]
    for kind in sorted(yours - expected):
        explanation.append(_("Pas à proposer ici : {name}").format(name=referral_name(kind)))
        if kind in excluded:
            explanation += excluded[kind]["reasons"]
            sources += excluded[kind]["sources"]
    names = lambda kinds: ", ".join(referral_name(k) for k in sorted(kinds)) or _("aucune")  # noqa: E731
    return Item("referrals", _share(yours, expected), names(yours), names(expected), explanation, format_sources(sources, kb.cites))


def _dialog_item(scenario: Scenario, dialog: dict) -> Item:
    """The coverage decisions the trainee's answers reached, against those of the facts."""
    problems = [p for p in differences(scenario, dialog) if p.split(".")[0] in scenario.expected.coverages]
    explanation = ([_("Vos réponses au dialogue ont conduit à d'autres décisions que les faits du scénario "
                      "(attendu → obtenu) :"), *problems] if problems else [])
    return Item("dialog", float(not problems), _("décisions différentes") if problems else _("conformes"),
                _("conformes"), explanation)


def _count(n: int) -> str:
    return ngettext("{count} pièce", "{count} pièces", n).format(count=n)
