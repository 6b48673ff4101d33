"""The case log: cases, answers saved as given, assessments, follow-up, notes, erasure.

Every public method is one short write transaction (or one read) and raises only
StoreError subclasses. JSON columns hold plain data: dates are written as ISO text and
come back as text. A CaseLog is not for use by several threads at once: open one per thread.
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from assistant.store.db import connect, write
from assistant.store.errors import CaseNotFound, InvalidValue, guarded
from assistant.dates import add_months
from assistant.store.followup import FINAL, KINDS, STATUSES, Deadline, deadlines, is_due
from assistant.store.profile import profile
from assistant.store.report import build_report
from assistant.store.search import SearchIndex
from assistant.store.settings import StoreSettings, settings_from_env

logger = logging.getLogger(__name__)  # counts only: never ids, initials, answers or notes
REFERRAL_KINDS = ("misas", "service_social", "pass", "domiciliation")
# Crockford base32 without I, L, O, U: ids read aloud or copied by hand stay unambiguous.
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_INITIALS = re.compile(r"^[A-Z]{1,4}$")
_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
_TRACKED_ON_ELIGIBILITY = ("puma", "css", "ame")
# Deadlines of an assessment that concern filing the request (the others start once filed).
_FILING_DEADLINES = {"ame_retro_filing_limit", "css_hospital_retro_limit", "ame_anticipated_filing"}


def new_case_id() -> str:
    """Random pseudonymous id (40 bits), e.g. 'K7Q2-M9XD': derived from nothing about the person."""
    raw = "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


class CaseLog:
    def __init__(self, path: Path | str | None = None, *, read_only: bool = False,
                 settings: StoreSettings | None = None, clock: Callable[[], datetime] | None = None):
        self.settings = settings or settings_from_env()
        self.path = Path(path) if path is not None else self.settings.resolved_db_path()
        self.read_only = read_only
        self._clock = clock or (lambda: datetime.now().astimezone())
        self.db = connect(self.path, read_only=read_only, busy_timeout=self.settings.busy_timeout_s)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> CaseLog:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def today(self) -> date:
        return self._clock().date()

    def _stamp(self) -> str:
        return self._clock().replace(microsecond=0).isoformat()

    # -- cases and answers ---------------------------------------------------------------

    @guarded
    def create_case(self, *, initials: str | None = None, agent: str | None = None,
                    site: str | None = None, dialog: dict | None = None) -> str:
        """A new case; returns its pseudonymous id. Initials: 1-4 letters, never a name."""
        initials, agent, site = _initials(initials), _code(agent, "agent"), _code(site, "site")
        stamp = self._stamp()
        with write(self.db):
            case_id = new_case_id()
            while self.db.execute("SELECT 1 FROM cases WHERE id = ?", [case_id]).fetchone():
                case_id = new_case_id()
            self.db["cases"].insert({
                "id": case_id, "initials": initials, "agent": agent, "site": site,
                "created_at": stamp, "updated_at": stamp, "opened_on": stamp[:10],
                "last_activity_on": stamp[:10], **profile(None, self.today()),
            })
            self.db["case_state"].insert({"case_id": case_id, "dialog": _json(dialog)})
            self._event(case_id, stamp, "created", None)
        return case_id

    @guarded
    def save_answer(self, case_id: str, question_id: str, value, *, situation: dict | None = None,
                    dialog: dict | None = None) -> None:
        """Record one answer as soon as it is given (committed on return), with the updated
        situation and dialog state when given. Answering again replaces the answer."""
        stamp = self._stamp()
        with write(self.db):
            self._touch(case_id, stamp, situation=situation, dialog=dialog)
            self.db.execute(
                "INSERT INTO answers (case_id, question_id, value, answered_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (case_id, question_id) DO UPDATE SET value = excluded.value, "
                "answered_at = excluded.answered_at",
                [case_id, question_id, _json(value), stamp],
            )

    @guarded
    def forget_answer(self, case_id: str, question_id: str, *, situation: dict | None = None,
                      dialog: dict | None = None) -> None:
        """Drop an answer that an edit made irrelevant."""
        stamp = self._stamp()
        with write(self.db):
            self._touch(case_id, stamp, situation=situation, dialog=dialog)
            self.db.execute("DELETE FROM answers WHERE case_id = ? AND question_id = ?", [case_id, question_id])

    @guarded
    def save_assessment(self, case_id: str, assessment: dict, *, situation: dict | None = None) -> None:
        """Store the engine's assessment with the knowledge-base release and hash it used, open
        a 'to_file' request for each of PUMa, CSS, AME found eligible, and drop the 'to_file'
        requests of coverages no longer eligible (nothing was done about them yet)."""
        stamp = self._stamp()
        with write(self.db):
            self._touch(case_id, stamp, situation=situation)
            self._store_assessment(case_id, assessment)
            self._event(case_id, stamp, "assessment", {"kb_version": assessment.get("kb_version"),
                                                       "statuses": _statuses(assessment)})
            eligible = {c.get("id") for c in assessment.get("coverages", [])
                        if c.get("id") in _TRACKED_ON_ELIGIBILITY and c.get("status") == "eligible"}
            latest = self._latest_requests(case_id)
            for r in latest:  # an edited answer can take back an eligibility not acted upon yet
                if r["status"] == "to_file" and r["kind"] not in eligible:
                    self.db["requests"].delete(r["id"])
            open_kinds = {r["kind"] for r in latest if r["status"] not in FINAL}
            for kind in sorted(eligible - open_kinds):
                self._insert_request(case_id, kind, "to_file", stamp)

    @guarded
    def record_recheck(self, case_id: str, assessment: dict, changes: list[dict]) -> None:
        """Store a re-evaluation made with a newer knowledge base (not an activity on the case)."""
        stamp = self._stamp()
        with write(self.db):
            self._store_assessment(case_id, assessment)
            if changes:
                self._event(case_id, stamp, "recheck", {"kb_version": assessment.get("kb_version"),
                                                        "changes": changes})

    @guarded
    def cases_to_recheck(self, kb_hash: str) -> list[dict]:
        """Open cases with an assessment made with another knowledge base than `kb_hash`."""
        rows = self.db.query(
            "SELECT id, situation, assessment, evaluated_on FROM cases "
            "JOIN case_state ON case_id = id WHERE erased_on IS NULL AND closed_on IS NULL "
            "AND situation IS NOT NULL AND assessment IS NOT NULL AND (kb_hash IS NULL OR kb_hash != ?) "
            "ORDER BY opened_on, id",
            [kb_hash],
        )
        return [{**r, "situation": json.loads(r["situation"]), "assessment": json.loads(r["assessment"])}
                for r in rows]

    @guarded
    def add_note(self, case_id: str, text: str) -> None:
        text = text.strip()
        if not text:
            raise InvalidValue("Note vide.")
        stamp = self._stamp()
        with write(self.db):
            self._touch(case_id, stamp)
            self._event(case_id, stamp, "note", {"text": text})

    @guarded
    def close_case(self, case_id: str, *, on: date | None = None) -> None:
        """Close the follow-up (any later activity reopens it)."""
        stamp, on = self._stamp(), on or self.today()
        with write(self.db):
            self._touch(case_id, stamp)
            self.db.execute("UPDATE cases SET closed_on = ? WHERE id = ?", [on.isoformat(), case_id])
            self._event(case_id, stamp, "closed", {"on": on.isoformat()})

    # -- follow-up ---------------------------------------------------------------------------

    @guarded
    def update_request(self, case_id: str, kind: str, status: str, *, on: date | None = None,
                       granted_from: date | None = None, rights_until: date | None = None,
                       via_pass: bool = False, urgent: bool = False) -> dict:
        """Move the current request of `kind` to `status` on date `on` (default today).

        'to_file' or 'filed' after a final status (granted, refused, closed) starts a new
        request, e.g. a renewal. 'granted': `on` is the decision date, `granted_from` the start
        of rights (default `on`), `rights_until` their end (AME: computed when not given).
        'filed' at a PASS (`via_pass`) starts the 8-day transmission deadline.
        """
        if kind not in KINDS:
            raise InvalidValue(f"Type de demande inconnu : {kind} (attendu : {', '.join(KINDS)}).")
        if status not in STATUSES:
            raise InvalidValue(f"Statut inconnu : {status} (attendu : {', '.join(STATUSES)}).")
        stamp, on = self._stamp(), on or self.today()
        with write(self.db):
            self._touch(case_id, stamp)
            current = next((r for r in self._latest_requests(case_id) if r["kind"] == kind), None)
            if current is None or (current["status"] in FINAL and status in ("to_file", "filed")):
                current = self._insert_request(case_id, kind, status, stamp)
            changes = _status_fields(current, status, on, granted_from, rights_until, via_pass, urgent)
            self.db["requests"].update(current["id"], {**changes, "status": status, "updated_at": stamp})
            self._event(case_id, stamp, "request", {"kind": kind, "status": status, "on": on.isoformat()})
            return self.db["requests"].get(current["id"])

    @guarded
    def record_transmission(self, case_id: str, *, on: date | None = None, kind: str = "ame") -> dict:
        """The PASS transmitted the filed request to the CPAM on `on`."""
        stamp, on = self._stamp(), on or self.today()
        with write(self.db):
            self._touch(case_id, stamp)
            current = next((r for r in self._latest_requests(case_id) if r["kind"] == kind), None)
            if current is None or not current["via_pass"] or current["status"] in FINAL:
                raise InvalidValue(f"Aucune demande {kind} déposée dans une PASS et en cours pour ce dossier.")
            _not_before(on, current["filed_on"], "transmission")
            self.db["requests"].update(current["id"], {"transmitted_on": on.isoformat(), "updated_at": stamp})
            self._event(case_id, stamp, "request", {"kind": kind, "status": "transmitted", "on": on.isoformat()})
            return self.db["requests"].get(current["id"])

    @guarded
    def refer(self, case_id: str, kind: str, *, on: date | None = None) -> None:
        """Record a referral made (MisAS, Assurance maladie social service, PASS, domiciliation)."""
        if kind not in REFERRAL_KINDS:
            raise InvalidValue(f"Orientation inconnue : {kind} (attendu : {', '.join(REFERRAL_KINDS)}).")
        stamp, on = self._stamp(), on or self.today()
        with write(self.db):
            self._touch(case_id, stamp)
            self.db["referrals"].insert({"case_id": case_id, "kind": kind, "referred_on": on.isoformat()})
            self._event(case_id, stamp, "referral", {"kind": kind, "on": on.isoformat()})

    @guarded
    def due(self, kb, *, on: date | None = None, days: int = 7) -> list[Deadline]:
        """Deadlines of open cases falling due by `on + days`, overdue ones included, by date."""
        on = on or self.today()
        rows = self.db.query(
            "SELECT r.* FROM requests r JOIN cases c ON c.id = r.case_id "
            "WHERE c.erased_on IS NULL AND c.closed_on IS NULL AND r.status NOT IN ('refused', 'closed') "
            "AND (r.status != 'granted' OR r.rights_until IS NULL OR r.rights_until >= ?) "
            "AND r.id IN (SELECT max(id) FROM requests GROUP BY case_id, kind)",
            [on.isoformat()],
        )
        rows = list(rows)
        found = [d for row in rows for d in deadlines(row, kb) if is_due(d, on, days)]
        found += [d for d in self._filing_deadlines([r for r in rows if r["status"] == "to_file"])
                  if is_due(d, on, days) and d.date >= on]
        return sorted(found, key=lambda d: (d.date, d.case_id, d.kind))

    def _filing_deadlines(self, to_file: list[dict]) -> list[Deadline]:
        """A request still to file keeps the assessment's filing limits (e.g. the last day to
        keep AME retroactivity to a hospital stay)."""
        kinds: dict[str, set[str]] = {}
        for r in to_file:
            kinds.setdefault(r["case_id"], set()).add(r["kind"])
        found = []
        for start in range(0, len(kinds), 500):  # SQLite caps the number of bound parameters
            ids = list(kinds)[start:start + 500]
            rows = self.db.execute(f"SELECT case_id, assessment FROM case_state WHERE case_id IN "
                                   f"({','.join('?' * len(ids))}) AND assessment IS NOT NULL", ids).fetchall()
            for case_id, assessment in rows:
                for d in json.loads(assessment).get("deadlines", []):
                    if d.get("id") in _FILING_DEADLINES and d.get("for") in kinds[case_id]:
                        found.append(Deadline(d["id"], date.fromisoformat(d["date"]), d["label"],
                                              f"deadline.{d['id']}", case_id, d["for"]))
        return found

    # -- reading -------------------------------------------------------------------------------

    @guarded
    def get_case(self, case_id: str) -> dict:
        """The case with its answers (in the order first given), requests and referrals."""
        row = self._row(case_id)
        state = self.db.execute("SELECT dialog, situation, assessment FROM case_state WHERE case_id = ?",
                                [case_id]).fetchone() or (None, None, None)
        for column, value in zip(("dialog", "situation", "assessment"), state, strict=True):
            row[column] = json.loads(value) if value else None
        row["answers"] = self._answers(case_id)
        row["requests"] = list(self.db.query("SELECT * FROM requests WHERE case_id = ? ORDER BY id", [case_id]))
        row["referrals"] = list(self.db.query(
            "SELECT kind, referred_on FROM referrals WHERE case_id = ? ORDER BY id", [case_id]))
        return row

    @guarded
    def answers(self, case_id: str) -> dict:
        """question_id -> value, in the order first given: enough to resume a dialog."""
        self._row(case_id)
        return self._answers(case_id)

    @guarded
    def timeline(self, case_id: str) -> list[dict]:
        """Events and answers of a case, oldest first: {'at', 'kind', 'data'}."""
        self._row(case_id)
        events = [{"at": e["at"], "kind": e["kind"], "data": json.loads(e["data"]) if e["data"] else None}
                  for e in self.db.query("SELECT at, kind, data FROM events WHERE case_id = ? ORDER BY id", [case_id])]
        answers = [{"at": a["answered_at"], "kind": "answer", "data": {"question_id": a["question_id"]}}
                   for a in self.db.query("SELECT question_id, answered_at FROM answers WHERE case_id = ?", [case_id])]
        return sorted(events + answers, key=lambda e: e["at"])  # stable: events keep their order

    @guarded
    def list_cases(self, *, include_closed: bool = False, limit: int = 100, ids: list[str] | None = None) -> list[dict]:
        """Most recently active cases first (or the cases `ids`, in that order), with the
        current status of each request kind as 'kind:status ...'."""
        where = "c.erased_on IS NULL" + ("" if include_closed or ids is not None else " AND c.closed_on IS NULL")
        params: list = []
        if ids is not None:
            where += f" AND c.id IN ({', '.join('?' * len(ids))})"
            params += ids
        rows = list(self.db.query(
            "SELECT c.id, c.initials, c.site, c.opened_on, c.last_activity_on, c.closed_on, "
            "(SELECT group_concat(kind || ':' || status, ' ') FROM requests r WHERE r.case_id = c.id "
            " AND r.id IN (SELECT max(id) FROM requests WHERE case_id = c.id GROUP BY kind)) AS requests "
            f"FROM cases c WHERE {where} ORDER BY c.last_activity_on DESC, c.updated_at DESC LIMIT ?",
            [*params, limit]))
        if ids is not None:
            rows.sort(key=lambda row: ids.index(row["id"]))
        return rows

    @guarded
    def unfinished(self, agent: str, *, limit: int = 10) -> list[dict]:
        """The agent's consultations left before their result (a tab closed, a session ended),
        most recent first: id, initials, opened_on, last_activity_on."""
        return list(self.db.query(
            "SELECT c.id, c.initials, c.opened_on, c.last_activity_on FROM cases c "
            "JOIN case_state s ON s.case_id = c.id WHERE c.agent = ? AND s.assessment IS NULL "
            "AND c.erased_on IS NULL AND c.closed_on IS NULL "
            "ORDER BY c.last_activity_on DESC, c.updated_at DESC LIMIT ?", [agent, limit]))

    @guarded
    def search_rows(self) -> list[tuple[str, str | None, str]]:
        """(id, initials, notes) of every case not erased, most recently active first."""
        return self.db.execute(
            "SELECT c.id, c.initials, coalesce((SELECT group_concat(json_extract(data, '$.text'), ' ') "
            "FROM events WHERE case_id = c.id AND kind = 'note'), '') FROM cases c "
            "WHERE c.erased_on IS NULL ORDER BY c.last_activity_on DESC, c.updated_at DESC").fetchall()

    def search_index(self) -> SearchIndex:
        """A search index of the history as it is now (rebuild it after changes)."""
        return SearchIndex(self.search_rows())

    @guarded
    def export_case(self, case_id: str) -> dict:
        """Everything held about one person, for their right of access (RGPD art. 15)."""
        case = self.get_case(case_id)
        return {
            "format": "assistant-case-export/1",
            "exported_at": self._stamp(),
            "case": {k: v for k, v in case.items() if k not in ("answers", "requests", "referrals")},
            "answers": case["answers"],
            "requests": case["requests"],
            "referrals": case["referrals"],
            "timeline": self.timeline(case_id),
        }

    @guarded
    def report(self, start: date, end: date) -> dict:
        """The activity report of [start, end] (see assistant.store.report)."""
        if start > end:
            raise InvalidValue(f"Période vide : le début ({start.isoformat()}) suit la fin ({end.isoformat()}).")
        return build_report(self.db, start, end, lost_after_months=self.settings.lost_after_months)

    # -- data protection -------------------------------------------------------------------

    @guarded
    def erase(self, case_id: str) -> None:
        """Erase a case's personal data, keeping only what reports count (anonymised)."""
        with write(self.db):
            self._row(case_id)
            self._anonymise(case_id)
        self._flush_wal()
        logger.info("one case erased on request")

    @guarded
    def purge(self, *, older_than_months: int | None = None, on: date | None = None) -> int:
        """Anonymise every case with no activity for `older_than_months` (default: settings)."""
        months = older_than_months or self.settings.retention_months
        if months < 1:
            raise InvalidValue("La durée de conservation doit être d'au moins 1 mois.")
        cutoff = add_months(on or self.today(), -months).isoformat()
        with write(self.db):
            ids = [r[0] for r in self.db.execute(
                "SELECT id FROM cases WHERE erased_on IS NULL AND last_activity_on < ?", [cutoff])]
            for case_id in ids:
                self._anonymise(case_id)
        if ids:
            self._flush_wal()
        logger.info("retention purge (%d months): %d case(s) anonymised", months, len(ids))
        return len(ids)

    def _anonymise(self, case_id: str) -> None:
        """Re-key the case to a fresh random id (so a kept id or paper note no longer leads
        to it) and keep only dates, site, the anonymous profile, requests and referrals."""
        anon_id = new_case_id()
        while self.db.execute("SELECT 1 FROM cases WHERE id = ?", [anon_id]).fetchone():
            anon_id = new_case_id()
        today = self.today().isoformat()
        self.db.execute(
            "INSERT INTO cases (id, site, created_at, updated_at, closed_on, opened_on, last_activity_on, "
            "erased_on, age_band, sex, coverage_at_entry) SELECT ?, site, opened_on, opened_on, closed_on, "
            "opened_on, last_activity_on, ?, age_band, sex, coverage_at_entry FROM cases WHERE id = ?",
            [anon_id, today, case_id])
        for table in ("requests", "referrals"):
            self.db.execute(f"UPDATE {table} SET case_id = ? WHERE case_id = ?", [anon_id, case_id])
        for table in ("answers", "events", "case_state"):
            self.db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
        self.db.execute("DELETE FROM cases WHERE id = ?", [case_id])

    def _flush_wal(self) -> None:
        """Best effort: move erased pages out of the WAL file (secure_delete zeroes them)."""
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    # -- helpers ---------------------------------------------------------------------------------

    def _row(self, case_id: str) -> dict:
        row = self.db.execute("SELECT * FROM cases WHERE id = ? AND erased_on IS NULL", [case_id])
        values = row.fetchone()
        if values is None:
            raise CaseNotFound(case_id)
        return dict(zip([c[0] for c in row.description], values, strict=True))

    def _answers(self, case_id: str) -> dict:
        return {q: json.loads(v) for q, v in self.db.execute(
            "SELECT question_id, value FROM answers WHERE case_id = ? ORDER BY rowid", [case_id])}

    def _touch(self, case_id: str, stamp: str, *, situation: dict | None = None, dialog: dict | None = None) -> None:
        """Mark activity on a case (reopening it if closed), storing situation/dialog when given."""
        row = self.db.execute("SELECT opened_on FROM cases WHERE id = ? AND erased_on IS NULL", [case_id]).fetchone()
        if row is None:
            raise CaseNotFound(case_id)
        changes = {"updated_at": stamp, "last_activity_on": stamp[:10], "closed_on": None}
        state = {}
        if situation is not None:
            changes.update(profile(situation, date.fromisoformat(row[0])))
            state["situation"] = _json(situation)
        if dialog is not None:
            state["dialog"] = _json(dialog)
        self.db["cases"].update(case_id, changes)
        if state:
            self.db["case_state"].upsert({"case_id": case_id, **state}, pk="case_id")

    def _store_assessment(self, case_id: str, assessment: dict) -> None:
        release, _, digest = (assessment.get("kb_version") or "").partition("+")
        self.db["case_state"].upsert({"case_id": case_id, "assessment": _json(assessment)}, pk="case_id")
        self.db["cases"].update(case_id, {
            "kb_release": assessment.get("kb_release") or release or None,
            "kb_hash": assessment.get("kb_hash") or digest or None,
            "evaluated_on": assessment.get("evaluated_on"),
        })

    def _event(self, case_id: str, stamp: str, kind: str, data: dict | None) -> None:
        self.db["events"].insert({"case_id": case_id, "at": stamp, "kind": kind, "data": _json(data)})

    def _latest_requests(self, case_id: str) -> list[dict]:
        return list(self.db.query(
            "SELECT * FROM requests WHERE id IN (SELECT max(id) FROM requests WHERE case_id = ? GROUP BY kind)",
            [case_id]))

    def _insert_request(self, case_id: str, kind: str, status: str, stamp: str) -> dict:
        table = self.db["requests"].insert({"case_id": case_id, "kind": kind, "status": status,
                                            "created_on": stamp[:10], "updated_at": stamp})
        return table.get(table.last_pk)


