"""What an assessment concludes, kept as the case's follow-up. The app, `dialog --jsonl` and
`cases add` all record through `record_outcome`, inside the transaction that stores the
assessment (a crash leaves all of it or none)."""

from __future__ import annotations

import json

import sqlite_utils

from assistant.store.followup import FINAL, assessment_due_dates

REFERRAL_KINDS = ("misas", "service_social", "pass", "domiciliation")
TRACKED_ON_ELIGIBILITY = ("puma", "css", "ame")


def record_outcome(db: sqlite_utils.Database, case_id: str, stamp: str, assessment: dict) -> None:
    """Within the caller's transaction, record for the case:
    - a 'to_file' request for each of PUMa, CSS, AME found eligible, with the start of rights
      expected; the 'to_file' requests of coverages no longer eligible are dropped (nothing was
      done about them yet);
    - each recommended referral as proposed, with its reasons; proposals no longer recommended
      and not made are dropped; a referral made before it was proposed counts for the proposal;
    - every deadline as a due date of the case (replacing those of the previous assessment);
    - whether urgent care (DSUV) can be billed by the hospital (NULL while to check).
    """
    coverages = {c.get("id"): c for c in assessment.get("coverages", [])}
    eligible = {kind for kind in TRACKED_ON_ELIGIBILITY if coverages.get(kind, {}).get("status") == "eligible"}
    latest = latest_requests(db, case_id)
    for r in latest:  # an edited answer can take back an eligibility not acted upon yet
        if r["status"] == "to_file" and r["kind"] not in eligible:
            db["requests"].delete(r["id"])
    open_kinds = {r["kind"] for r in latest if r["status"] not in FINAL}
    for kind in sorted(eligible - open_kinds):
        insert_request(db, case_id, kind, "to_file", stamp)
    for kind in sorted(eligible):
        db.execute("UPDATE requests SET expected_from = ? WHERE case_id = ? AND kind = ? AND status = 'to_file'",
                   [coverages[kind].get("effective_date"), case_id, kind])

    recommended = {r["id"]: r for r in assessment.get("referrals", []) if r.get("id") in REFERRAL_KINDS}
    proposals = {p["kind"]: p for p in db.query(
        "SELECT id, kind, referral_id FROM referral_proposals WHERE case_id = ?", [case_id])}
    for kind, proposal in proposals.items():
        if kind in recommended:
            db["referral_proposals"].update(proposal["id"], {"reasons": _reasons(recommended[kind])})
        elif proposal["referral_id"] is None:
            db["referral_proposals"].delete(proposal["id"])
    for kind in [k for k in recommended if k not in proposals]:  # in the assessment's order
        made = db.execute(
            "SELECT max(id) FROM referrals WHERE case_id = ? AND kind = ? AND id NOT IN "
            "(SELECT referral_id FROM referral_proposals WHERE referral_id IS NOT NULL)", [case_id, kind]).fetchone()[0]
        db["referral_proposals"].insert({"case_id": case_id, "kind": kind, "proposed_on": stamp[:10],
                                         "reasons": _reasons(recommended[kind]), "referral_id": made})

    db.execute("DELETE FROM due_dates WHERE case_id = ?", [case_id])
    db["due_dates"].insert_all([{"case_id": case_id, **d} for d in assessment_due_dates(assessment)])
    dsuv = coverages.get("dsuv", {}).get("status")
    db["cases"].update(case_id, {"urgent_care": None if dsuv in (None, "to_check") else int(dsuv == "eligible")})


def latest_requests(db: sqlite_utils.Database, case_id: str) -> list[dict]:
    """The current request of each kind (a renewal starts a new one)."""
    return list(db.query(
        "SELECT * FROM requests WHERE id IN (SELECT max(id) FROM requests WHERE case_id = ? GROUP BY kind)",
        [case_id]))


def insert_request(db: sqlite_utils.Database, case_id: str, kind: str, status: str, stamp: str) -> dict:
    table = db["requests"].insert({"case_id": case_id, "kind": kind, "status": status,
                                   "created_on": stamp[:10], "updated_at": stamp})
    return table.get(table.last_pk)


def _reasons(referral: dict) -> str:
    return json.dumps(referral.get("reasons") or [], ensure_ascii=False, separators=(",", ":"))
