"""A case log that refuses a write loses no answer: they wait and are written in order."""

from __future__ import annotations

from datetime import date

from assistant.dialogs.answers import interpret
from assistant.dialogs.engine import EngineAssess
from assistant.dialogs.loader import load
from assistant.dialogs.runner import Runner
from assistant.dialogs.state import DialogState
from assistant.store.caselog import CaseLog
from assistant.store.errors import StoreBusy
from assistant.ui.recorder import Recorder

ON = date(2025, 3, 3)


class Flaky:
    """Wraps a CaseLog; refuses writes while `busy` is true, as a locked file does."""

    def __init__(self, log):
        self.log, self.busy = log, False

    def __getattr__(self, name):
        method = getattr(self.log, name)

        def call(*args, **kwargs):
            if self.busy:
                raise StoreBusy("La base est occupée par une autre instance ; rien n'a été écrit.")
            return method(*args, **kwargs)

        return call


def test_answers_refused_by_a_busy_log_are_written_later_in_order(tmp_path):
    with CaseLog(tmp_path / "cases.db") as log:
        flaky = Flaky(log)
        recorder = Recorder(flaky)
        runner = Runner(load(), EngineAssess(ON), DialogState(on=ON))

        def answer(text: str):
            question = runner.question
            given = interpret(question, text, ON)
            runner.answer(given)
            return recorder.answered(runner, question.id, given)

        assert answer("1") is None
        flaky.busy = True
        assert "occupée" in answer("française")
        assert "occupée" in answer("40")
        assert [q for q, _ in recorder.pending] == ["nationality", "age"]
        flaky.busy = False
        assert answer("femme") is None
        assert recorder.pending == []
        saved = log.answers(recorder.case_id)
        assert list(saved) == ["purpose", "nationality", "age", "sex"]
