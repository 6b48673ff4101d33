"""The case log: an SQLite file (sqlite-utils) holding cases, follow-up and activity reports.

Python API (every error is a StoreError whose message can be shown as is):

    log = CaseLog(path=None, *, read_only=False, settings=None, clock=None)  # None: ASSISTANT_DB or user data dir
    case_id = log.create_case(initials=None, agent=None, site=None, dialog=None, demo=False)
    case_id = log.add_case(assessment, situation, initials=None, agent=None, site=None)  # one transaction
    log.save_answer(case_id, question_id, value, situation=None, dialog=None)   # committed on return
    log.forget_answer(case_id, question_id, situation=None, dialog=None)
    log.save_assessment(case_id, assessment, situation=None, dialog=None)  # + requests, referrals proposed, due dates
    log.get_case(case_id) / log.answers(case_id) / log.timeline(case_id) / log.export_case(case_id)
    log.list_cases(include_closed=False, limit=100, ids=None) / log.search(query, limit=20)
    log.add_note / log.update_request / log.record_transmission / log.close_case
    log.refer(case_id, kind, on=None) -> dict   # marks the proposal made, or a referral without proposal
    log.due(kb, on=None, days=7) -> [Deadline] / log.report(start, end, include_demo=False) -> dict

Case numbers are found whatever the case of their letters, with or without the dash.
    log.erase(case_id) / log.purge(older_than_months=None, on=None) -> int

Nothing here imports textual; nothing is created until a CaseLog is opened.
"""

from assistant.store.caselog import CaseLog
from assistant.store.errors import CaseNotFound, InvalidValue, StoreBusy, StoreDamaged, StoreError, StoreReadOnly
from assistant.store.followup import Deadline

__all__ = ["CaseLog", "CaseNotFound", "Deadline", "InvalidValue", "StoreBusy", "StoreDamaged", "StoreError",
           "StoreReadOnly"]
