"""Search of the history: SQLite full-text search (FTS5) for words, rapidfuzz only for typos.

Each case is indexed by its id (with and without the dash), initials, note words and the
coverages it is about (migration m006). A query finds the cases matching every word: a word
of 3 letters or more as the start of an indexed word ("recep" finds "récépissé"), a shorter
one exactly ("AB": initials); a part of a case id also with the letters agents type for
digits (O for 0, I or L for 1). Only a word that starts no indexed word is looked up fuzzily
in the vocabulary of notes and coverages ("rapeler" finds "rappeler"). The matching cases
come most recently active first: what an agent looks for is nearly always a current case.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process

from assistant.store.errors import guarded

_WORD = re.compile(r"[a-z0-9]+")
_ID_LIKE = re.compile(r"\b[0-9a-z]{4}-[0-9a-z]{1,4}\b")
# Characters an agent may type for a Crockford base32 id character (ids never contain them).
_ID_TYPOS = str.maketrans({"o": "0", "i": "1", "l": "1"})
WORD_CUTOFF = 80.0


def normalise(text: str) -> str:
    """Lower case without accents: 'Récépissé' and 'recepisse' are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class HistorySearch:
    """Searches the case log of `db` (an open sqlite_utils.Database) as it is at each call;
    SQLite errors come out as StoreError naming `path`."""

    def __init__(self, db: sqlite_utils.Database, path: Path):
        self.db = db
        self.path = path
        self._vocabulary: list[str] | None = None  # note and coverage words, loaded at the first typo

    @guarded
    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of the cases (not erased) matching every word of `query`, best first."""
        expression = self.expression(query)
        if not expression:
            return []
        rows = self.db.execute(
            f"SELECT s.case_id FROM case_search_fts JOIN case_search s ON s.rowid = case_search_fts.rowid "
            f"JOIN cases c ON c.id = s.case_id WHERE case_search_fts MATCH ? "
            f"ORDER BY c.last_activity_on DESC, c.updated_at DESC LIMIT ?", [expression, limit])
        return [case_id for (case_id,) in rows]

    def expression(self, query: str) -> str:
        """The FTS5 query for `query` (every part must match), or '' when nothing is searchable."""
        text = normalise(query)
        parts = [self._id_part(m.replace("-", "")) for m in _ID_LIKE.findall(text)]
        for word in _WORD.findall(_ID_LIKE.sub(" ", text)):
            part = self._word_part(word)
            if part is None:
                return ""  # a word that matches nothing, even fuzzily: no case has every word
            if part:
                parts.append(part)
        return " AND ".join(dict.fromkeys(parts))

    @staticmethod
    def _id_part(compact: str) -> str:
        return f'ids : "{compact.translate(_ID_TYPOS)}"*'

    def _word_part(self, word: str) -> str | None:
        """The FTS5 part for one word; '' for a short word that is no one's initials ("de")."""
        if len(word) < 3:
            part = f'initials : "{word}"'
            return part if self._matches(part) else ""
        alternatives = [f'"{word}"*']
        as_id = word.translate(_ID_TYPOS)
        if as_id != word:
            alternatives.append(self._id_part(as_id))
        if not self._matches(" OR ".join(alternatives)):
            alternatives = [f'"{close}"' for close in (self._close_words(word) if len(word) >= 4 else [])]
            if not alternatives:
                return None
        return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"

    def _matches(self, expression: str) -> bool:
        return self.db.execute("SELECT 1 FROM case_search_fts WHERE case_search_fts MATCH ? LIMIT 1",
                               [expression]).fetchone() is not None

    @guarded
    def vocabulary(self) -> list[str]:
        """The distinct note and coverage words of the index (read once: the typo candidates)."""
        if self._vocabulary is None:
            self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.case_search_terms "
                            "USING fts5vocab(main, case_search_fts, 'col')")
            self._vocabulary = [term for (term,) in self.db.execute(
                "SELECT DISTINCT term FROM temp.case_search_terms WHERE col IN ('notes', 'coverage')")]
        return self._vocabulary

    def _close_words(self, word: str) -> list[str]:
        """Indexed note and coverage words within a typo of `word` (rapidfuzz)."""
        found = process.extract(word, self.vocabulary(), scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=5)
        return [term for term, _, _ in found]