def _status_fields(current: dict, status: str, on: date, granted_from, rights_until, via_pass, urgent) -> dict:
    """The date columns a status change sets, checked against the filing date."""
    iso = on.isoformat()
    if status == "filed":
        return {"filed_on": iso, "via_pass": int(via_pass), "urgent": int(urgent), "transmitted_on": None,
                "documents_requested_on": None}
    _not_before(on, current["filed_on"], STATUS_WORDS[status])
    if status == "documents_requested":
        return {"documents_requested_on": iso}
    if status == "granted":
        start = granted_from or on
        if rights_until is not None and rights_until < start:
            raise InvalidValue("La fin des droits précède leur début.")
        return {"decided_on": iso, "granted_from": start.isoformat(),
                "rights_until": rights_until.isoformat() if rights_until else None}
    if status == "refused":
        return {"decided_on": iso}
    if status == "closed":
        return {"closed_on": iso}
    return {}


STATUS_WORDS = {"to_file": "retour à déposer", "documents_requested": "demande de pièces",
                "granted": "décision", "refused": "décision", "closed": "clôture"}


def _not_before(on: date, filed_on: str | None, what: str) -> None:
    if filed_on and on.isoformat() < filed_on:
        raise InvalidValue(f"Date de {what} ({on.isoformat()}) antérieure au dépôt ({filed_on}).")


def _statuses(assessment: dict) -> dict:
    return {c.get("id"): c.get("status") for c in assessment.get("coverages", [])}


def _initials(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    cleaned = re.sub(r"[\s.\-]", "", value).upper()
    if not _INITIALS.match(cleaned):
        raise InvalidValue("Initiales : 1 à 4 lettres seulement (jamais le nom).")
    return cleaned


def _code(value: str | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if not _CODE.match(value):
        raise InvalidValue(f"Code {what} invalide : lettres, chiffres, . _ - (32 au plus).")
    return value


def _json(value) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_plain)


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")
