"""Training: the trainee's own conclusion (coverage, date, documents, referrals), then the
comparison with the assistant's, each difference explained with its sources, and the score."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Select, SelectionList, Static

from assistant.dialogs.outcome import coverage_name, referral_name, status_line
from assistant.dialogs.parse import parse_date
from assistant.i18n import N_, _, labelled, language
from assistant.training.grading import Conclusion
from assistant.training.scenarios import COVERAGES, REFERRALS
from assistant.ui.screens.training_chat import session_line, story
from assistant.ui.widgets.keybar import KeyBar
from assistant.ui.widgets.training_banner import TrainingBanner

NONE = "none"


class ConclusionScreen(Screen[Conclusion | None]):
    """Dismissed with the trainee's conclusion, or None to go back to the chat."""

    # Ctrl: letters are typed in the date field here.
    BINDINGS = [
        Binding("ctrl+s", "submit", N_("Valider"), tooltip=N_("Valider ma conclusion et voir celle de l'assistant")),
        Binding("escape", "dismiss(None)", N_("Retour"), tooltip=N_("Retour au dialogue")),
    ]

    def __init__(self, scenario, kb):
        super().__init__()
        self.scenario = scenario
        self.kb = kb

    def compose(self) -> ComposeResult:
        yield TrainingBanner(id="training-banner")
        with VerticalScroll(id="conclusion"):
            yield Static(story(self.scenario), classes="training-story", markup=False)
            yield Static(_("Votre conclusion, avant celle de l'assistant :"), classes="training-heading", markup=False)
            yield Static(_("Couverture à demander (ou qui prend les soins en charge)"), markup=False)
            yield Select([(coverage_name(c), c) for c in COVERAGES] + [(_("Aucune (déjà couverte)"), NONE)],
                         prompt=_("Choisir…"), id="coverage")
            yield Static(_("Date : début des droits, ou première date où la demander (vide si elle sera fixée "
                           "plus tard)"), markup=False)
            yield Input(placeholder=_("par exemple 10/04/2021"), id="date")
            yield Static(_("Pièces à joindre pour cette demande"), markup=False)
            documents = sorted(self.kb.documents, key=lambda d: self.kb.label(d, language()))
            yield SelectionList(*((self.kb.label(d, language()), d) for d in documents), id="documents")
            yield Static(_("Orientations à proposer"), markup=False)
            yield SelectionList(*((referral_name(r), r) for r in REFERRALS), id="referrals")
            yield Button(_("Valider ma conclusion (Ctrl+S)"), id="submit", variant="primary")
        yield KeyBar(self.BINDINGS, id="keys")

    def on_mount(self) -> None:
        self.query_one("#coverage", Select).focus()

    @on(Button.Pressed, "#submit")
    def action_submit(self) -> None:
        coverage = self.query_one("#coverage", Select).value
        if coverage is Select.BLANK:
            self.notify(_("Choisissez une couverture (ou « Aucune »)."), severity="warning", timeout=5)
            return
        text = self.query_one("#date", Input).value.strip()
        day = parse_date(text, self.scenario.date) if text else None
        if text and day is None:
            self.notify(_("Je n'ai pas compris la date. Exemples : 12/03/2024, 12 mars 2024."), severity="warning",
                        timeout=5)
            return
        self.dismiss(Conclusion(None if coverage == NONE else coverage, day,
                                frozenset(self.query_one("#documents", SelectionList).selected),
                                frozenset(self.query_one("#referrals", SelectionList).selected)))


class ComparisonScreen(Screen):
    """Each item: the trainee's answer, the assistant's, why, and the sources; then the score."""

    BINDINGS = [
        Binding("escape", "app.new_consultation", N_("Scénarios"), tooltip=N_("Retour à la liste des scénarios")),
    ]

    def __init__(self, grade, session):
        super().__init__()
        self.grade = grade
        self.session = session

    def compose(self) -> ComposeResult:
        grade = self.grade
        yield TrainingBanner(id="training-banner")
        with VerticalScroll(id="comparison"):
            yield Static(_("Score du scénario : {points} / {out_of}").format(
                points=f"{grade.points:g}".replace(".", ","), out_of=grade.out_of), id="score", markup=False)
            yield Static(session_line(self.session), id="session-score", markup=False)
            for item in grade.items:
                mark = "✓" if item.right else "✗"
                lines = [_("{mark} {label} — vous : {yours} ; assistant : {expected}").format(
                    mark=mark, label=item.label, yours=item.yours, expected=item.expected)]
                if not item.right:
                    lines += [f"   {line}" for line in item.explanation]
                    lines += ["   " + _("Source : {source}").format(source=s) for s in item.sources]
                yield Static("\n".join(lines), classes="training-item", markup=False)
            yield Static(_("À retenir : {text}").format(text=grade.teaching) + "\n"
                         + _("Source : {source}").format(source=grade.teaching_source),
                         classes="training-teaching", markup=False)
            reference = self.session.reference(grade.scenario)
            lines = [_("Le résultat de l'assistant sur les faits du scénario :")]
            lines += ["  " + labelled(coverage_name(c['id']), status_line(c)) for c in reference["coverages"]]
            referrals = ", ".join(referral_name(r["id"]) for r in reference["referrals"]) or _("aucune")
            lines.append("  " + _("Orientations : {names}").format(names=referrals))
            yield Static("\n".join(lines), id="reference", markup=False)
        yield KeyBar(self.BINDINGS, id="keys")
