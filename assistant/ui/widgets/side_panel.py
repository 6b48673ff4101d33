"""The side panel: the situation so far and the live provisional outcome."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from assistant.dialogs.answers import echo
from assistant.dialogs.outcome import coverage_name, referral_name, status_line
from assistant.dialogs.runner import Runner
from assistant.i18n import _, labelled

STATUS_STYLE = {"open": "green", "eligible": "green", "not_yet": "yellow", "not_eligible": "red", "to_check": "magenta"}


class SidePanel(VerticalScroll):
    def compose(self):
        yield Static(id="side-outcome")
        yield Static(id="side-situation")

    def refresh_from(self, runner: Runner) -> None:
        facts = Text(_("Situation") + "\n", style="bold")
        applied = runner.applied()
        for question, answer in applied:
            facts.append(labelled(_(question.short)), style="dim")
            facts.append(echo(question, answer) + "\n")
        if not applied:
            facts.append(_("(rien encore)") + "\n", style="dim italic")
        outcome = Text(_("Résultat provisoire") + "\n", style="bold")
        for c in runner.assessment.get("coverages", []):
            outcome.append(f"{coverage_name(c['id'])}\n")
            outcome.append(f"  {status_line(c)}\n", style=STATUS_STYLE.get(c["status"], ""))
        for r in runner.assessment.get("referrals", []):
            outcome.append(_("Orientation : {name}").format(name=referral_name(r["id"])) + "\n", style="cyan")
        self.query_one("#side-situation", Static).update(facts)
        self.query_one("#side-outcome", Static).update(outcome)
