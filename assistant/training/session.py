"""A training session: a trainee (and their group) working through scenarios, each attempt
graded against the assistant's reference and recorded in the training log — never the case log."""

from __future__ import annotations

from typing import Callable

from assistant.knowledge.base import KnowledgeBase
from assistant.training.check import reference
from assistant.training.grading import Conclusion, Grade, grade
from assistant.training.scenarios import Scenario
from assistant.training.store import TrainingLog, TrainingLogError


class Session:
    def __init__(self, kb: KnowledgeBase, open_log: Callable[[], TrainingLog], trainee: str = "", group: str = "",
                 lang: str = "fr"):
        self.kb = kb
        self.trainee, self.group, self.lang = trainee, group, lang
        self._open_log = open_log
        self._log: TrainingLog | None = None
        self._id: int | None = None  # created with the first attempt recorded
        self.grades: list[Grade] = []

    def reference(self, scenario: Scenario) -> dict:
        return reference(scenario, self.kb, self.lang)

    def conclude(self, scenario: Scenario, conclusion: Conclusion, dialog: dict) -> tuple[Grade, str | None]:
        """Grade the trainee's conclusion and record it; returns the grade and, when the
        training log refused the write, what to say (the grade is shown all the same)."""
        result = grade(scenario, conclusion, self.reference(scenario), dialog, self.kb)
        self.grades.append(result)
        try:
            if self._log is None:
                self._log = self._open_log()
            if self._id is None:
                self._id = self._log.start_session(self.trainee, self.group, self.kb.version_id)
            self._log.record(self._id, result, conclusion)
        except TrainingLogError as error:
            return result, str(error)
        return result, None

    @property
    def points(self) -> tuple[float, int]:
        """The session's score so far: points and the most that could be had."""
        return round(sum(g.points for g in self.grades), 2), sum(g.out_of for g in self.grades)

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
