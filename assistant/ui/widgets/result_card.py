"""The result card: each section of the outcome, every item with its details and sources."""

from __future__ import annotations

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
            for e in entries:
                yield Static(MARKS[e.mark] + e.text, classes="card-item", markup=False)
                if e.details:
                    yield Static("\n".join(e.details), classes="card-detail", markup=False)
                if e.sources:
                    yield Static("\n".join(f"↳ {s}" for s in e.sources), classes="card-source", markup=False)
