"""Plain-text views of the case log for the terminal (French first)."""

from __future__ import annotations

from datetime import date

from assistant.dates import numeric_date
from assistant.display import escape_controls
from assistant.i18n import N_, _
from assistant.store.followup import KIND_LABELS, STATUS_LABELS, Deadline, deadlines

# Labels are marked here and translated where shown (gettext; French source).
COVERAGE_STATUS_LABELS = {"open": N_("ouvert"), "eligible": N_("éligible"), "not_yet": N_("pas encore"),
                          "not_eligible": N_("non éligible"), "to_check": N_("à vérifier")}
REFERRAL_LABELS = {"misas": N_("MisAS"), "service_social": N_("service social"), "pass": N_("PASS"),
                   "domiciliation": N_("domiciliation")}
EVENT_LABELS = {
    "created": N_("dossier ouvert"), "answer": N_("réponse"), "assessment": N_("évaluation"), "note": N_("note"),
    "request": N_("demande"), "referral": N_("orientation"), "closed": N_("suivi clos"),
    "recheck": N_("revérification"),
}


def _label(labels: dict, key: str) -> str:
    return _(labels[key]) if key in labels else key


def case_list(rows: list[dict]) -> str:
    if not rows:
        return _("Aucun dossier.")
    lines = [f"{_('dossier'):<10} {_('init.'):<5} {_('ouvert le'):<10} {_('activité'):<10} {_('demandes')}"]
    for r in rows:
        lines.append(f"{r['id']:<10} {r['initials'] or '':<5} {numeric_date(_d(r['opened_on'])):<10} "
                     f"{numeric_date(_d(r['last_activity_on'])):<10} {requests_summary(r['requests'])}"
                     + (" " + _("(clos)") if r["closed_on"] else "")
                     + (" " + _("(démonstration)") if r.get("demo") else ""))
    return "\n".join(lines)


def requests_summary(summary: str | None) -> str:
    """'ame:filed css:to_file' (from CaseLog.list_cases) in words."""
    if not summary:
        return "—"
    parts = (item.split(":") for item in summary.split())
    return ", ".join(f"{_label(KIND_LABELS, k)} {_label(STATUS_LABELS, s)}" for k, s in sorted(parts))


def case_detail(case: dict, timeline: list[dict], kb=None) -> str:
    lines = [_("Dossier {id}").format(id=case["id"]) + (f" ({case['initials']})" if case["initials"] else ""),
             "  " + _("ouvert le {opened}, dernière activité le {last}").format(
                 opened=numeric_date(_d(case["opened_on"])), last=numeric_date(_d(case["last_activity_on"])))
             + (", " + _("clos le {date}").format(date=numeric_date(_d(case["closed_on"]))) if case["closed_on"] else ""),
             "  " + _("agent {agent}, site {site}").format(agent=case["agent"] or "—", site=case["site"] or "—")]
    if case.get("demo"):
        lines.append("  " + _("démonstration (date rejouée avec --on) : hors rapports d'activité"))
    if case.get("urgent_care"):
        lines.append("  " + _("soins urgents (DSUV) : facturables par l'hôpital"))
    if case["kb_release"]:
        lines.append("  " + _("évalué le {date} avec la base {kb}").format(
            date=numeric_date(_d(case["evaluated_on"])), kb=f"{case['kb_release']}+{case['kb_hash'][:12]}"))
    if case["assessment"]:
        lines.append(_("Évaluation :"))
        lines += [f"  {_label(KIND_LABELS, c['id'])} : {_label(COVERAGE_STATUS_LABELS, c['status'])}"
                  + (", " + _("droits au {date}").format(date=numeric_date(_d(c["effective_date"]))) if c.get("effective_date") else "")
                  for c in case["assessment"].get("coverages", [])]
    if case["requests"]:
        lines.append(_("Demandes :"))
        lines += [f"  {request_line(r, kb)}" for r in case["requests"]]
    if case["referrals"]:
        lines.append(_("Orientations :"))
        lines += [f"  {referral_line(r)}" for r in case["referrals"]]
    if case.get("due_dates"):
        lines.append(_("Dates à retenir (évaluation) :"))
        lines += [f"  {numeric_date(_d(d['date']))}  {d['label']}" for d in case["due_dates"]]
    lines.append(_("Réponses : {count}").format(count=len(case["answers"])))
    lines.append(_("Historique :"))
    lines += [f"  {e['at'][:16].replace('T', ' ')}  {_label(EVENT_LABELS, e['kind'])}{_event_detail(e)}"
              for e in timeline]
    return "\n".join(lines)


def referral_line(referral: dict) -> str:
    """'MisAS : proposée le 03/03/2025, faite le 04/03/2025'."""
    parts = []
    if referral["proposed_on"]:
        parts.append(_("proposée le {date}").format(date=numeric_date(_d(referral["proposed_on"]))))
    if referral["referred_on"]:
        parts.append(_("faite le {date}").format(date=numeric_date(_d(referral["referred_on"]))))
    if referral["status"] == "proposed":
        parts.append(_("pas encore faite"))
    return f"{_label(REFERRAL_LABELS, referral['kind'])} : {', '.join(parts)}"


