"""The knowledge search in the command palette (Ctrl+P): glossary, FAQ, rules, documents,
ranked, each with its source; choosing one opens it in full."""

from __future__ import annotations

import asyncio
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.i18n import _
from assistant.knowledge.entries import kind_label, sources_line
from assistant.ui.knowledge import knowledge_of

LIMIT = 20


def _display(entry: dict) -> Text:
    display = Text(f"{kind_label(entry['kind'])} · ", style="dim")
    display.append(entry["title"])
    if entry["subtitle"]:
        display.append(f" — {entry['subtitle']}", style="italic")
    return display


def _help(entry: dict) -> str:
    return _("Source : {sources}").format(sources=sources_line(entry["sources"][:1]))


class KnowledgeCommands(Provider):
    async def startup(self) -> None:
        self.index = await asyncio.to_thread(knowledge_of(self.app).index)  # ~30 ms, once per app

    def _open(self, entry: dict) -> None:
        from assistant.ui.screens.entry import EntryScreen

        self.app.push_screen(EntryScreen(entry))

    async def search(self, query: str) -> Hits:
        hits = self.index.search(query, limit=LIMIT)
        for rank, hit in enumerate(hits):  # scores that keep the index's order
            entry = hit.entry
            yield Hit(1 - rank / (len(hits) + 1), _display(entry), partial(self._open, entry),
                      text=entry["title"], help=_help(entry))

    async def discover(self) -> Hits:
        """With nothing typed yet: the glossary, to show what can be looked up."""
        for entry in self.index.entries:
            if entry["kind"] == "glossary":
                yield DiscoveryHit(_display(entry), partial(self._open, entry), text=entry["title"], help=_help(entry))
