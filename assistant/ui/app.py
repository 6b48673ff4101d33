"""The Textual app and its one factory, used by the CLI and by the tests."""

from __future__ import annotations

from textual.app import App

from assistant.dialogs.runner import Assess, Runner
from assistant.dialogs.state import DialogState
from assistant.i18n import _, long_date, set_language
from assistant.ui.config import Launch
from assistant.ui.recorder import Recorder
from assistant.ui.screens.chat import ChatScreen


class AssistantApp(App):
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, launch: Launch, runner: Runner, recorder: Recorder):
        super().__init__()
        self.launch = launch
        self.runner = runner
        self.recorder = recorder
        self.title = _("Assistant couverture santé")
        self.sub_title = long_date(launch.on)

    def get_default_screen(self) -> ChatScreen:
        return ChatScreen(self.runner, self.recorder, self.launch.export_dir, self.launch.blink)

    def on_unmount(self) -> None:
        if self.recorder.log is not None:
            self.recorder.log.close()


def make_app(launch: Launch, assess: Assess | None = None) -> AssistantApp:
    """The app for `launch`; `assess` replaces the engine (tests). Opens the case log if asked."""
    from assistant.dialogs.engine import EngineAssess
    from assistant.dialogs.loader import load

    set_language(launch.lang)
    log, state = None, DialogState(on=launch.on)
    if launch.record:
        from assistant.store.caselog import CaseLog

        log = CaseLog(launch.db)
        if launch.case_id:
            saved = log.get_case(launch.case_id)["dialog"]
            state = DialogState.from_json(saved) if saved else state
    runner = Runner(load(), assess or EngineAssess(state.on, launch.lang), state)
    return AssistantApp(launch, runner, Recorder(log, launch.case_id))
