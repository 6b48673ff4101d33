"""The training app: the assistant's app with the list of scenarios first, consultations that
are never recorded, and a training log of its own for the scores (see assistant.training)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from assistant.consultation import Consultation
from assistant.i18n import N_, _, set_language
from assistant.ui.app import AssistantApp
from assistant.ui.config import Launch
from assistant.ui.screens.training_chat import ScenarioListScreen, TrainingChatScreen


class TrainingApp(AssistantApp):
    LEAVING = {"quit": N_("Quitter en plein scénario ?"), "keep": N_("Continuer le scénario"),
               "new": N_("Revenir à la liste des scénarios ?"), "new_yes": N_("Liste des scénarios"),
               "keep_this": N_("Continuer le scénario"),
               "new_hint": N_("Entrée ou Échap : continuer · Ctrl+N à nouveau, ou → puis Entrée : liste des scénarios")}

    def __init__(self, launch: Launch, assess, scenarios, session):
        self.scenarios = scenarios
        self.session = session
        self.scenario = None
        super().__init__(launch, None, assess)  # no case log, nothing to open: nothing is recorded
        self.title = _("Formation — Assistant couverture santé")

    def get_default_screen(self) -> ScenarioListScreen:
        return ScenarioListScreen(self.scenarios, self.session)

    def begin(self, scenario) -> None:
        """Run the dialog of `scenario` on its date: the same consultation as a real one, unrecorded."""
        self.scenario = scenario
        self.consultation = Consultation.open(self.assess, scenario.date, record=False)
        self.sub_title = scenario.text("title")
        self.push_screen(TrainingChatScreen(self.consultation, self.launch.export_dir, self.launch.blink, scenario))

    def resume_note(self) -> str:
        return _("Formation : rien de ce scénario n'est enregistré avant votre conclusion, il sera à recommencer. "
                 "Les scores déjà obtenus sont gardés.")

    def new_consultation(self) -> None:
        """Ctrl+N, or Escape after the comparison: back to the list of scenarios."""
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self._start(None)

    def on_unmount(self) -> None:
        self.session.close()


def make_training_app(scenarios, kb, lang: str, *, trainee: str = "", group: str = "", db: Path | None = None,
                      export_dir: Path | None = None, blink: bool = True) -> TrainingApp:
    """The training app; the training log (`db`, default training.db of the data folder) opens
    when the first conclusion is recorded."""
    from assistant.dialogs.engine import EngineAssess
    from assistant.training.session import Session
    from assistant.training.store import TrainingLog

    set_language(lang)
    launch = Launch(on=date.today(), lang=lang, record=False, export_dir=export_dir or Path.cwd(), blink=blink)
    session = Session(kb, lambda: TrainingLog(db), trainee=trainee, group=group, lang=lang)
    return TrainingApp(launch, lambda when: EngineAssess(when, lang, kb=kb), scenarios, session)
