"""An unexpected error inside the app: one line for the agent, exit status 1, no traceback.

Textual stops the app on an unhandled exception, sets `return_code` to 1 and prints a full
traceback (with local variables: possibly personal data) once the screen is restored. Here it
prints one line instead; the traceback stays available to developers with TEXTUAL=debug.
"""

from __future__ import annotations

from rich.text import Text

from assistant.i18n import _


def crash_line(error: BaseException | None) -> str:
    from textual.worker import WorkerFailed

    from assistant.knowledge.base import KnowledgeError

    if isinstance(error, WorkerFailed):  # raised in a worker: say what the worker raised
        error = error.error
    text = " ".join(str(error).split())
    if isinstance(error, KnowledgeError):
        return _("base de connaissances : {error}").format(error=text)
    return _("erreur interne : {kind} : {error}").format(kind=type(error).__name__, error=text)


class OneLineCrash:
    """Mixin for the App (before `App` in the bases)."""

    def _fatal_error(self) -> None:  # Textual's hook for an unhandled exception (App._handle_exception)
        if "debug" in self.features:
            super()._fatal_error()
            return
        self.bell()
        self._exit_renderables.append(Text(crash_line(self._exception)))
        self._close_messages_no_wait()