def _event_detail(event: dict) -> str:
    data = event["data"] or {}
    if event["kind"] == "note":
        return f" : {escape_controls(data['text'])}"
    if event["kind"] == "answer":
        return f" : {data['question_id']}"
    if event["kind"] == "request":
        status = _(STATUS_LABELS[data["status"]]) if data["status"] in STATUS_LABELS else _("transmise à la CPAM")
        return " : " + _("{kind} {status} le {date}").format(
            kind=_label(KIND_LABELS, data["kind"]), status=status, date=numeric_date(_d(data["on"])))
    if event["kind"] == "referral":
        return " : " + _("{kind} le {date}").format(kind=_label(REFERRAL_LABELS, data["kind"]), date=numeric_date(_d(data["on"])))
    if event["kind"] in ("assessment", "recheck"):
        return " : " + _("base {kb}").format(kb=data.get("kb_version"))
    return ""


def request_line(request: dict, kb=None) -> str:
    """One request with its dates, and its deadlines when the knowledge base is given."""
    dates = [(label, request[column]) for label, column in (
        (N_("déposée"), "filed_on"), (N_("transmise"), "transmitted_on"),
        (N_("pièces demandées"), "documents_requested_on"), (N_("décision"), "decided_on"),
        (N_("droits du"), "granted_from"), (N_("au"), "rights_until"), (N_("close"), "closed_on"))
        if request[column]]
    text = f"{_label(KIND_LABELS, request['kind'])} : {_label(STATUS_LABELS, request['status'])}"
    if request["via_pass"]:
        text += " (PASS)"
    if request["status"] == "to_file" and request.get("expected_from"):
        text += " — " + _("droits attendus à partir du {date}").format(date=numeric_date(_d(request["expected_from"])))
    if dates:
        text += " — " + ", ".join(f"{_(label)} {numeric_date(_d(value))}" for label, value in dates)
    upcoming = deadlines(request, kb) if kb is not None else []
    if upcoming:
        text += " ; " + _("échéances : ") + ", ".join(
            _("{what} le {date}").format(what=d.label.split(" : ", 1)[1], date=numeric_date(d.date)) for d in upcoming)
    return text


def due_list(found: list[Deadline], on: date) -> str:
    if not found:
        return _("Aucune échéance.")
    late = _("EN RETARD") + " "
    return "\n".join(f"{numeric_date(d.date)}  {late if d.date < on else ''}{d.case_id}  {d.label}" for d in found)


def recheck_result(result) -> str:
    lines = [_("{checked} dossier(s) réévalué(s), {changed} changement(s) de résultat.").format(
        checked=result.checked, changed=len(result.changed))]
    for case in result.changed:
        lines.append(f"{case['case_id']}  ({case['old_kb']} -> {case['new_kb']})")
        lines += [f"    {_label(KIND_LABELS, c['coverage'])} {c['field']} : {c['old']}  ->  {c['new']}"
                  for c in case["changes"]]
    lines += [f"{f['case_id']}  " + _("non réévalué : {message}").format(message=f["message"]) for f in result.failed]
    return "\n".join(lines)


def repair_report(report) -> str:
    lines = [_("Copie de sauvegarde : {path}").format(path=report.backup)]
    if report.intact:
        lines.append(_("La base est intacte : rien à réparer."))
        return "\n".join(lines)
    lines.append(_("Base reconstruite avec les lignes lisibles : ")
                 + ", ".join(f"{table} {count}" for table, count in report.salvaged.items()))
    if report.schema_rebuilt:
        lines.append(_("Schéma de la base illisible : le schéma de cette version a été utilisé."))
    lines.append(_("Dossiers récupérés : {recovered} sur {known} connus").format(
        recovered=report.cases_recovered, known=report.cases_known)
        + (" " + _("(dont {rebuilt} reconstitués sans leur fiche, dates estimées)").format(rebuilt=report.cases_rebuilt)
           if report.cases_rebuilt else "") + ".")
    losses = [(report.cases_known - report.cases_recovered, _("dossier(s) perdu(s)")),
              (report.cases_without_state, _("dossier(s) sans leurs réponses en cours ni leur évaluation")),
              (report.pages_missing, _("page(s) manquante(s) (fichier tronqué)")),
              (report.pages_unreadable, _("page(s) illisible(s) (lignes ou seulement pointeurs)")),
              (report.cells_unreadable, _("ligne(s) illisible(s)")),
              (report.rows_unplaced, _("ligne(s) lisible(s) mais sans table")),
              (report.rows_dropped, _("ligne(s) en double écartée(s)"))]
    lost = [f"{count} {label}" for count, label in losses if count > 0]
    if lost:
        lines.append(_("PERTES : {losses}. Tout reste dans la sauvegarde ; {pages} pages lues.").format(
            losses=", ".join(lost), pages=report.pages_total))
    else:
        lines.append(_("Rien n'a été perdu ({pages} pages lues).").format(pages=report.pages_total))
    return "\n".join(lines)


def _d(value: str) -> date:
    return date.fromisoformat(value)
