"""The facts said, as the result card and the slip list them."""

from __future__ import annotations

from assistant.dialogs.answers import echo
from assistant.dialogs.runner import Runner
from assistant.i18n import _


def facts(runner: Runner) -> list[tuple[str, str]]:
    """(short label, answer) of every answer in use, except the documents checklist."""
    return [(_(q.short), echo(q, a)) for q, a in runner.applied() if not runner.is_checklist(q)]
