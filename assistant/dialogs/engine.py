"""The engine as the runner sees it: a nested situation (JSON values) in, an assessment out.

The situation is validated exactly as `python -m assistant evaluate` validates it, so the chat
and `evaluate` decide the same way; a refused situation becomes `Rejected`. The engine and the
knowledge base load on the first call, so that the app can show its entry question first.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

from assistant.dialogs.runner import Rejected
from assistant.i18n import language


class EngineAssess:
    def __init__(self, on: date, lang: str | None = None, kb=None):
        """`lang`: the language of the assessment's texts; None follows the interface's, which
        the app can change while it runs."""
        self.on = on
        self.lang = lang
        self._kb = kb

    @cached_property
    def _loaded(self):
        from assistant.engine import evaluate
        from assistant.knowledge.loader import load
        from assistant.validation import SituationError, parse_situation

        return evaluate, parse_situation, SituationError, self._kb or load()

    def __call__(self, raw: dict) -> dict:
        evaluate, parse_situation, situation_error, kb = self._loaded
        try:
            situation = parse_situation(raw, on=self.on)
        except situation_error as e:
            raise Rejected(e.field, e.message) from None
        return evaluate(situation, on=self.on, kb=kb, lang=self.lang or language())
