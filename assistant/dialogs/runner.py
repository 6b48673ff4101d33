"""The dialog runner: which question comes next, what the answers so far decide. No UI.

The agenda is the start dialog, then the dialogs chosen by answers (`then:`), then those the
agent opened from the result. The next question is, in the first agenda dialog that still has
one, the first question (in dialog order) not yet answered and whose field is still unknown,
that either
- fills a field the engine lists as `needed` for the dialog's scope (a fact it cannot decide
  without), or
- would change the outcome for that scope with one of its possible answers (a fact that
  refines a decision, such as a hospital stay moving an effective date back): each option, or
  each `probe` value of a typed question, is tried against the engine.
Questions marked `always` are asked regardless (entry questions); a documents dialog then walks
the checklist of the chosen request. Both rules ask the engine, so a French national is never
asked about asylum and a minor never about the social service's items.

An answer that leaves its value open (a date to the month, an amount without its period) is
made precise by a follow-up question only when the outcome depends on it (`precision.py`);
the follow-up's answer is merged into the answer of its question.

Answers are replayed from an empty situation in that same order, applying each stored answer
when its question comes up. So after an edit, answers that are still relevant are kept and
applied, answers the edit made irrelevant stay stored but unused (and come back if the edit is
undone), and the dialog continues from the first question still needed.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Callable

from assistant.dialogs import precision
from assistant.dialogs.loader import Dialogs
from assistant.dialogs.model import CASE, Dialog, Question
from assistant.dialogs.state import DialogState
from assistant.i18n import _


class Rejected(Exception):
    """The engine refuses the situation an answer would make (e.g. discharge before admission)."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


Assess = Callable[[dict], dict]  # nested situation (JSON values) -> assessment; may raise Rejected
CHECKLIST = "doc_"  # id prefix of the checklist questions made from the assessment's documents
DECISION = ("status", "effective_date", "eligible_from", "until", "participation_monthly")
ALL_SCOPES = ["coverages", "documents", "referrals"]
MEMO = 256  # assessments kept by situation: probes and range ends repeat the same situations


def decisions(assessment: dict, scopes: list[str]) -> tuple:
    """What the outcome decides for these scopes, without the wording of its reasons."""
    out: list = []
    if "coverages" in scopes:
        out += [tuple(c.get(k) for k in DECISION) for c in assessment.get("coverages", [])]
        out += sorted((d["id"], d.get("date")) for d in assessment.get("deadlines", []))
    if "documents" in scopes:
        out.append(tuple(sorted(d["id"] for d in assessment.get("documents", []))))
    if "referrals" in scopes:
        out.append(tuple(sorted(r["id"] for r in assessment.get("referrals", []))))
    return tuple(out)


def nest(flat: dict[str, object]) -> dict:
    """{"person.age": 30} -> {"person": {"age": 30}}."""
    out: dict = {}
    for path, value in flat.items():
        *parents, leaf = path.split(".")
        node = out
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return out


