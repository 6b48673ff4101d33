"""The engine as the runner sees it: a nested situation (JSON values) in, an assessment out.

The situation is validated exactly as `python -m assistant evaluate` validates it, so the chat
and `evaluate` decide the same way; a refused situation becomes `Rejected`.
"""

from __future__ import annotations

from datetime import date

from assistant.dialogs.runner import Assess, Rejected


def engine_assess(on: date, lang: str = "fr", kb=None) -> Assess:
    from assistant.engine import evaluate
    from assistant.knowledge.loader import load
    from assistant.validation import SituationError, parse_situation

    kb = kb or load()

    def assess(raw: dict) -> dict:
        try:
            situation = parse_situation(raw, on=on)
        except SituationError as e:
            raise Rejected(e.field, e.message) from None
        return evaluate(situation, on=on, kb=kb, lang=lang)

    return assess
