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
from assistant.ui.knowledge import link_terms

MARKS = {True: "☑ ", False: "☐ ", None: "• "}


def _entry(e: Entry, terms) -> list:
    parts: list = [link_terms(Text(MARKS[e.mark] + e.text, style="bold"), terms)]
    if e.details:
        parts.append(Padding(link_terms(Text("\n".join(e.details)), terms), (0, 0, 0, 4)))
    if e.sources:
        parts.append(Padding(Text("\n".join(f"↳ {s}" for s in e.sources), style="dim italic"), (0, 0, 0, 4)))
    return parts


class ResultCard(Vertical):
    def __init__(self, assessment: dict, facts: list[tuple[str, str]], checklist: dict[str, bool], terms=None,
                 directory=None, **kwargs):
        """`terms`: a TermFinder, to make the glossary's terms clickable (screen.define).
        `directory`: the site's contacts (assistant.directory.lookup.Directory), shown under the
        requests (where to file) and the referrals."""
        super().__init__(**kwargs)
        self.parts = sections(assessment, facts, checklist, directory)
        self.terms = terms

    def compose(self):
        for title, entries in self.parts:
            yield Static(title, classes="card-title", markup=False)
            yield Static(Group(*(part for e in entries for part in _entry(e, self.terms))), classes="card-body")

    def texts(self) -> list[str]:
        """Every text of the card, top to bottom (to find the terms it uses)."""
        return [text for title, entries in self.parts for text in (title, *(t for e in entries
                                                                             for t in (e.text, *e.details)))]