class Runner:
    def __init__(self, dialogs: Dialogs, assess: Assess, state: DialogState):
        self.dialogs = dialogs
        self.assess = assess
        self.state = state
        self._checklist: dict[str, Question] = {}
        self._follow: dict[str, tuple[Question, date | None]] = {}  # follow-up id -> question, day it asks about
        self._memo: dict[str, dict] = {}
        self._replay()

    # -- what the UI reads ---------------------------------------------------------------

    @property
    def done(self) -> bool:
        return self.question is None

    @property
    def situation(self) -> dict:
        """The situation the applied answers describe (JSON values), as `evaluate` reads it."""
        return nest(_facts(self._values))

    def applied(self) -> list[tuple[Question, dict]]:
        """The answers in use, in the order they were given."""
        return [(self.lookup(qid), self._applied[qid]) for qid in self.state.transcript if qid in self._applied]

    def lookup(self, qid: str) -> Question:
        if qid in self._follow:
            return self._follow[qid][0]
        return self.dialogs.questions.get(qid) or self._checklist[qid]

    @property
    def assessment(self) -> dict:
        """The engine's assessment of the answers in use (the live provisional outcome)."""
        if self._assessment is None:
            self._assessment = self._evaluate(self._values)
        return self._assessment

    def reassess(self) -> None:
        """Evaluate again when next asked (the texts are in the language of the moment)."""
        self._assessment = None
        self._memo.clear()

    def is_checklist(self, question: Question) -> bool:
        return question.id in self._checklist

    def missing_document(self, question: Question) -> dict | None:
        """The assessment's document behind a checklist question (for its alternatives)."""
        doc_id = question.id.removeprefix(CHECKLIST)
        return next((d for d in self.assessment.get("documents", []) if d["id"] == doc_id), None)

    def documents_checked(self) -> dict[str, bool]:
        """Document id -> whether the person has it, for checklist answers other than unknown."""
        return {q.id.removeprefix(CHECKLIST): a["set"][q.field]
                for q, a in self.applied() if self.is_checklist(q) and not a.get("unknown")}

    # -- what the UI does ----------------------------------------------------------------

    def answer(self, answer: dict) -> None:
        """Answer the current question; raises Rejected (state unchanged) if the engine refuses."""
        question = self.question
        if question is None:
            raise ValueError("the dialog is over: nothing to answer")
        question, answer = self._for_parent(question, answer)
        self._apply(question, answer)
        self.state.answers[question.id] = answer
        if question.id not in self.state.transcript:
            self.state.transcript.append(question.id)
        self._advance()

    def _for_parent(self, question: Question, answer: dict) -> tuple[Question, dict]:
        """A follow-up's answer as the new answer of its question; Rejected for a day outside
        the range."""
        pid = precision.parent_id(question.id)
        if pid is None:
            return question, answer
        parent = self.lookup(pid)
        try:
            return parent, precision.merge(parent, self._applied[pid], question, answer, self._follow[question.id][1])
        except ValueError as error:
            raise Rejected(parent.field, str(error)) from None

    def trial(self, answer: dict) -> dict:
        """The assessment answering the current question with `answer` would give, the state
        unchanged; raises Rejected if the engine refuses it."""
        if self.question is None:
            raise ValueError("the dialog is over: nothing to answer")
        question, answer = self._for_parent(self.question, answer)
        values, _open = self._settle(self._with(question, answer), {**self._applied, question.id: answer})
        return self._evaluate(values)

    def edit(self, qid: str, answer: dict) -> None:
        """Change an earlier answer; raises Rejected (state unchanged) if the engine refuses."""
        qid = precision.parent_id(qid) or qid
        self._evaluate(self._with(self.lookup(qid), answer))  # refuse before touching the state
        self.state.answers[qid] = answer
        if qid not in self.state.transcript:
            self.state.transcript.append(qid)
        self._replay()

    def open_dialog(self, dialog_id: str) -> None:
        """Add a dialog to the agenda (from the result: documents, referral...)."""
        if dialog_id not in self.dialogs.dialogs:
            raise KeyError(dialog_id)
        if dialog_id not in self.agenda:
            self.state.added.append(dialog_id)
        self._advance()

    @property
    def agenda(self) -> list[str]:
        """The start dialog, the dialogs chosen by answers, then those opened from the result."""
        return list(dict.fromkeys([self.dialogs.start, *self._then, *self.state.added]))

    # -- replay --------------------------------------------------------------------------

    def _replay(self) -> None:
        self._applied: dict[str, dict] = {}
        self._values: dict[str, object] = dict(self.state.defaults)
        self._then: list[str] = []
        self._open: list[str] = []  # answered questions whose value is still open and matters
        self._assessment: dict | None = None  # evaluated when first read: an entry question needs no engine
        for qid in self.state.transcript:  # facts to keep even where the dialog does not ask them again
            question = self.dialogs.questions.get(qid)
            if question is not None and question.keep and qid in self.state.answers:
                try:
                    self._apply(question, self.state.answers[qid])
                except Rejected:
                    continue
        self._advance()

    def _advance(self) -> None:
        while True:
            self.question, self.dialog = self._next()
            self.state.dialog = self.dialog
            self.state.position = self.question.id if self.question else None
            stored = self.question and self.state.answers.get(self.question.id)
            if not stored:
                return
            try:
                self._apply(self.question, stored)
            except Rejected:  # a kept answer the edit made impossible: ask again
                return

    def _next(self) -> tuple[Question | None, str | None]:
        if self._open:  # make an open answer precise first, in the dialog it was given in
            return self._follow_up(self._open[0]), self.dialog
        for dialog_id in self.agenda:
            dialog = self.dialogs.dialogs[dialog_id]
            own = set(dialog.questions)
            for q in self.dialogs.order(dialog_id):
                if q.id in self._applied or (q.always and q.id not in own):
                    continue
                if q.always or (q.field not in self._values and self._due(q, dialog.scope)):
                    return self._first(q), dialog_id
                companion = self.dialogs.questions.get(q.ask_with) if q.ask_with else None
                if (companion is not None and q.field not in self._values and companion.id not in self._applied
                        and companion.field not in self._values and self._due(companion, dialog.scope)):
                    return q, dialog_id
            if dialog.checklist:
                for q in self._checklist_questions(dialog):
                    if q.id not in self._applied:
                        return q, dialog_id
        return None, None

    def _due(self, q: Question, scopes: list[str]) -> bool:
        return bool(q.asks_for & self._needed(scopes)) or self._matters(q, scopes)

    def _first(self, q: Question) -> Question:
        """The question to ask before `q` (nationality before the right to stay), if not known yet."""
        before = self.dialogs.questions.get(q.after) if q.after else None
        if before is None or before.id in self._applied or before.field in self._values:
            return q
        return self._first(before)

    def _needed(self, scopes: list[str]) -> set[str]:
        needed = self.assessment.get("needed", {})
        return {path for scope in scopes for path in needed.get(scope, [])}

    def _matters(self, question: Question, scopes: list[str]) -> bool:
        """Whether one of the possible answers to `question` changes the outcome for `scopes`."""
        if not scopes:
            return False
        base = decisions(self.assessment, scopes)
        for answer in self._probes(question):
            try:
                trial = self._evaluate(self._with(question, answer))
            except Rejected:
                continue
            if decisions(trial, scopes) != base:
                return True
        return False

    def _probes(self, question: Question) -> list[dict]:
        field = question.field
        if question.type == "yes_no":
            return [{"set": {field: True}}, {"set": {field: False}}]
        if question.type == "multi_choice":
            return [{"set": {field: [o.value]}} for o in question.options] + [{"set": {field: []}}]
        tried = [{"set": dict(o.set)} for o in question.options if o.set]
        if question.type == "date":
            tried += [{"set": {field: (self.state.on + timedelta(days=v)).isoformat()}} for v in question.probe]
        elif question.type == "number":
            tried += [{"set": {field: int(v)}} for v in question.probe]
        elif question.type == "amount":
            tried += [{"set": {field: v}} for v in question.probe]
        return tried

    def _follow_up(self, qid: str) -> Question:
        parent, answer = self.lookup(qid), self._applied[qid]
        if precision.open_period(answer):
            question, change = precision.period_question(parent, answer["amount"]), None
        else:
            low, high = precision.span(answer)
            change = self._split(parent.field, low, high)
            question = precision.split_question(parent, low, high, change)
        self._follow[question.id] = (question, change)
        return question

    def _split(self, field: str, low: date, high: date) -> date | None:
        """The one day inside [low, high] from which the outcome changes, or None when it
        changes more than once (then the exact day is asked)."""
        values = {k: v for k, v in self._values.items() if k != field}

        def at(day: date) -> tuple:
            return self._decide(values | {field: day.isoformat()})

        first, last = at(low), at(high)
        before, after = low, high  # the outcome at `before` is the first one; at `after` it is not
        while (after - before).days > 1:
            middle = before + (after - before) // 2
            before, after = (middle, after) if at(middle) == first else (before, middle)
        return after if at(after) == last else None

    def _decide(self, values: dict) -> tuple | None:
        try:
            return decisions(self._evaluate(values), ALL_SCOPES)
        except Rejected:
            return None

    def _settle(self, values: dict, answers: dict[str, dict]) -> tuple[dict, list[str]]:
        """The values with each range of days set to its first day where both ends give the
        same outcome; the questions whose open value decides it (to ask a follow-up)."""
        still_open = []
        for qid, answer in answers.items():
            if answer.get("unknown") or answer.get("undecided"):
                continue
            if precision.open_period(answer):
                still_open.append(qid)
                continue
            found = precision.span(answer)
            if found is None:
                continue
            field = self.lookup(qid).field
            low, high = (day.isoformat() for day in found)
            values = {k: v for k, v in values.items() if k != field}
            if self._decide(values | {field: low}) == self._decide(values | {field: high}):
                values[field] = low
            else:
                still_open.append(qid)
        return values, still_open

    def _checklist_questions(self, dialog: Dialog) -> list[Question]:
        spec = dialog.checklist
        request = self._values.get(spec.request_field)
        out = []
        for doc in self.assessment.get("documents", []):
            if request and request not in doc.get("for", []):
                continue
            qid = CHECKLIST + doc["id"]
            if qid not in self._checklist:
                self._checklist[qid] = Question(
                    id=qid, type="yes_no", field=f"{CASE}has_{doc['id']}",
                    text=_(spec.text).format(label=doc["label"]), short=doc["label"],
                    help=spec.help, sources=spec.sources,
                )
            out.append(self._checklist[qid])
        return out

    def _with(self, question: Question, answer: dict) -> dict:
        values = {k: v for k, v in self._values.items() if k not in question.fields}
        if not answer.get("unknown"):
            values.update(answer["set"])
            if "range" in answer or precision.open_period(answer):  # set by `_settle`, if ever
                values.pop(question.field, None)
        return values

    def _apply(self, question: Question, answer: dict) -> None:
        values = self._with(question, answer)
        answers = {**self._applied, question.id: answer}
        still_open = []
        if any("range" in a or "amount" in a for a in answers.values()):
            values, still_open = self._settle(values, answers)
        if _facts(values) != _facts(self._values):
            self._assessment = self._evaluate(values)
        self._values, self._open = values, still_open
        self._applied[question.id] = answer
        option = next((o for o in question.options if o.id == answer.get("option")), None)
        if option:
            self._then += option.then

    def _evaluate(self, values: dict) -> dict:
        facts = _facts(values)
        key = json.dumps(facts, sort_keys=True, default=str)
        found = self._memo.get(key)
        if found is None:
            found = self.assess(nest(facts))  # may raise Rejected: not kept
            if len(self._memo) >= MEMO:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = found
        return found


def _facts(values: dict) -> dict:
    """The situation fields among the values (not the `case.` facts of the consultation)."""
    return {k: v for k, v in values.items() if not k.startswith(CASE)}
