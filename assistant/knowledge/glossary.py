"""Find the glossary's terms in texts shown to the agent (questions, reasons, the result card).

Acronyms (two capitals or more: AME, PUMa, C2S, PASS de ville) are matched as written, so
that "pass" or an English "Ame" are not taken for them; other terms (domiciliation, délai de
carence, Cnam) in any case. The longest spelling wins where two overlap ("PASS de ville").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.knowledge.base import KnowledgeBase


class TermFinder:
    def __init__(self, kb: KnowledgeBase):
        self.terms = kb.glossary
        spellings = sorted(((s, t["id"]) for t in self.terms.values() for s in (t["term"], *t["aliases"])),
                           key=lambda pair: -len(pair[0]))
        self._ids: dict[str, str] = {}
        patterns = []
        for spelling, term_id in spellings:
            acronym = sum(c.isupper() for c in spelling) >= 2
            self._ids[spelling if acronym else spelling.casefold()] = term_id
            patterns.append(re.escape(spelling) if acronym else f"(?i:{re.escape(spelling)})")
        self._pattern = re.compile(r"(?<![\w-])(" + "|".join(patterns) + r")(?![\w-])") if patterns else None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term id) of each term in `text`, left to right."""
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text):
            written = match.group(1)
            term_id = self._ids.get(written) or self._ids.get(written.casefold())
            if term_id:
                found.append((match.start(1), match.end(1), term_id))
        return found

    def terms_in(self, texts: Iterable[str]) -> list[str]:
        """Term ids found in `texts`, in order of first appearance, each once."""
        return list(dict.fromkeys(term_id for text in texts for _, _, term_id in self.spans(text)))
