"""The Textual app and its one factory, used by the CLI and by the tests."""

from __future__ import annotations

import inspect
from datetime import date
from typing import Callable

from textual import events, on
from textual.app import App
from textual.widgets import Input

from assistant.consultation import Consultation
from assistant.dialogs.runner import Assess, Runner
from assistant.i18n import LANGUAGES, N_, _, language, long_date, set_language
from assistant.ui.config import Launch
from assistant.ui.crash import OneLineCrash
from assistant.ui.garbage import FullCollections
from assistant.ui.keys import EVERYWHERE
from assistant.ui.screens.chat import ChatScreen
from assistant.ui.screens.confirm import ConfirmScreen
from assistant.ui.screens.help import HelpScreen, keys_of
from assistant.ui.widgets.answer_input import AnswerInput
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.replies import QuickReplies


def _knowledge_commands():
    from assistant.ui.commands import KnowledgeCommands  # imported when the palette first opens

    return KnowledgeCommands


class AssistantApp(OneLineCrash, App, inherit_bindings=False):
    CSS_PATH = "app.tcss"
    BINDINGS = EVERYWHERE  # instead of Textual's: Ctrl+Q asks first in a consultation
    # Ctrl+P: the knowledge search (glossary, FAQ, rules, documents), not Textual's system commands.
    COMMANDS = {_knowledge_commands}
    # What Ctrl+Q and Ctrl+N ask in the middle of a consultation (the training app asks about a scenario).
    LEAVING = {"quit": N_("Quitter en pleine consultation ?"), "keep": N_("Continuer la consultation"),
               "new": N_("Commencer une nouvelle consultation ?"), "new_yes": N_("Nouvelle consultation"),
               "keep_this": N_("Continuer celle-ci"),
               "new_hint": N_("Entrée ou Échap : continuer · Ctrl+N à nouveau, ou → puis Entrée : nouvelle consultation")}

    def __init__(self, launch: Launch, log, assess: Callable[[date], Assess], open_log=None):
        """`log`: an open CaseLog or None; `open_log()`: opens it after the first paint instead
        (importing the store costs ~0.2 s); `assess(on)`: the engine for an evaluation date."""
        super().__init__()
        self.launch = launch
        self.case_log = log
        self.assess = assess
        self._open_log = open_log
        self.title = _("Assistant couverture santé")
        self.garbage = FullCollections()
        self._start(launch.case_id)

    def on_mount(self) -> None:
        self.garbage.take_over()
        self.set_interval(1.0, self.garbage.tick)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self.garbage.input_seen()
        await super().on_event(event)

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
            self.consultation.stop_recording()
            return
        problem = self.consultation.connect(self.case_log)
        if problem:
            self.screen_stack[0].log_problem(problem)

    def _start(self, case_id: str | None) -> None:
        opened_or_coming = self.case_log is not None or self._open_log is not None
        self.consultation = Consultation.open(self.assess, self.launch.on, log=self.case_log,
                                              record=self.launch.record and opened_or_coming,
                                              case_id=case_id if self.case_log is not None else None,
                                              demo=self.launch.demo, site=self.launch.site, agent=self.launch.agent)
        self.sub_title = long_date(self.consultation.on)

    @property
    def runner(self) -> Runner:
        return self.consultation.runner

    def get_default_screen(self) -> ChatScreen:
        return ChatScreen(self.consultation, self.launch.export_dir, self.launch.blink)

    def open_case(self, case_id: str | None) -> None:
        """Resume a case of the log in the chat; None starts a new consultation."""
        self._last_chance()
        self._start(case_id)
        chat = self.screen_stack[0]
        chat.start(self.consultation)

    def _last_chance(self) -> None:
        """Leaving a consultation: write what the case log refused so far, or say it is lost."""
        problem = self.consultation.flush()
        if problem:
            self.notify(_("{error} Les dernières réponses de la consultation quittée n'ont pas pu être "
                          "enregistrées.").format(error=problem), severity="error", timeout=15)

    # -- keys typed ahead ------------------------------------------------------------------------

    @on(Input.Submitted)
    @on(QuickReplies.Chosen)
    def answer_taken(self, event: Input.Submitted | QuickReplies.Chosen) -> None:
        """An answer's message ends its way here, after the screen has taken the answer: the
        answer line it came from types what was typed meanwhile (see AnswerInput)."""
        line = event.input if isinstance(event, Input.Submitted) else event.line
        if isinstance(line, AnswerInput):
            line.release()

    # -- keys that work on every screen ---------------------------------------------------------

    def in_consultation(self) -> bool:
        """Answers given and questions left: leaving now interrupts a consultation."""
        return bool(self.runner.state.answers) and self.consultation.question is not None

    def resume_note(self) -> str:
        """What happens to the consultation left now: where it is saved and how to resume it."""
        case_id = self.consultation.case_id
        if not self.consultation.recording:
            return _("Rien n'est enregistré (pas de journal des dossiers) : cette consultation ne pourra pas "
                     "être reprise.")
        if case_id is None:  # the case log is not open yet: the answers wait for it
            return _("Les réponses attendent l'ouverture du journal des dossiers : quitter maintenant les perd.")
        command = "python -m assistant" + (f" --db {self.launch.db}" if self.launch.db else "") + f" --case {case_id}"
        note = _("Les réponses sont enregistrées dans le dossier {case}. Pour reprendre la consultation : "
                 "F4 (Dossiers) puis le dossier {case}, ou {command}").format(case=case_id, command=command)
        if self.consultation.unsaved:
            note += "\n" + _("Attention : les dernières réponses n'ont pas encore pu être enregistrées.")
        return note

    def _confirmed(self, action: str) -> bool:
        """The key of an open confirmation pressed again: `action`'s confirms, any other waits."""
        if not isinstance(self.screen, ConfirmScreen):
            return False
        if self.screen.again == action:
            self.screen.action_answer(True)
        return True

    async def action_quit(self) -> None:
        if self._confirmed("quit"):
            return
        if not self.in_consultation():
            self.exit()
            return
        self.push_screen(ConfirmScreen(
            _(self.LEAVING["quit"]), self.resume_note(), yes=_("Quitter"), no=_(self.LEAVING["keep"]), again="quit",
            hint=_("Entrée ou Échap : continuer · Ctrl+Q à nouveau, ou → puis Entrée : quitter")), self._quit_if)

    def _quit_if(self, yes: bool | None) -> None:
        if yes:
            self.exit()

    def action_new_consultation(self) -> None:
        if self._confirmed("new_consultation"):
            return
        if not self.in_consultation():
            self.new_consultation()
            return
        self.push_screen(ConfirmScreen(
            _(self.LEAVING["new"]), self.resume_note(), yes=_(self.LEAVING["new_yes"]),
            no=_(self.LEAVING["keep_this"]), again="new_consultation", hint=_(self.LEAVING["new_hint"])), self._new_if)

    def _new_if(self, yes: bool | None) -> None:
        if yes:
            self.new_consultation()

    def new_consultation(self) -> None:
        """Close every screen over the chat and start afresh."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.open_case(None)

    async def action_switch_language(self) -> None:
        """F8: the next language (French, English) without a restart; every screen open shows its
        texts again."""
        set_language(LANGUAGES[(LANGUAGES.index(language()) + 1) % len(LANGUAGES)])
        self.title = _("Assistant couverture santé")
        self.sub_title = long_date(self.consultation.on)
        self.consultation.relanguage()
        with self.batch_update():
            await self._relanguage(self.screen)
        self.notify(_("Interface en français."), timeout=3)
        # The screens underneath change once the one shown has been painted in the new language.
        self.call_after_refresh(self._relanguage_below, list(self.screen_stack[:-1]))

    async def _relanguage_below(self, screens: list) -> None:
        for screen in screens:
            await self._relanguage(screen)

    @staticmethod
    async def _relanguage(screen) -> None:
        relanguage = getattr(screen, "relanguage", None)
        if relanguage is not None and inspect.isawaitable(done := relanguage()):
            await done
        for bar in screen.query(KeyBar):
            bar.relabel()

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.action_close()
        else:
            self.push_screen(HelpScreen(keys_of(self.screen)))

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=_("Chercher : sigle, question, règle, pièce…"),
                                            id="--command-palette"))

    def on_unmount(self) -> None:
        self.garbage.give_back()
        if self.case_log is not None:
            self.consultation.flush()
            self.case_log.close()


def make_app(launch: Launch, assess: Callable[[date], Assess] | None = None) -> AssistantApp:
    """The app for `launch`; `assess(on)` replaces the engine (tests). Opens the case log if asked."""
    from assistant.dialogs.engine import EngineAssess

    set_language(launch.lang)
    engine = assess or (lambda on: EngineAssess(on))  # in the language of the moment (F8 switches)
    if not launch.record:
        return AssistantApp(launch, None, engine)

    def open_log():
        from assistant.store.caselog import CaseLog

        return CaseLog(launch.db)

    if launch.case_id:  # resuming needs the log before the first screen
        return AssistantApp(launch, open_log(), engine)
    return AssistantApp(launch, None, engine, open_log=open_log)
