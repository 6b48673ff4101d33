"""Saves each answer, the dialog state and the outcome to the case log as they come."""

from __future__ import annotations

from assistant.dialogs.runner import Runner


class Recorder:
    """`log` is an `assistant.store.CaseLog`, or None when nothing is recorded. The case is
    created with the first answer, so opening and leaving the app records nothing."""

    def __init__(self, log, case_id: str | None = None):
        self.log = log
        self.case_id = case_id

    def answered(self, runner: Runner, question_id: str, answer: dict) -> None:
        if self.log is None:
            return
        state = runner.state.to_json()
        if self.case_id is None:
            self.case_id = self.log.create_case(dialog=state)
        self.log.save_answer(self.case_id, question_id, answer, situation=runner.situation, dialog=state)

    def assessed(self, runner: Runner) -> None:
        if self.log is not None and self.case_id is not None:
            self.log.save_assessment(self.case_id, runner.assessment, situation=runner.situation)
