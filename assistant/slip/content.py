"""What the slip says, whatever its format: first what to do, then the expected coverage and
dates one line each, then who wrote it. Long explanations stay on screen and in the case.

`build(assessment, context, directory)` is pure: the case log, the site settings and the
directory file are read by the callers (the app, `cases slip`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from assistant.dialogs.outcome import coverage_name, status_line
from assistant.directory.lookup import Contact, Directory
from assistant.directory.roles import FOR_REFERRAL, FOR_REQUEST
from assistant.i18n import N_, _, labelled, long_date, ngettext, short_date
from assistant.knowledge import citations

REQUESTS = ("puma", "css", "ame")  # what a person files; the urgent-care scheme is billed by the hospital
ASK = {
    "puma": N_("Demander la PUMa (assurance maladie de base)"),
    "css": N_("Demander la Complémentaire santé solidaire (CSS)"),
    "ame": N_("Demander l'Aide médicale de l'État (AME)"),
}
REFER = {
    "misas": N_("Être accompagné par la Mission accompagnement santé (MisAS) de la CPAM"),
    "service_social": N_("Rencontrer le service social de l'Assurance maladie"),
    "pass": N_("Se soigner sans attendre l'ouverture des droits : une PASS"),
    "domiciliation": N_("Obtenir une domiciliation (adresse pour recevoir le courrier)"),
}
# Deadlines that say when to file a request: shown in its "Quand", not again under the dates.
FILING = {"ame_retro_filing_limit", "css_hospital_retro_limit", "ame_anticipated_filing",
          "ame_eligible_from", "puma_eligible_from"}


@dataclass(frozen=True)
class Context:
    """Who hands the slip over, for which case, on which day."""

    on: date
    case_id: str | None = None
    agent: str | None = None
    structure: str | None = None
    checklist: dict[str, bool] = field(default_factory=dict)  # document id -> the person has it


@dataclass(frozen=True)
class Document:
    label: str
    has: bool  # the person said they have it (pre-ticked)
    first_choice: list[str]  # any one of these
    otherwise: list[str]  # when none of the first choice can be had
    note: str | None
    listed_in: int | None  # number of an earlier task that lists it already


@dataclass(frozen=True)
class Task:
    title: str
    when: list[str]
    where: list[Contact]
    where_note: str | None  # instead of contacts: none in the directory (said plainly), or same as an earlier task
    documents: list[Document]


@dataclass(frozen=True)
class Slip:
    on: date  # the consultation's day
    title: str
    subtitle: str
    tasks: list[Task]
    requests: int  # requests to file (a household with several may take two pages)
    coverages: list[str]
    dates: list[str]
    signature: list[tuple[str, str]]  # (label, value): structure, agent, case, date, knowledge base
    notice: str
    sources: list[str]

    def text(self) -> str:
        """Every word of the slip, for checks (no seed file name, counting words)."""
        parts = [self.title, self.subtitle, self.notice, *self.coverages, *self.dates, *self.sources]
        parts += [f"{label} {value}" for label, value in self.signature]
        for t in self.tasks:
            parts += [t.title, *t.when, t.where_note or ""]
            parts += [line for c in t.where for line in (c.name, *c.lines())]
            parts += [x for d in t.documents for x in (d.label, *d.first_choice, *d.otherwise, d.note or "")]
        return "\n".join(p for p in parts if p)


def _documents(assessment: dict, coverage: str, checklist: dict[str, bool], seen: dict[str, int],
               number: int) -> list[Document]:
    out = []
    for d in assessment.get("documents", []):
        if coverage not in d.get("for", [coverage]):
            continue
        out.append(Document(d["label"], bool(checklist.get(d["id"])), list(d.get("alternatives") or []),
                            list(d.get("second_intention") or []), d.get("note"), seen.get(d["id"])))
        seen.setdefault(d["id"], number)
    return out


def _when(coverage: dict, deadlines: list[dict]) -> list[str]:
    filing = [d["label"] for d in deadlines if d.get("for") == coverage["id"] and d.get("id") in FILING]
    if coverage["status"] == "not_yet" and coverage.get("eligible_from"):
        first = _("À partir du {date}, pas avant.").format(date=short_date(date.fromisoformat(coverage["eligible_from"])))
    else:
        first = _("Dès que possible, avec le dossier complet.")
    return [first, *filing]


def _task(title: str, when: list[str], contacts: list[Contact], roles: tuple[str, ...], directory: Directory,
          documents: list[Document]) -> Task:
    return Task(title, when, contacts, None if contacts else directory.none_text(roles, person=True), documents)


def build(assessment: dict, context: Context, directory: Directory) -> Slip:
    deadlines = sorted(assessment.get("deadlines", []), key=lambda d: d.get("date") or "9999")
    tasks: list[Task] = []
    seen: dict[str, int] = {}
    to_file = [c for c in assessment.get("coverages", [])
               if c.get("id") in REQUESTS and c.get("status") in ("eligible", "not_yet")]
    for c in to_file:
        documents = _documents(assessment, c["id"], context.checklist, seen, len(tasks) + 1)
        task = _task(_(ASK[c["id"]]), _when(c, deadlines), directory.for_request(), FOR_REQUEST, directory, documents)
        if tasks and task.where:  # all requests are filed at the same reception: its details once
            task = replace(task, where=[], where_note=_("Au même endroit que la demande 1."))
        tasks.append(task)
    for r in assessment.get("referrals", []):
        roles = FOR_REFERRAL.get(r["id"], ())
        tasks.append(_task(_(REFER.get(r["id"], r["id"])), [], directory.for_referral(r["id"]), roles, directory, []))

    coverages, refused, unsure = [], [], []
    for c in assessment.get("coverages", []):
        if c.get("status") == "not_eligible":
            refused.append(coverage_name(c["id"]))
        elif c.get("status") == "to_check":
            unsure.append(coverage_name(c["id"]))
        else:
            coverages.append(labelled(coverage_name(c["id"]), status_line(c)))
    if unsure:
        coverages.append(_("À vérifier avec la structure : {names}").format(names=" ; ".join(unsure)))
    if refused:
        coverages.append(_("Non accessible dans votre situation : {names}").format(names=" ; ".join(refused)))
    dates = [d["label"] for d in deadlines if d.get("id") not in FILING]  # each label says its date

    shown = [s for c in assessment.get("coverages", []) if c.get("status") != "to_check" for s in c.get("sources", [])]
    shown += [s for d in assessment.get("documents", []) for s in d.get("sources", [])]
    shown += [s for r in assessment.get("referrals", []) for s in r.get("sources", [])]
    shown += [s for d in deadlines for s in d.get("sources", [])]
    return Slip(
        on=context.on,
        title=_("Fiche de liaison : accès aux droits santé"),
        subtitle=_("Consultation du {date}").format(date=long_date(context.on)),
        tasks=tasks,
        requests=len(to_file),
        coverages=coverages,
        dates=dates,
        signature=_signature(assessment, context),
        notice=_("Cette fiche résume ce qui a été vu ensemble ; la décision appartient à la caisse "
                 "d'assurance maladie."),
        sources=citations.grouped(shown),
    )


def _signature(assessment: dict, context: Context) -> list[tuple[str, str]]:
    missing = _("non renseigné")
    return [
        (_("Structure"), context.structure or _("non renseignée")),
        (_("Agent"), context.agent or missing),
        (_("Dossier n°"), context.case_id or _("non enregistré")),
        (_("Date"), short_date(context.on)),
        (_("Base de connaissances"), assessment.get("kb_release") or (assessment.get("kb_version") or "?").split("+")[0]),
    ]


def choices(d: Document) -> list[tuple[str, bool]]:
    """`Au choix : a ; b. Sinon : c. Note.` as (text, bold) runs of one paragraph (a line saved
    per document); the labels in bold."""
    runs: list[tuple[str, bool]] = []
    for label, items in ((_("Au choix"), d.first_choice), (_("Sinon"), d.otherwise)):
        if items:
            runs += [(labelled(label), True), (" ; ".join(items).rstrip(".") + ". ", False)]
    if d.note:
        runs.append((d.note, False))
    return runs


def pieces_count(task: Task) -> str:
    """`3 pièces à réunir`, `1 pièce à réunir` (the heading of a task's documents)."""
    n = len(task.documents)
    return ngettext("{n} pièce à réunir", "{n} pièces à réunir", n).format(n=n)
