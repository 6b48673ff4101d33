"""Search of the history: SQLite full-text search (FTS5) for words, rapidfuzz only for typos.

Each case is indexed by its id (with and without the dash), initials, note words and the
coverages it is about (migration m006), its index rows in order of last activity. A query
finds the cases matching every word, newest first:

- a word of 3 letters or more matches the indexed words it starts ("recep" finds
  "récépissé"), spelled out as exact words from the index's vocabulary: FTS5 merges exact
  words lazily and stops at the limit, where a prefix query would read every posting;
- a shorter word matches initials exactly, and is ignored when it is no one's ("de", "la");
- a case id, whole or in part, with or without the dash, with the letters agents type for
  digits (O for 0, I or L for 1), is looked up in the cases' primary key;
- only a word that matches none of these is looked up fuzzily (rapidfuzz) among the
  vocabulary of notes and coverages: "rapeler" finds "rappeler".

The vocabulary is read once per HistorySearch (~0.15 s at 100,000 cases: the history screen
reads it while it opens); a word written since is still found exactly.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from pathlib import Path

import sqlite_utils
from rapidfuzz import fuzz, process

from assistant.store.errors import guarded

_WORD = re.compile(r"[a-z0-9]+")
_ID_LIKE = re.compile(r"\b[0-9a-z]{4}-[0-9a-z]{1,4}\b")
_ID_CHARS = re.compile(r"^[0-9abcdefghjkmnpqrstvwxyz]+$")  # Crockford base32: no i, l, o, u
# Characters an agent may type for a Crockford base32 id character (ids never contain them).
_ID_TYPOS = str.maketrans({"o": "0", "i": "1", "l": "1"})
WORD_CUTOFF = 80.0
PREFIX_WORDS = 30  # more words than this start with what was typed: let FTS5 expand the prefix
MAX_IDS = 50


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
        self._vocabulary: list[str] | None = None

    @guarded
    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of the cases (not erased) matching every word of `query`, most recently active first."""
        expression = self.expression(query)
        if not expression:
            return []
        rows = self.db.execute(  # rowids follow activity (m006): the newest matches come first
            "SELECT s.case_id FROM case_search_fts JOIN case_search s ON s.rowid = case_search_fts.rowid "
            "WHERE case_search_fts MATCH ? ORDER BY case_search_fts.rowid DESC LIMIT ?", [expression, limit])
        return [case_id for (case_id,) in rows]

    def expression(self, query: str) -> str:
        """The FTS5 query for `query` (every part must match), or '' when nothing can match."""
        text = normalise(query)
        parts = []
        for typed in _ID_LIKE.findall(text):
            ids = self._ids_starting(typed.replace("-", "").translate(_ID_TYPOS))
            if not ids:
                return ""
            parts.append(_any(ids, column="ids"))
        for word in _WORD.findall(_ID_LIKE.sub(" ", text)):
            part = self._word_part(word)
            if part is None:
                return ""  # a word that matches nothing, even fuzzily: no case has every word
            if part:
                parts.append(part)
        return " AND ".join(dict.fromkeys(parts))

    def _word_part(self, word: str) -> str | None:
        """The FTS5 part for one word; '' for a short word that is no one's initials; None
        when it matches nothing at all."""
        if len(word) < 3:
            part = f'initials : "{word}"'
            return part if self._matches(part) else ""
        vocabulary = self.vocabulary()
        start = bisect.bisect_left(vocabulary, word)
        starting = []
        for known in vocabulary[start:start + PREFIX_WORDS + 1]:
            if not known.startswith(word):
                break
            starting.append(known)
        parts = [f'"{word}"*'] if len(starting) > PREFIX_WORDS else [_any(starting)] if starting else []
        as_id = word.translate(_ID_TYPOS)
        ids = self._ids_starting(as_id)
        if ids:
            parts.append(_any(ids, column="ids"))
        if len(as_id) == 4 and self._matches(f'ids : "{as_id}"'):
            parts.append(f'ids : "{as_id}"')  # the second half of an id
        if not parts and word not in vocabulary and self._matches(f'"{word}"'):
            parts.append(f'"{word}"')  # written since the vocabulary was read
        if not parts and len(word) >= 4:
            close = self._close_words(word)
            parts = [_any(close)] if close else []
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def _ids_starting(self, compact: str) -> list[str]:
        """Index words (compact ids) of the cases whose id starts with `compact`."""
        if len(compact) < 3 or not _ID_CHARS.match(compact):
            return []
        prefix = (compact[:4] + "-" + compact[4:] if len(compact) > 4 else compact).upper()
        rows = self.db.execute("SELECT id FROM cases WHERE id >= ? AND id < ? AND erased_on IS NULL LIMIT ?",
                               [prefix, prefix + "\uffff", MAX_IDS])
        return [case_id.replace("-", "").lower() for (case_id,) in rows]

    def _matches(self, expression: str) -> bool:
        return self.db.execute("SELECT 1 FROM case_search_fts WHERE case_search_fts MATCH ? LIMIT 1",
                               [expression]).fetchone() is not None

    @guarded
    def vocabulary(self) -> list[str]:
        """The distinct words of notes, coverages and initials, sorted (read once)."""
        if self._vocabulary is None:
            self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.case_search_terms "
                            "USING fts5vocab(main, case_search_fts, 'col')")
            self._vocabulary = [term for (term,) in self.db.execute(
                "SELECT DISTINCT term FROM temp.case_search_terms WHERE col != 'ids' ORDER BY term")]
        return self._vocabulary

    def _close_words(self, word: str) -> list[str]:
        """Indexed words within a typo of `word` (rapidfuzz)."""
        found = process.extract(word, self.vocabulary(), scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=5)
        return [term for term, _, _ in found]


def _any(words: list[str], column: str | None = None) -> str:
    """`"a"`, or `("a" OR "b")`, optionally restricted to one column."""
    quoted = [f'"{w}"' for w in words]
    either = quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"
    return f"{column} : {either}" if column else either
