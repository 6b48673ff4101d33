"""Training: the list of scenarios, and the chat of one scenario (the consultation's own chat,
with the story on top; at the end the trainee concludes before seeing the assistant's result)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from assistant.i18n import N_, _, long_date
from assistant.training.topics import topic_name
from assistant.ui.screens.chat import ChatScreen
from assistant.ui.widgets.bubble import Bubble
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.training_banner import TrainingBanner


def story(scenario) -> str:
    return _("Scénario « {title} » ({date}) : {story}").format(
        title=scenario.text("title"), date=long_date(scenario.date), story=scenario.text("story"))


def session_line(session) -> str:
    points, out_of = session.points
    if not out_of:
        return _("Séance : aucun scénario terminé.")
    return _("Séance : {points} / {out_of} points, scénarios terminés : {count}.").format(
        points=f"{points:g}".replace(".", ","), out_of=out_of, count=len(session.grades))


class ScenarioListScreen(Screen):
    """Pick a scenario (Enter); the trainee's name and group go with the scores."""

    BINDINGS = [Binding("escape", "app.quit", N_("Quitter"), show=False)]

    def __init__(self, scenarios, session):
        super().__init__()
        self.scenarios = scenarios
        self.session = session

    def compose(self) -> ComposeResult:
        yield TrainingBanner(id="training-banner")
        yield Static(self.app.title, id="title", markup=False)
        with Horizontal(id="training-who"):
            yield Input(self.session.trainee, placeholder=_("Stagiaire (nom ou initiales)"), id="trainee")
            yield Input(self.session.group, placeholder=_("Groupe de formation"), id="group")
        yield Static(session_line(self.session), id="session-score", markup=False)
        with Horizontal(id="training-main"):
            yield OptionList(*(Option(Text(f"[{s.family}] {s.text('title')}"), id=s.id) for s in self.scenarios),
                             id="scenarios")
            with VerticalScroll(id="scenario-preview"):
                yield Static("", id="preview", markup=False)
        yield KeyBar(self.BINDINGS, id="keys")

    def on_mount(self) -> None:
        self.query_one("#scenarios", OptionList).focus()
        self.preview(0)

    def on_screen_resume(self) -> None:
        self.query_one("#session-score", Static).update(session_line(self.session))

    def preview(self, index: int | None) -> None:
        if index is None:
            return
        scenario = self.scenarios[index]
        topics = ", ".join(topic_name(t) for t in scenario.topics)
        text = story(scenario) + (("\n\n" + _("Points abordés : {topics}").format(topics=topics)) if topics else "")
        self.query_one("#preview", Static).update(text + "\n\n" + _("Entrée : commencer ce scénario."))

    @on(OptionList.OptionHighlighted, "#scenarios")
    def highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.preview(event.option_index)

    @on(OptionList.OptionSelected, "#scenarios")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.session.trainee = self.query_one("#trainee", Input).value.strip()
        self.session.group = self.query_one("#group", Input).value.strip()
        self.app.begin(self.scenarios[event.option_index])


class TrainingChatScreen(ChatScreen):
    """The same chat as a real consultation (not recorded); F5 or the end of the dialog asks
    the trainee's conclusion first, then shows the comparison."""

    def __init__(self, consultation, export_dir, blink, scenario):
        super().__init__(consultation, export_dir, blink)
        self.scenario = scenario
        self.grade = None

    def compose(self) -> ComposeResult:
        yield TrainingBanner(id="training-banner")
        yield from super().compose()

    def transcript(self) -> list[Bubble]:
        bubbles = super().transcript()
        return [bubbles[0], Bubble(story(self.scenario), "note"), *bubbles[1:]]

    def action_result(self) -> None:
        from assistant.ui.screens.training_result import ComparisonScreen, ConclusionScreen

        if self.grade is not None:
            self.app.push_screen(ComparisonScreen(self.grade, self.app.session))
            return
        if not self.consultation.done:
            self.notify(_("Terminez d'abord le dialogue : votre conclusion vient ensuite."), timeout=5)
            return

        def concluded(conclusion) -> None:
            if conclusion is None:
                return
            self.grade, problem = self.app.session.conclude(self.scenario, conclusion, self.consultation.assessment)
            if problem:
                self.notify(problem, title=_("Journal de formation"), severity="error", timeout=15)
            self.app.push_screen(ComparisonScreen(self.grade, self.app.session))

        self.app.push_screen(ConclusionScreen(self.scenario, self.app.session.kb), concluded)

    def action_history(self) -> None:
        self.notify(_("En formation, il n'y a pas de dossiers : rien n'est écrit dans le journal."), timeout=5)

    def action_report(self) -> None:
        self.action_history()
