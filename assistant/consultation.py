"""One consultation: the dialog runner, the reading of what the agent types, the recording in
the case log, and the assessment. No UI: the chat app and `python -m assistant dialog --jsonl`
both drive this object, so what either face reads and records goes through the same code.

Recording. The case is created with the first answer (opening and leaving records nothing).
Each answer is saved as it is given, with the situation and the dialog state; when the dialog
reaches its result, the assessment and what it concludes (requests to file, referrals proposed,
due dates, urgent-care flag: `CaseLog.save_assessment`). If the case log refuses a write
(another counter holds the lock, a full disk...), nothing is lost: what was not written waits
here, in order, and goes with the next successful save; the caller shows the message returned.
Answers given before the case log is connected (the app opens it after its first paint) wait
the same way.

Sub-dialogs. Once the result has been reached, the dialogs the agent opens from it (follow-up,
documents, referral) may not change it silently: an answer that would change a coverage
decision of that result comes back as a `confirm` step, not applied, and is applied only when
the agent confirms (`answer(answer, confirmed=True)`). Confirming, like editing an earlier
answer, reopens the consultation on purpose: the rest of that dialog is not asked about again,
and its result replaces the recorded one when the dialog ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Callable, Literal

from assistant.dialogs.answers import Choice, choices, echo, interpret, re_ask
from assistant.dialogs.model import Question
from assistant.dialogs.outcome import coverage_name, status_line
from assistant.dialogs.precision import parent_id
from assistant.dialogs.runner import DECISION, Assess, Rejected, Runner
from assistant.dialogs.state import DialogState
from assistant.i18n import _


class NotRecorded(Exception):
    """The consultation is not in the case log (--no-log, or no answer yet); the message says so."""


@dataclass(frozen=True)
class Step:
    """What one answer did.

    kind: `understood` (applied; `text` is the reading in words), `invalid` (not understood;
    `text` says what to type instead), `refused` (contradicts earlier answers; `text` says why),
    `confirm` (would change the result already given; `text` says how; not applied).
    `problem`: the case log refused a write; what to tell the agent (nothing is lost)."""

    kind: Literal["understood", "invalid", "refused", "confirm"]
    question: Question
    text: str
    answer: dict | None = None
    problem: str | None = None


class Consultation:
    def __init__(self, runner: Runner, *, log=None, record: bool = True, case_id: str | None = None,
                 demo: bool = False, accepted: dict | None = None, agent: str | None = None,
                 site: str | None = None):
        """`log`: an open `assistant.store.CaseLog`, or None until `connect`; `record`: False
        for --no-log; `demo`: a demonstration (another date than today), left out of reports;
        `accepted`: the result the agent has been shown, when resuming after it."""
        self.runner = runner
        self.log = log
        self.recording = record
        self.case_id = case_id
        self.demo = demo
        self.accepted = accepted
        self.agent, self.site = agent, site  # recorded with a new case
        self._pending: list[tuple[str, dict]] = []  # answers not written yet, in order
        self._result_pending = False

    @classmethod
    def open(cls, assess_for: Callable[[date], Assess], on: date, *, log=None, record: bool = True,
             case_id: str | None = None, demo: bool = False, dialogs=None, site=None,
             agent: str | None = None) -> "Consultation":
        """A new consultation on `on`, or the case `case_id` of `log` resumed where it stopped
        (on its own evaluation date, demonstration or not as it was recorded). Raises the case
        log's CaseNotFound for an unknown number. `site`: the site's settings (`SiteSettings`):
        its territory is a fact not asked, its agent code the default of `agent`."""
        from assistant.dialogs.loader import load

        dialogs = dialogs or load()
        if case_id is None:
            defaults = {"resources.territory": site.territory} if site is not None and site.territory else {}
            state = DialogState(on=on, defaults=defaults)
            return cls(Runner(dialogs, assess_for(on), state), log=log, record=record, demo=demo,
                       agent=agent or (site.agent if site else None), site=site.site if site else None)
        case = log.get_case(case_id)
        state = DialogState.from_json(case["dialog"]) if case["dialog"] else DialogState(on=on)
        runner = Runner(dialogs, assess_for(state.on), state)
        stored = case["assessment"]
        after_result = runner.done or bool(state.added)
        consultation = cls(runner, log=log, record=True, case_id=case["id"], demo=bool(case.get("demo")),
                           accepted=stored if after_result else None, agent=case.get("agent"))
        if runner.done and stored is None:  # stopped between the last answer and its result
            consultation._result_pending = True
            consultation.accepted = runner.assessment
            consultation.flush()
        return consultation

    # -- what the faces read ---------------------------------------------------------------

    @property
    def on(self) -> date:
        return self.runner.state.on

    @property
    def question(self) -> Question | None:
        return self.runner.question

    @property
    def done(self) -> bool:
        return self.runner.done

    @property
    def assessment(self) -> dict:
        return self.runner.assessment

    @property
    def situation(self) -> dict:
        return self.runner.situation

    def replies(self, question: Question | None = None) -> list[Choice]:
        """The numbered quick replies of the question (the current one by default)."""
        question = question or self.question
        return choices(question) if question else []

    def back_target(self, before: Question | None = None) -> Question | None:
        """The question an edit "back" goes to: the last one answered, or the one answered
        just before `before`; None when there is none."""
        asked = [q for q, _ in self.runner.applied()]
        if before is None:
            return asked[-1] if asked else None
        index = next((i for i, q in enumerate(asked) if q.id == before.id), 0)
        return asked[index - 1] if index > 0 else None

    # -- what the faces do -----------------------------------------------------------------

    def read(self, text: str, question: Question | None = None) -> dict | None:
        """The answer a typed line gives to `question` (the current one by default), or None
        when it is not understood: the one reading of typed text, for every face."""
        question = question or self.question
        return interpret(question, text, self.on) if question is not None and text.strip() else None

    def say(self, text: str) -> Step:
        """A line typed for the current question: read, answered and recorded."""
        question = self.question
        if question is None:
            raise ValueError("the dialog is over: nothing to answer")
        answer = self.read(text)
        return self.answer(answer) if answer is not None else Step("invalid", question, re_ask(question))

    def say_edit(self, question_id: str, text: str) -> Step:
        """A line typed to change the answer of an earlier question."""
        question = self.runner.lookup(question_id)
        answer = self.read(text, question)
        return self.edit(question_id, answer) if answer is not None else Step("invalid", question, re_ask(question))

    def answer(self, answer: dict, *, confirmed: bool = False) -> Step:
        """Answer the current question and record it (and the result when the dialog ends)."""
        question = self.runner.question
        if question is None:
            raise ValueError("the dialog is over: nothing to answer")
        try:
            if self.accepted is not None and not confirmed:
                changes = coverage_changes(self.accepted, self.runner.trial(answer))
                if changes:
                    return Step("confirm", question, changes, answer)
            self.runner.answer(answer)
        except Rejected as refused:
            return Step("refused", question, refused.message, answer)
        if confirmed:  # the agent reopened the result: recorded anew when the dialog ends
            self.accepted = None
        parent = parent_id(question.id)  # a follow-up: its question's answer, made precise, is what is kept
        problem = self._record(parent, self.runner.state.answers[parent]) if parent else self._record(question.id, answer)
        return Step("understood", question, echo(question, answer), answer, problem)

    def edit(self, question_id: str, answer: dict) -> Step:
        """Change an earlier answer (later answers it does not affect are kept)."""
        question = self.runner.lookup(question_id)
        try:
            self.runner.edit(question_id, answer)
        except Rejected as refused:
            return Step("refused", question, refused.message, answer)
        self.accepted = None  # the consultation is reopened: its result is recorded again at the end
        problem = self._record(question_id, answer)
        return Step("understood", question, echo(question, answer), answer, problem)

    def open_dialog(self, dialog_id: str) -> str | None:
        """Open a dialog from the result (documents, referral, renewal); returns a case-log problem."""
        self.runner.open_dialog(dialog_id)
        return self._finish() if self.runner.done else None

    def refer(self, kind: str, on: date | None = None) -> dict:
        """Mark a referral as made (the proposal of that kind, if any): the referral as the
        case log lists it. Raises NotRecorded, or the case log's StoreError."""
        if self.case_id is None or self.log is None:
            raise NotRecorded(_("Cette consultation n'est pas enregistrée dans le journal des dossiers."))
        return self.log.refer(self.case_id, kind, on=on)

    def relanguage(self) -> None:
        """The interface changed language: the assessment's texts follow. The result already
        given is replaced by its translation only when it decides the same (never silently by
        another decision)."""
        self.runner.reassess()
        if self.accepted is not None and not coverage_changes(self.accepted, self.runner.assessment):
            self.accepted = self.runner.assessment

    def referrals_waiting(self) -> list[str]:
        """The referrals the result recommends that are not marked made yet, in its order."""
        recommended = [r["id"] for r in self.assessment.get("referrals", [])]
        if self.case_id is None or self.log is None:
            return recommended
        made = {r["kind"] for r in self.log.get_case(self.case_id)["referrals"] if r["status"] == "made"}
        return [kind for kind in recommended if kind not in made]

    # -- the case log ----------------------------------------------------------------------

    def connect(self, log) -> str | None:
        """The case log is open: write what waited for it; returns a problem to show."""
        self.log = log
        return self.flush()

    def stop_recording(self) -> None:
        """Go on without a case log (it could not be opened); what waited is dropped."""
        self.log, self.recording = None, False
        self._pending.clear()
        self._result_pending = False

    @property
    def unsaved(self) -> bool:
        """Whether something waits to be written (the case log refused it, or is not open yet)."""
        return self.recording and bool(self._pending or self._result_pending)

    def flush(self) -> str | None:
        """Write what waits, in order; returns the case log's message if it refused."""
        if self.log is None or not self.unsaved:
            return None
        state, situation = self.runner.state.to_json(), self.runner.situation
        try:
            if self.case_id is None:
                self.case_id = self.log.create_case(dialog=state, demo=self.demo, agent=self.agent, site=self.site)
            while self._pending:
                question_id, answer = self._pending[0]
                self.log.save_answer(self.case_id, question_id, answer, situation=situation, dialog=state)
                self._pending.pop(0)
            if self._result_pending:
                self.log.save_assessment(self.case_id, self.runner.assessment, situation=situation, dialog=state)
                self._result_pending = False
        except Exception as error:  # noqa: BLE001 - only the case log's own errors are kept
            return _store_message(error)
        return None

    def _record(self, question_id: str, answer: dict) -> str | None:
        if self.recording:
            self._pending.append((question_id, answer))
        return self._finish() if self.runner.done else self.flush()

    def _finish(self) -> str | None:
        """The dialog reached its result: it is what the agent sees, and what the log keeps."""
        self.accepted = self.runner.assessment
        self._result_pending = self.recording
        return self.flush()


def coverage_changes(before: dict, after: dict) -> str:
    """The coverage decisions that differ between two assessments, one line each ('' if none):
    `Aide médicale de l'État (AME) : Peut être demandée… → Droits ouverts…`."""
    old = {c["id"]: c for c in before.get("coverages", [])}
    lines = []
    for coverage in after.get("coverages", []):
        previous = old.get(coverage["id"], {})
        if tuple(previous.get(k) for k in DECISION) != tuple(coverage.get(k) for k in DECISION):
            was = status_line(previous) if previous else "—"
            lines.append(f"{coverage_name(coverage['id'])} : {was} → {status_line(coverage)}")
    return "\n".join(lines)


def _store_message(error: Exception) -> str:
    # Imported here: the store (sqlite-utils) loads after the first question is shown, and
    # only a consultation with an open case log can get here.
    from assistant.store.errors import StoreError

    if not isinstance(error, StoreError):
        raise error
    return str(error)
