"""The knowledge base's search and glossary as the app uses them: built on first use, kept on
the app; terms of the glossary turned into links in the texts shown (click: the definition)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.style import Style

from assistant.i18n import language
from assistant.knowledge.glossary import TermFinder


class Knowledge:
    def __init__(self, app):
        self.app = app
        self._finder: TermFinder | None = None

    def _on(self) -> date:
        runner = getattr(self.app, "runner", None)
        return runner.state.on if runner is not None else date.today()

    def index(self):
        """The search index (KnowledgeIndex) in the current language, on the consultation date."""
        from assistant.knowledge.loader import load
        from assistant.knowledge.search import index_for  # rapidfuzz: not before the first paint

        return index_for(load(), language(), self._on())

    def finder(self) -> TermFinder:
        if self._finder is None:
            from assistant.knowledge.loader import load

            self._finder = TermFinder(load())
        return self._finder

    @property
    def ready(self) -> bool:
        """Whether term links can be made without loading anything (keeps the first paint quick)."""
        return self._finder is not None

    def term_entry(self, term_id: str) -> dict:
        return next(e for e in self.index().entries if e["id"] == f"glossary:{term_id}")

    def glossary(self, texts: Iterable[str]) -> tuple[list[dict], bool]:
        """The glossary entries of the terms in `texts`, or every entry when there are none."""
        found = self.finder().terms_in(texts)
        if found:
            return [self.term_entry(term_id) for term_id in found], True
        return [e for e in self.index().entries if e["kind"] == "glossary"], False


def knowledge_of(app) -> Knowledge:
    if getattr(app, "_knowledge", None) is None:
        app._knowledge = Knowledge(app)
    return app._knowledge


def _action(term_id: str) -> dict:
    return {"@click": f"screen.define({term_id!r})"}


def linked_content(text: str, finder: TermFinder | None) -> Content:
    """`text` with each glossary term underlined and clickable (`screen.define(id)`)."""
    content = Content(text)
    for start, end, term_id in finder.spans(text) if finder else []:
        content = content.stylize(Style(underline=True) + Style.from_meta(_action(term_id)), start, end)
    return content


def link_terms(text: Text, finder: TermFinder | None) -> Text:
    """The same for a Rich Text (the result card), in place."""
    for start, end, term_id in finder.spans(text.plain) if finder else []:
        text.stylize(RichStyle(underline=True, meta=_action(term_id)), start, end)
    return text
