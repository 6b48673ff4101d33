"""The Textual app and its one factory, used by the CLI and by the tests."""

from __future__ import annotations

from datetime import date
from typing import Callable

from textual.app import App

from assistant.dialogs.loader import load
from assistant.dialogs.runner import Assess, Runner
from assistant.dialogs.state import DialogState
from assistant.i18n import _, long_date, set_language
from assistant.ui.config import Launch
from assistant.ui.recorder import Recorder
from assistant.ui.screens.chat import ChatScreen


class AssistantApp(App):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, launch: Launch, log, assess: Callable[[date], Assess], open_log=None):
        """`log`: an open CaseLog or None; `open_log()`: opens it after the first paint instead
        (importing the store costs ~0.2 s); `assess(on)`: the engine for an evaluation date."""
        super().__init__()
        self.launch = launch
        self.case_log = log
        self.assess = assess
        self._open_log = open_log
        self.title = _("Assistant couverture santé")
        self._start(launch.case_id)

    def connect_log(self) -> None:
        """Open the case log if it was deferred (the chat calls this once its panel is shown)."""
        open_log, self._open_log = self._open_log, None
        if open_log is None:
            return
        try:
            self.case_log = open_log()
        except Exception as error:  # a damaged or locked file: say so, go on without the log
            from assistant.store.errors import StoreError

            if not isinstance(error, StoreError):
                raise
            self.notify(_("{error} La consultation continue sans journal ; pour réparer : "
                          "python -m assistant cases repair.").format(error=error),
                        title=_("Journal des dossiers"), severity="error", timeout=15)
            return
        problem = self.recorder.connect(self.case_log, self.runner)
        if problem:
            self.notify(problem, title=_("Journal des dossiers"), severity="warning", timeout=10)

    def _start(self, case_id: str | None) -> None:
        state = DialogState(on=self.launch.on)
        if case_id and self.case_log is not None:
            saved = self.case_log.get_case(case_id)["dialog"]
            state = DialogState.from_json(saved) if saved else state
        self.runner = Runner(load(), self.assess(state.on), state)
        self.recorder = Recorder(self.case_log, case_id, agent=self.launch.agent, opening=self._open_log is not None)
        self.sub_title = long_date(state.on)

    def get_default_screen(self) -> ChatScreen:
        return ChatScreen(self.runner, self.recorder, self.launch.export_dir, self.launch.blink)

    def open_case(self, case_id: str | None) -> None:
        """Resume a case of the log in the chat; None starts a new consultation."""
        self._start(case_id)
        chat = self.screen_stack[0]
        chat.start(self.runner, self.recorder)

    def on_unmount(self) -> None:
        if self.case_log is not None:
            self.case_log.close()


def make_app(launch: Launch, assess: Callable[[date], Assess] | None = None) -> AssistantApp:
    """The app for `launch`; `assess(on)` replaces the engine (tests). Opens the case log if asked."""
    from assistant.dialogs.engine import EngineAssess

    set_language(launch.lang)
    engine = assess or (lambda on: EngineAssess(on, launch.lang))
    if not launch.record:
        return AssistantApp(launch, None, engine)

    def open_log():
        from assistant.store.caselog import CaseLog

        return CaseLog(launch.db)

    if launch.case_id:  # resuming needs the log before the first screen
        return AssistantApp(launch, open_log(), engine)
    return AssistantApp(launch, None, engine, open_log=open_log)
