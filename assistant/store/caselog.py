"""The case log: cases, answers saved as given, assessments, follow-up, notes, erasure.

Every public method is one short write transaction (or one read) and raises only
StoreError subclasses. JSON columns hold plain data: dates are written as ISO text and
come back as text. A CaseLog is not for use by several threads at once: open one per thread.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from assistant.store.db import connect, write
from assistant.store.errors import CaseNotFound, InvalidValue, guarded
from assistant.dates import add_months
from assistant.store.followup import FINAL, KEPT_ONCE_FILED, KINDS, STATUSES, Deadline, deadlines, is_due
from assistant.store.outcome import REFERRAL_KINDS, insert_request, latest_requests, record_outcome
from assistant.store.profile import profile
from assistant.store.report import build_report
from assistant.store.search import HistorySearch
from assistant.store.settings import StoreSettings, settings_from_env

logger = logging.getLogger(__name__)  # counts only: never ids, initials, answers or notes
# Crockford base32 without I, L, O, U: ids read aloud or copied by hand stay unambiguous.
_ID_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_INITIALS = re.compile(r"^[A-Z]{1,4}$")
_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")
# What an agent may type for a Crockford character (ids never hold them), and the separators.
_ID_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


@dataclass
class Residue:
    """Files that still hold erased cases: the log or its journal (pinned by another instance's
    read until it closes the log) and repair backups (copies the user must delete)."""

    live: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)


def new_case_id() -> str:
    """Random pseudonymous id (40 bits), e.g. 'K7Q2-M9XD': derived from nothing about the person."""
    raw = "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def canonical_id(text: str) -> str:
    """A case number as typed ('k7q2-m9xd', 'K7Q2M9XD', ' k7q2 m9xd ') as it is stored."""
    raw = str(text).strip().upper().translate(_ID_TYPOS)
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else str(text).strip()


def _by_id(method):
    """Find the case whatever the case of its letters, with or without its dash; an unknown
    number is reported as it was typed."""

    @functools.wraps(method)
    def wrapper(self, case_id, *args, **kwargs):
        try:
            return method(self, canonical_id(case_id), *args, **kwargs)
        except CaseNotFound:
            raise CaseNotFound(str(case_id).strip()) from None

    return wrapper


class CaseLog:
    def __init__(self, path: Path | str | None = None, *, read_only: bool = False,
                 settings: StoreSettings | None = None, clock: Callable[[], datetime] | None = None):
        self.settings = settings or settings_from_env()
        self.path = Path(path) if path is not None else self.settings.resolved_db_path()
        self.read_only = read_only
        self.last_residue = Residue()  # of the last purge
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
                    site: str | None = None, dialog: dict | None = None, demo: bool = False) -> str:
        """A new case; returns its pseudonymous id. Initials: 1-4 letters, never a name.
        `demo`: a demonstration (app run on another date with --on), left out of reports."""
        initials, agent, site = _initials(initials), _code(agent, "agent"), _code(site, "site")
        stamp = self._stamp()
        with write(self.db):
            return self._insert_case(stamp, initials=initials, agent=agent, site=site, dialog=dialog, demo=demo)

    @guarded
    def add_case(self, assessment: dict, situation: dict, *, initials: str | None = None,
                 agent: str | None = None, site: str | None = None, demo: bool = False) -> str:
        """A case with its assessment and all it records (requests to file, referrals proposed,
        due dates, urgent-care flag), in one transaction: a crash leaves all of it or nothing."""
        initials, agent, site = _initials(initials), _code(agent, "agent"), _code(site, "site")
        stamp = self._stamp()
        with write(self.db):
            case_id = self._insert_case(stamp, initials=initials, agent=agent, site=site, dialog=None, demo=demo)
            self._assessed(case_id, stamp, assessment, situation)
        return case_id

    def _insert_case(self, stamp: str, *, initials, agent, site, dialog, demo: bool) -> str:
        case_id = new_case_id()
        while self.db.execute("SELECT 1 FROM cases WHERE id = ?", [case_id]).fetchone():
            case_id = new_case_id()
        self.db["cases"].insert({
            "id": case_id, "initials": initials, "agent": agent, "site": site,
            "created_at": stamp, "updated_at": stamp, "opened_on": stamp[:10],
            "last_activity_on": stamp[:10], "demo": int(demo), **profile(None, self.today()),
        })
        self.db["case_state"].insert({"case_id": case_id, "dialog": _json(dialog)})
        self._event(case_id, stamp, "created", {"demo": True} if demo else None)
        return case_id

    @guarded
    @_by_id
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
    @_by_id
    def forget_answer(self, case_id: str, question_id: str, *, situation: dict | None = None,
                      dialog: dict | None = None) -> None:
        """Drop an answer that an edit made irrelevant."""
        stamp = self._stamp()
        with write(self.db):
            self._touch(case_id, stamp, situation=situation, dialog=dialog)
            self.db.execute("DELETE FROM answers WHERE case_id = ? AND question_id = ?", [case_id, question_id])

    @guarded
    @_by_id
    def save_assessment(self, case_id: str, assessment: dict, *, situation: dict | None = None,
                        dialog: dict | None = None) -> None:
        """Store the engine's assessment and what it concludes (see `outcome.record_outcome`), with the
        situation and dialog state when given, in one transaction."""
        stamp = self._stamp()
        with write(self.db):
            self._touch(case_id, stamp, situation=situation, dialog=dialog)
            self._assessed(case_id, stamp, assessment)

    def _assessed(self, case_id: str, stamp: str, assessment: dict, situation: dict | None = None) -> None:
        if situation is not None:
            self._touch(case_id, stamp, situation=situation)
        self._store_assessment(case_id, assessment)
        self._event(case_id, stamp, "assessment", {"kb_version": assessment.get("kb_version"),
                                                   "statuses": _statuses(assessment)})
        self._record_outcome(case_id, stamp, assessment)

    def _record_outcome(self, case_id: str, stamp: str, assessment: dict) -> None:
        record_outcome(self.db, case_id, stamp, assessment)

    @guarded
    @_by_id
    def record_recheck(self, case_id: str, assessment: dict, changes: list[dict]) -> None:
        """Store a re-evaluation made with a newer knowledge base (not an activity on the case),
        and what it concludes: the follow-up follows the assessment in force."""
        stamp = self._stamp()
        with write(self.db):
            self._row(case_id)
            self._store_assessment(case_id, assessment)
            self._record_outcome(case_id, stamp, assessment)
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
    @_by_id
    def add_note(self, case_id: str, text: str) -> None:
        text = text.strip()
        if not text:
            raise InvalidValue("Note vide.")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # undecodable bytes given on the command line
            raise InvalidValue("Note illisible : le texte n'est pas en UTF-8 (vérifiez l'encodage du terminal).") from None
        stamp = self._stamp()
        with write(self.db):
            self._touch(case_id, stamp)
            self._event(case_id, stamp, "note", {"text": text})

    @guarded
    @_by_id
    def close_case(self, case_id: str, *, on: date | None = None) -> None:
        """Close the follow-up (any later activity reopens it)."""
        stamp, on = self._stamp(), on or self.today()
        with write(self.db):
            self._touch(case_id, stamp)
            self.db.execute("UPDATE cases SET closed_on = ? WHERE id = ?", [on.isoformat(), case_id])
            self._event(case_id, stamp, "closed", {"on": on.isoformat()})

    # -- follow-up ---------------------------------------------------------------------------

    @guarded
    @_by_id
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
    @_by_id
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
    @_by_id
    def refer(self, case_id: str, kind: str, *, on: date | None = None) -> dict:
        """Record a referral made (MisAS, Assurance maladie social service, PASS, domiciliation):
        the proposal of that kind still waiting is marked made; without one, the referral is
        recorded as made without proposal. Returns the referral as `get_case` lists it."""
        if kind not in REFERRAL_KINDS:
            raise InvalidValue(f"Orientation inconnue : {kind} (attendu : {', '.join(REFERRAL_KINDS)}).")
        stamp, on = self._stamp(), on or self.today()
        with write(self.db):
            self._touch(case_id, stamp)
            referral_id = self.db["referrals"].insert(
                {"case_id": case_id, "kind": kind, "referred_on": on.isoformat()}).last_pk
            waiting = self.db.execute("SELECT id FROM referral_proposals WHERE case_id = ? AND kind = ? "
                                      "AND referral_id IS NULL", [case_id, kind]).fetchone()
            if waiting:
                self.db["referral_proposals"].update(waiting[0], {"referral_id": referral_id})
            self._event(case_id, stamp, "referral", {"kind": kind, "on": on.isoformat(), "proposed": bool(waiting)})
        return next(r for r in self._referrals(case_id) if r["kind"] == kind and r["referred_on"] == on.isoformat())

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
        found = [d for row in rows for d in deadlines(row, kb) if is_due(d, on, days)]
        found += [d for d in self._due_dates(on, days) if is_due(d, on, days)]
        return sorted(found, key=lambda d: (d.date, d.case_id, d.kind))

    def _due_dates(self, on: date, days: int) -> list[Deadline]:
        """The due dates recorded from the assessments of open cases, except those of a
        coverage whose request was filed since: its own follow-up dates take over then
        (dates about the rights themselves stay)."""
        kept = ", ".join("?" * len(KEPT_ONCE_FILED))
        rows = self.db.execute(
            "SELECT d.deadline, d.date, d.label, d.case_id, d.kind, d.ends FROM due_dates d "
            "JOIN cases c ON c.id = d.case_id WHERE c.erased_on IS NULL AND c.closed_on IS NULL "
            f"AND d.date <= ? AND (d.ends IS NULL OR d.ends >= ?) AND (d.deadline IN ({kept}) OR NOT EXISTS "
            "(SELECT 1 FROM requests r WHERE r.case_id = d.case_id AND r.kind = d.kind AND r.status != 'to_file' "
            "AND r.id = (SELECT max(id) FROM requests WHERE case_id = d.case_id AND kind = d.kind)))",
            [(on + timedelta(days=days)).isoformat(), on.isoformat(), *KEPT_ONCE_FILED])
        return [Deadline(deadline, date.fromisoformat(day), label, f"deadline.{deadline}", case_id, kind,
                         date.fromisoformat(ends) if ends else None)
                for deadline, day, label, case_id, kind, ends in rows]

    # -- reading -------------------------------------------------------------------------------

    @guarded
    @_by_id
    def get_case(self, case_id: str) -> dict:
        """The case with its answers (in the order first given), requests and referrals."""
        row = self._row(case_id)
        state = self.db.execute("SELECT dialog, situation, assessment FROM case_state WHERE case_id = ?",
                                [case_id]).fetchone() or (None, None, None)
        for column, value in zip(("dialog", "situation", "assessment"), state, strict=True):
            row[column] = json.loads(value) if value else None
        row["answers"] = self._answers(case_id)
        row["requests"] = list(self.db.query("SELECT * FROM requests WHERE case_id = ? ORDER BY id", [case_id]))
        row["referrals"] = self._referrals(case_id)
        row["due_dates"] = list(self.db.query("SELECT deadline, kind, date, ends, label FROM due_dates "
                                              "WHERE case_id = ? ORDER BY date, id", [case_id]))
        return row

    def _referrals(self, case_id: str) -> list[dict]:
        """Referrals proposed by the assessment (made or not) and referrals made without proposal:
        {kind, status ('proposed' or 'made'), proposed_on, referred_on, reasons}."""
        proposed = [{"kind": kind, "status": "made" if referred_on else "proposed", "proposed_on": proposed_on,
                     "referred_on": referred_on, "reasons": json.loads(reasons) if reasons else []}
                    for kind, proposed_on, referred_on, reasons in self.db.execute(
                        "SELECT p.kind, p.proposed_on, r.referred_on, p.reasons FROM referral_proposals p "
                        "LEFT JOIN referrals r ON r.id = p.referral_id WHERE p.case_id = ? ORDER BY p.id", [case_id])]
        unproposed = [{"kind": kind, "status": "made", "proposed_on": None, "referred_on": referred_on, "reasons": []}
                      for kind, referred_on in self.db.execute(
                          "SELECT kind, referred_on FROM referrals WHERE case_id = ? AND id NOT IN (SELECT referral_id "
                          "FROM referral_proposals WHERE case_id = ? AND referral_id IS NOT NULL) ORDER BY id",
                          [case_id, case_id])]
        return proposed + unproposed

    @guarded
    @_by_id
    def answers(self, case_id: str) -> dict:
        """question_id -> value, in the order first given: enough to resume a dialog."""
        self._row(case_id)
        return self._answers(case_id)

    @guarded
    @_by_id
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
            "SELECT c.id, c.initials, c.site, c.opened_on, c.last_activity_on, c.closed_on, c.demo, "
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

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of the cases matching every word of `query` (id, initials, note words, coverage),
        most recently active first (see assistant.store.search)."""
        return self.history_search().search(query, limit)

    def history_search(self) -> HistorySearch:
        """A search of this case log; keep it while a screen searches (it caches its typo vocabulary)."""
        return HistorySearch(self.db, self.path)

    @guarded
    @_by_id
    def export_case(self, case_id: str) -> dict:
        """Everything held about one person, for their right of access (RGPD art. 15)."""
        case = self.get_case(case_id)
        return {
            "format": "assistant-case-export/1",
            "exported_at": self._stamp(),
            "case": {k: v for k, v in case.items() if k not in ("answers", "requests", "referrals", "due_dates")},
            "answers": case["answers"],
            "requests": case["requests"],
            "referrals": case["referrals"],
            "due_dates": case["due_dates"],
            "timeline": self.timeline(case_id),
        }

    @guarded
    def report(self, start: date, end: date, *, include_demo: bool = False) -> dict:
        """The activity report of [start, end] (see assistant.store.report); demonstrations
        are left out (and counted apart) unless `include_demo`."""
        if start > end:
            raise InvalidValue(f"Période vide : le début ({start.isoformat()}) suit la fin ({end.isoformat()}).")
        return build_report(self.db, start, end, lost_after_months=self.settings.lost_after_months,
                            include_demo=include_demo)

    # -- data protection -------------------------------------------------------------------

    @guarded
    @_by_id
    def erase(self, case_id: str) -> Residue:
        """Erase a case's personal data, keeping only what reports count (anonymised), then
        make sure it is gone from the disk: says which files still hold it (see Residue)."""
        with write(self.db):
            self._row(case_id)
            self._anonymise(case_id)
            self._forget_search_words()
        logger.info("one case erased on request")
        return self._flush_wal([case_id])

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
                self._forget_search_words()
        self.last_residue = self._flush_wal(ids) if ids else Residue()
        logger.info("retention purge (%d months): %d case(s) anonymised", months, len(ids))
        return len(ids)

    def _forget_search_words(self) -> None:
        """Merge the full-text index into one segment: FTS5 keeps a deleted case's words in its
        older segments until they merge (SQLite 3.40 has no 'secure-delete' option); the merge
        rewrites them and secure_delete zeroes the pages it frees."""
        self.db.execute("INSERT INTO case_search_fts (case_search_fts) VALUES ('optimize')")

    def _anonymise(self, case_id: str) -> None:
        """Re-key the case to a fresh random id (so a kept id or paper note no longer leads
        to it) and keep only dates, site, the anonymous profile, requests and referrals (proposed
        and made, without their reasons)."""
        anon_id = new_case_id()
        while self.db.execute("SELECT 1 FROM cases WHERE id = ?", [anon_id]).fetchone():
            anon_id = new_case_id()
        today = self.today().isoformat()
        self.db.execute(
            "INSERT INTO cases (id, site, created_at, updated_at, closed_on, opened_on, last_activity_on, "
            "erased_on, age_band, sex, coverage_at_entry, demo, urgent_care) SELECT ?, site, opened_on, opened_on, "
            "closed_on, opened_on, last_activity_on, ?, age_band, sex, coverage_at_entry, demo, urgent_care "
            "FROM cases WHERE id = ?",
            [anon_id, today, case_id])
        for table in ("requests", "referrals"):
            self.db.execute(f"UPDATE {table} SET case_id = ? WHERE case_id = ?", [anon_id, case_id])
        # Proposals are counted by reports; their reasons describe the person.
        self.db.execute("UPDATE referral_proposals SET case_id = ?, reasons = NULL WHERE case_id = ?", [anon_id, case_id])
        for table in ("answers", "events", "case_state", "due_dates"):
            self.db.execute(f"DELETE FROM {table} WHERE case_id = ?", [case_id])
        self.db.execute("DELETE FROM cases WHERE id = ?", [case_id])

    def _flush_wal(self, case_ids: list[str]) -> Residue:
        """Write the erased (zeroed, secure_delete) pages over the old ones in the file and empty
        the journal, waiting up to the busy timeout for other instances' reads to end (their
        snapshot pins the old pages); then look for the ids in the files and repair backups."""
        deadline = time.monotonic() + self.settings.busy_timeout_s
        while self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] and time.monotonic() < deadline:
            time.sleep(0.05)
        from assistant.store.repair import backups_holding, files_holding

        live = [self.path, Path(f"{self.path}-wal")]
        return Residue(live=files_holding(live, case_ids), backups=backups_holding(self.path, case_ids))

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
        return latest_requests(self.db, case_id)

    def _insert_request(self, case_id: str, kind: str, status: str, stamp: str) -> dict:
        return insert_request(self.db, case_id, kind, status, stamp)


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
    if not _INITIALS.fullmatch(cleaned):
        raise InvalidValue("Initiales : 1 à 4 lettres seulement (jamais le nom).")
    return cleaned


def _code(value: str | None, what: str) -> str | None:
    if value is None or value == "":
        return None
    if not _CODE.fullmatch(value):
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
