"""Saves each answer, the dialog state and the outcome to the case log as they come.

If the case log refuses a write (another counter holds the lock, a full disk...), nothing is
lost: the answers wait here, in order, and are written with the next successful save. The
caller shows the message returned.
"""

from __future__ import annotations

from assistant.dialogs.runner import Runner


class Recorder:
    """`log` is an `assistant.store.CaseLog`, or None when nothing is recorded. The case is
    created with the first answer, so opening and leaving the app records nothing."""

    def __init__(self, log, case_id: str | None = None, agent: str | None = None, *, opening: bool = False):
        self.log = log
        self.case_id = case_id
        self.agent = agent  # code of the agent a new case is attributed to
        # The case log opens after the first paint: answers typed before (type-ahead, a browser
        # tab answering at once) wait here until `connect`, instead of being dropped.
        self.opening = opening
        self.pending: list[tuple[str, dict]] = []  # answers not written yet, in order

    def connect(self, log, runner: Runner) -> str | None:
        """The case log is open: write what waited for it."""
        self.log, self.opening = log, False
        return self._flush(runner) if self.pending else None

    def answered(self, runner: Runner, question_id: str, answer: dict) -> str | None:
        """Record an answer; returns a message to show if the case log could not take it yet."""
        if self.log is None and not self.opening:
            return None
        self.pending.append((question_id, answer))
        return self._flush(runner) if self.log is not None else None

    def assessed(self, runner: Runner) -> str | None:
        if self.log is None:
            return None
        message = self._flush(runner)
        if message is not None or self.case_id is None:
            return message
        try:
            self.log.save_assessment(self.case_id, runner.assessment, situation=runner.situation)
        except Exception as error:  # noqa: BLE001 - only the case log's own errors are kept
            return _store_message(error)
        return None

    def _flush(self, runner: Runner) -> str | None:
        state = runner.state.to_json()
        try:
            if self.case_id is None and self.pending:
                self.case_id = self.log.create_case(dialog=state, agent=self.agent)
            while self.pending:
                question_id, answer = self.pending[0]
                self.log.save_answer(self.case_id, question_id, answer, situation=runner.situation, dialog=state)
                self.pending.pop(0)
        except Exception as error:  # noqa: BLE001 - only the case log's own errors are kept
            return _store_message(error)
        return None


def _store_message(error: Exception) -> str:
    # Imported here: the store (sqlite-utils) loads after the first question is shown, and
    # only a recorder with an open case log can get here.
    from assistant.store.errors import StoreError

    if not isinstance(error, StoreError):
        raise error
    return str(error)
