"""Follow-up of a request: its statuses and the deadlines that follow from them.

Pure functions of a request row and the knowledge base: every delay is the knowledge-base
figure in force on the date it counts from, never a number written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from assistant.dates import add_delay, add_months, numeric_date, period_end
from assistant.i18n import N_

KINDS = ("puma", "css", "ame", "dsuv")
STATUSES = ("to_file", "filed", "documents_requested", "granted", "refused", "closed")
FINAL = frozenset({"granted", "refused", "closed"})

STATUS_LABELS = {  # marked for gettext, translated where shown
    "to_file": N_("à déposer"), "filed": N_("déposée"), "documents_requested": N_("pièces demandées"),
    "granted": N_("accordée"), "refused": N_("refusée"), "closed": N_("classée / close"),
}
KIND_LABELS = {"puma": N_("PUMa"), "css": N_("CSS"), "ame": N_("AME"), "dsuv": N_("Soins urgents (DSUV)")}


@dataclass(frozen=True)
class Deadline:
    id: str
    date: date
    label: str
    kb_item: str
    case_id: str = ""
    kind: str = ""
    ends: date | None = None  # after this day the deadline no longer matters (rights ended)


def deadlines(request: dict, kb) -> list[Deadline]:
    """Deadlines that apply to a request (a `requests` row) in its current status."""
    status, kind = request["status"], request["kind"]
    found: list[tuple[str, date, str, str]] = []
    ends = None
    if status == "documents_requested" and request.get("documents_requested_on"):
        asked = _d(request["documents_requested_on"])
        delays = kb.value("deadline.missing_documents", asked)
        found.append(("documents_answer", asked + timedelta(days=delays["answer_days"]),
                      "renvoyer les pièces manquantes", "deadline.missing_documents"))
        found.append(("documents_closure", asked + timedelta(days=delays["closure_days"]),
                      "dossier classé sans suite sans les pièces", "deadline.missing_documents"))
    elif status == "filed" and request.get("filed_on"):
        found.extend(_after_filing(request, kb))
    elif status == "granted" and kind in ("ame", "css"):
        until = rights_until(request, kb)
        if until is not None:
            item = f"{kind}.renewal_window_months"
            opens, ends = add_months(until, -kb.value(item, until)), until
            found.append(("renewal_window", opens,
                          f"renouvellement à déposer (droits jusqu'au {numeric_date(until, 'fr')})", item))
    return [Deadline(i, d, f"{KIND_LABELS[kind]} : {label}", item, request.get("case_id", ""), kind, ends)
            for i, d, label, item in found]


def _after_filing(request: dict, kb) -> list[tuple[str, date, str, str]]:
    kind, filed = request["kind"], _d(request["filed_on"])
    found = []
    if request.get("via_pass") and not request.get("transmitted_on"):
        found.append(("pass_transmission", filed + timedelta(days=kb.value("pass.transmission_days", filed)),
                      "transmission par la PASS à la CPAM", "pass.transmission_days"))
    received = receipt_date(request)
    if received is None:
        return found
    if kind == "ame":
        processing = kb.value("ame.processing", received)
        days = processing["urgent_days"] if request.get("urgent") else processing["days"]
        found.append(("decision_expected", received + timedelta(days=days), "décision attendue", "ame.processing"))
        found.append(("implicit_refusal", add_months(received, kb.value("ame.implicit_refusal_months", received)),
                      "sans réponse : rejet implicite, contacter la CPAM", "ame.implicit_refusal_months"))
    elif kind == "css":
        found.append(("decision_expected", add_delay(received, kb.value("css.processing", received)),
                      "décision attendue", "css.processing"))
    return found


def receipt_date(request: dict) -> date | None:
    """The day the caisse received the file: after transmission when filed at a PASS."""
    value = request.get("transmitted_on") if request.get("via_pass") else request.get("filed_on")
    return _d(value) if value else None


def rights_until(request: dict, kb) -> date | None:
    """End of granted rights: as recorded, else the knowledge-base duration.

    AME lasts one year from the filing (seed 000 Annexe 2), even when it starts earlier by
    retroactivity; CSS one year from its effective date.
    """
    if request.get("rights_until"):
        return _d(request["rights_until"])
    kind = request["kind"]
    if kind not in ("ame", "css") or not request.get("granted_from"):
        return None
    start = _d(request["granted_from"])
    if kind == "ame":
        start = max(start, receipt_date(request) or start)
    return period_end(start, kb.value(f"{kind}.duration_months", start))


# How long an assessment's deadline matters once past. A filing limit passed is lost and a start
# date passed is reached: both stop on their day. A window matters until the rights it renews (or
# maintains) end. The others (expected decision, implicit refusal, PASS transmission) stay listed,
# late, until the request is filed and its own follow-up dates take over.
_ENDS_ON_THEIR_DAY = frozenset({"ame_retro_filing_limit", "css_hospital_retro_limit", "puma_eligible_from",
                                "ame_eligible_from", "puma_maintenance_end", "ame_waiting_period_end",
                                "dsuv_asylum_end"})
_WINDOWS = {"ame_renewal_window": "ame", "css_renewal_window": "css", "ame_anticipated_filing": "puma"}
# Dates about the rights themselves, not the request's processing: still listed once it is filed.
KEPT_ONCE_FILED = ("ame_waiting_period_end", "puma_maintenance_end", "dsuv_asylum_end")


def assessment_due_dates(assessment: dict) -> list[dict]:
    """Every deadline of an assessment as a due date of the case:
    {deadline, kind (the coverage), date, ends (None: until the request moves on), label}."""
    until = {c.get("id"): c.get("until") for c in assessment.get("coverages", [])}
    out = []
    for d in assessment.get("deadlines", []):
        if not d.get("date"):
            continue
        if d["id"] in _ENDS_ON_THEIR_DAY:
            ends = d["date"]
        else:
            ends = until.get(_WINDOWS[d["id"]]) if d["id"] in _WINDOWS else None
        out.append({"deadline": d["id"], "kind": d.get("for"), "date": d["date"], "ends": ends, "label": d["label"]})
    return out


def is_due(deadline: Deadline, on: date, days: int) -> bool:
    """Falls due by `on + days`, overdue ones included until the deadline stops mattering."""
    return deadline.date <= on + timedelta(days=days) and (deadline.ends is None or on <= deadline.ends)


def _d(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)
