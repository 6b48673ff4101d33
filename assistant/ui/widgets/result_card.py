"""The result card: each section of the outcome, every item with its source."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from assistant.dialogs.outcome import sections

MARKS = {True: "☑ ", False: "☐ ", None: "• "}


class ResultCard(Vertical):
    def __init__(self, assessment: dict, facts: list[tuple[str, str]], checklist: dict[str, bool], **kwargs):
        super().__init__(**kwargs)
        self.parts = sections(assessment, facts, checklist)

    def compose(self):
        for title, entries in self.parts:
            yield Static(title, classes="card-title", markup=False)
            text = Text()
            for e in entries:
                text.append(MARKS[e.mark] + e.text + "\n", style="bold" if e.details or e.sources else "")
                for detail in e.details:
                    text.append(f"    {detail}\n")
                for source in e.sources:
                    text.append(f"    ↳ {source}\n", style="dim italic")
            yield Static(text, classes="card-body")
