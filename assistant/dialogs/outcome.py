"""How an assessment reads for the agent and the person: names, statuses, dates, sources.

Shared by the result card of the chat and by the handover slip, so both say the same thing.
"""

from __future__ import annotations

from datetime import date

from assistant.i18n import N_, _, euros, labelled, short_date
from assistant.knowledge.base import format_source

COVERAGES = {
    "puma": N_("PUMa (assurance maladie de base)"),
    "css": N_("Complémentaire santé solidaire (CSS)"),
    "ame": N_("Aide médicale de l'État (AME)"),
    "dsuv": N_("Soins urgents et vitaux (DSUV)"),
}
REFERRALS = {
    "misas": N_("Mission accompagnement santé (MisAS) de la CPAM"),
    "service_social": N_("Service social de l'Assurance maladie"),
    "pass": N_("PASS (permanence d'accès aux soins de santé)"),
    "domiciliation": N_("Domiciliation (CCAS ou organisme agréé)"),
}
STATUSES = {
    "open": N_("Droits ouverts"),
    "eligible": N_("Peut être demandée"),
    "not_yet": N_("Pas encore"),
    "not_eligible": N_("Non accessible"),
    "to_check": N_("À vérifier"),
}


def coverage_name(coverage_id: str) -> str:
    return _(COVERAGES.get(coverage_id, coverage_id))


def referral_name(referral_id: str) -> str:
    return _(REFERRALS.get(referral_id, referral_id))


def _day(iso: str) -> str:
    return short_date(date.fromisoformat(iso))


def status_line(coverage: dict) -> str:
    """`Peut être demandée, droits à partir du 10 avril 2021, jusqu'au 21 avril 2022`."""
    parts = [_(STATUSES.get(coverage["status"], coverage["status"]))]
    if coverage.get("effective_date"):
        parts.append(_("droits à partir du {date}").format(date=_day(coverage["effective_date"])))
    if coverage.get("eligible_from"):
        parts.append(_("à demander à partir du {date}").format(date=_day(coverage["eligible_from"])))
    if coverage.get("until"):
        parts.append(_("jusqu'au {date}").format(date=_day(coverage["until"])))
    if coverage.get("participation_monthly") is not None:
        amount = coverage["participation_monthly"]
        parts.append(_("gratuite") if amount == 0 else _("participation de {amount} par mois").format(amount=euros(amount)))
    return ", ".join(parts)


def deadline_day(deadline: dict) -> str:
    return _day(deadline["date"]) if deadline.get("date") else _("date à préciser")


class Entry:
    """One line of the result: a heading text, its details, its sources, and a checklist mark."""

    __slots__ = ("text", "details", "sources", "mark")

    def __init__(self, text: str, details: list[str] | None = None, sources: list[dict] | None = None,
                 mark: bool | None = None):
        self.text = text
        self.details = details or []
        self.sources = [format_source(s) for s in sources or []]
        self.mark = mark


def contact_lines(contacts: list, none_text: str, label: str) -> list[str]:
    """`Contact : PASS de ville…` then its address, phone, hours and how to refer, a line each
    (a phone number is never cut by wrapping), for each contact of the directory; or the
    directory's plain "no contact" sentence."""
    if not contacts:
        return [none_text]
    return [line for c in contacts for line in (labelled(label, c.name), *(f"  {x}" for x in c.lines()))]


def sections(assessment: dict, facts: list[tuple[str, str]], checklist: dict[str, bool],
             directory=None) -> list[tuple[str, list[Entry]]]:
    """The result as titled sections, in reading order; empty sections are left out.
    `directory` (assistant.directory.lookup.Directory): where to file, whom to refer to."""
    from assistant.directory.roles import FOR_REFERRAL, FOR_REQUEST

    def where(c: dict) -> list[str]:
        if directory is None or c["id"] not in ("puma", "css", "ame") or c["status"] not in ("eligible", "not_yet"):
            return []
        return contact_lines(directory.for_request(), directory.none_text(FOR_REQUEST), _("Dépôt"))

    coverages = [
        Entry(labelled(coverage_name(c['id']), status_line(c)), [*c.get("reasons", []), *where(c)], c.get("sources"))
        for c in assessment.get("coverages", [])
    ]
    documents = []
    for d in assessment.get("documents", []):
        details = []
        if d.get("alternatives"):
            details.append(_("Au choix : {items}").format(items=" ; ".join(d["alternatives"])))
        if d.get("second_intention"):
            details.append(_("À défaut (seconde intention) : {items}").format(items=" ; ".join(d["second_intention"])))
        if d.get("note"):
            details.append(d["note"])
        documents.append(Entry(d["label"], details, d.get("sources"), checklist.get(d["id"])))
    referrals = []
    for r in assessment.get("referrals", []):
        details = list(r.get("reasons", []))
        if directory is not None:
            roles = FOR_REFERRAL.get(r["id"], ())
            details += contact_lines(directory.contacts(roles), directory.none_text(roles), _("Contact"))
        referrals.append(Entry(referral_name(r["id"]), details, r.get("sources")))
    deadlines = [Entry(labelled(deadline_day(d), d['label']), [], d.get("sources"))
                 for d in sorted(assessment.get("deadlines", []), key=lambda d: d.get("date") or "9999")]
    checks = [Entry(w) for w in assessment.get("warnings", [])]
    out = [
        (_("Droits"), coverages),
        (_("Pièces à fournir"), documents),
        (_("Orientations"), referrals),
        (_("Dates à retenir"), deadlines),
        (_("À vérifier"), checks),
        (_("Ce qui a été dit"), [Entry(labelled(label, value)) for label, value in facts]),
    ]
    return [(title, entries) for title, entries in out if entries]
