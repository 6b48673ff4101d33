"""Plain-text views of the case log for the terminal (French first)."""

from __future__ import annotations

from datetime import date

from assistant.dates import fr
from assistant.store.followup import KIND_LABELS, STATUS_LABELS, Deadline, deadlines

COVERAGE_STATUS_LABELS = {"open": "ouvert", "eligible": "éligible", "not_yet": "pas encore",
                          "not_eligible": "non éligible", "to_check": "à vérifier"}
REFERRAL_LABELS = {"misas": "MisAS", "service_social": "service social", "pass": "PASS",
                   "domiciliation": "domiciliation"}
EVENT_LABELS = {
    "created": "dossier ouvert", "answer": "réponse", "assessment": "évaluation", "note": "note",
    "request": "demande", "referral": "orientation", "closed": "suivi clos", "recheck": "revérification",
}


def case_list(rows: list[dict]) -> str:
    if not rows:
        return "Aucun dossier."
    lines = [f"{'dossier':<10} {'init.':<5} {'ouvert le':<10} {'activité':<10} demandes"]
    for r in rows:
        lines.append(f"{r['id']:<10} {r['initials'] or '':<5} {fr(_d(r['opened_on'])):<10} "
                     f"{fr(_d(r['last_activity_on'])):<10} {requests_summary(r['requests'])}"
                     + (" (clos)" if r["closed_on"] else ""))
    return "\n".join(lines)


def requests_summary(summary: str | None) -> str:
    """'ame:filed css:to_file' (from CaseLog.list_cases) in words."""
    if not summary:
        return "—"
    parts = (item.split(":") for item in summary.split())
    return ", ".join(f"{KIND_LABELS[k]} {STATUS_LABELS[s]}" for k, s in sorted(parts))


def case_detail(case: dict, timeline: list[dict], kb=None) -> str:
    lines = [f"Dossier {case['id']}" + (f" ({case['initials']})" if case["initials"] else ""),
             f"  ouvert le {fr(_d(case['opened_on']))}, dernière activité le {fr(_d(case['last_activity_on']))}"
             + (f", clos le {fr(_d(case['closed_on']))}" if case["closed_on"] else ""),
             f"  agent {case['agent'] or '—'}, site {case['site'] or '—'}"]
    if case["kb_release"]:
        lines.append(f"  évalué le {fr(_d(case['evaluated_on']))} avec la base {case['kb_release']}+{case['kb_hash'][:12]}")
    if case["assessment"]:
        lines.append("Évaluation :")
        lines += [f"  {KIND_LABELS.get(c['id'], c['id'])} : {COVERAGE_STATUS_LABELS.get(c['status'], c['status'])}"
                  + (f", droits au {fr(_d(c['effective_date']))}" if c.get("effective_date") else "")
                  for c in case["assessment"].get("coverages", [])]
    if case["requests"]:
        lines.append("Demandes :")
        lines += [f"  {request_line(r, kb)}" for r in case["requests"]]
    if case["referrals"]:
        lines.append("Orientations : " + ", ".join(f"{REFERRAL_LABELS[r['kind']]} ({fr(_d(r['referred_on']))})" for r in case["referrals"]))
    lines.append(f"Réponses : {len(case['answers'])}")
    lines.append("Historique :")
    lines += [f"  {e['at'][:16].replace('T', ' ')}  {EVENT_LABELS.get(e['kind'], e['kind'])}{_event_detail(e)}"
              for e in timeline]
    return "\n".join(lines)


def _event_detail(event: dict) -> str:
    data = event["data"] or {}
    if event["kind"] == "note":
        return f" : {data['text']}"
    if event["kind"] == "answer":
        return f" : {data['question_id']}"
    if event["kind"] == "request":
        status = STATUS_LABELS.get(data["status"], "transmise à la CPAM")
        return f" : {KIND_LABELS[data['kind']]} {status} le {fr(_d(data['on']))}"
    if event["kind"] == "referral":
        return f" : {REFERRAL_LABELS[data['kind']]} le {fr(_d(data['on']))}"
    if event["kind"] in ("assessment", "recheck"):
        return f" : base {data.get('kb_version')}"
    return ""


def request_line(request: dict, kb=None) -> str:
    """One request with its dates, and its deadlines when the knowledge base is given."""
    dates = [(label, request[column]) for label, column in (
        ("déposée", "filed_on"), ("transmise", "transmitted_on"), ("pièces demandées", "documents_requested_on"),
        ("décision", "decided_on"), ("droits du", "granted_from"), ("au", "rights_until"), ("close", "closed_on"))
        if request[column]]
    text = f"{KIND_LABELS[request['kind']]} : {STATUS_LABELS[request['status']]}"
    if request["via_pass"]:
        text += " (PASS)"
    if dates:
        text += " — " + ", ".join(f"{label} {fr(_d(value))}" for label, value in dates)
    upcoming = deadlines(request, kb) if kb is not None else []
    if upcoming:
        text += " ; échéances : " + ", ".join(f"{d.label.split(' : ', 1)[1]} le {fr(d.date)}" for d in upcoming)
    return text


def due_list(found: list[Deadline], on: date) -> str:
    if not found:
        return "Aucune échéance."
    return "\n".join(f"{fr(d.date)}  {'EN RETARD ' if d.date < on else ''}{d.case_id}  {d.label}" for d in found)


def recheck_result(result) -> str:
    lines = [f"{result.checked} dossier(s) réévalué(s), {len(result.changed)} changement(s) de résultat."]
    for case in result.changed:
        lines.append(f"{case['case_id']}  ({case['old_kb']} -> {case['new_kb']})")
        lines += [f"    {KIND_LABELS.get(c['coverage'], c['coverage'])} {c['field']} : {c['old']}  ->  {c['new']}"
                  for c in case["changes"]]
    lines += [f"{f['case_id']}  non réévalué : {f['message']}" for f in result.failed]
    return "\n".join(lines)


def repair_report(report) -> str:
    lines = [f"Copie de sauvegarde : {report.backup}"]
    if report.intact:
        lines.append("La base est intacte : rien à réparer.")
        return "\n".join(lines)
    lines.append("Base reconstruite avec les lignes lisibles : "
                 + ", ".join(f"{table} {count}" for table, count in report.salvaged.items()))
    if report.unreadable:
        lines.append("Tables en partie illisibles (le reste est dans la sauvegarde) : " + ", ".join(report.unreadable))
    return "\n".join(lines)


def _d(value: str) -> date:
    return date.fromisoformat(value)
