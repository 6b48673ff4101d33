"""The result card: each section of the outcome, every item with its details and sources.

One Static per section, rendering a Rich group (details and sources indented under their
item): a few widgets instead of one per line keep the card quick to show.
"""

from __future__ import annotations

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from assistant.dialogs.outcome import Entry, sections

MARKS = {True: "☑ ", False: "☐ ", None: "• "}


def _entry(e: Entry) -> list:
    parts: list = [Text(MARKS[e.mark] + e.text, style="bold")]
    if e.details:
        parts.append(Padding(Text("\n".join(e.details)), (0, 0, 0, 4)))
    if e.sources:
        parts.append(Padding(Text("\n".join(f"↳ {s}" for s in e.sources), style="dim italic"), (0, 0, 0, 4)))
    return parts


class ResultCard(Vertical):
    def __init__(self, assessment: dict, facts: list[tuple[str, str]], checklist: dict[str, bool],
                 directory=None, **kwargs):
        """`directory`: the site's contacts (assistant.directory.lookup.Directory), shown under
        the requests (where to file) and the referrals."""
        super().__init__(**kwargs)
        self.parts = sections(assessment, facts, checklist, directory)

    def compose(self):
        for title, entries in self.parts:
            yield Static(title, classes="card-title", markup=False)
            yield Static(Group(*(part for e in entries for part in _entry(e))), classes="card-body")
