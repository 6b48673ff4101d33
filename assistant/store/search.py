"""Search of the history: case ids by prefix, initials exactly, note words fuzzily (rapidfuzz).

Built once from the case log (one query), then each keystroke costs a few milliseconds even
with 100,000 cases: rapidfuzz compares the query with the distinct note words, not with
every note, and ids and initials are looked up directly.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

_WORD = re.compile(r"[a-z0-9]+")
_ID_LIKE = re.compile(r"\b[0-9A-Za-z]{4}-[0-9A-Za-z]{1,4}\b")
# Characters an agent may type for a Crockford base32 id character (ids never contain them).
_ID_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})
WORD_CUTOFF = 80.0


def normalise(text: str) -> str:
    """Lower case without accents: 'Récépissé' and 'recepisse' are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class SearchIndex:
    def __init__(self, rows: Iterable[tuple[str, str | None, str]]):
        """`rows`: (case id, initials, notes), most recently active first (ranking order)."""
        self.ids: list[str] = []
        self._ids_sorted: list[tuple[str, int]] = []
        self._initials: dict[str, list[int]] = {}
        postings: dict[str, set[int]] = {}
        for index, (case_id, initials, notes) in enumerate(rows):
            self.ids.append(case_id)
            self._ids_sorted.append((case_id.replace("-", ""), index))
            if initials:
                self._initials.setdefault(initials.lower(), []).append(index)
            for word in set(_WORD.findall(normalise(notes or ""))):
                postings.setdefault(word, set()).add(index)
        self._ids_sorted.sort()
        # Words sorted by length, so that a query word is only compared with words at least
        # about as long (a short word inside a long query is not a match).
        self._words = sorted(postings, key=len)
        self._word_lengths = [len(w) for w in self._words]
        self._postings = postings

    def __len__(self) -> int:
        return len(self.ids)

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Case ids matching every word of `query`, best first, then most recently active."""
        ids = [m.replace("-", "") for m in _ID_LIKE.findall(query)]  # 'K7Q2-M9XD' is one token
        words = _WORD.findall(normalise(_ID_LIKE.sub(" ", query)))
        tokens = [t.lower() for t in ids] + [w for w in words if len(w) >= 3 or w in self._initials]
        totals: dict[int, float] | None = None
        for token in dict.fromkeys(tokens):
            scores = self._token_scores(token)
            totals = scores if totals is None else {i: totals[i] + s for i, s in scores.items() if i in totals}
        if not totals:
            return []
        best = sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [self.ids[index] for index, _ in best]

    def _token_scores(self, token: str) -> dict[int, float]:
        scores: dict[int, float] = {}
        for index in self._initials.get(token, ()):
            scores[index] = 100.0
        if len(token) >= 3:
            for index in self._id_prefix(token.upper().translate(_ID_TYPOS)):
                scores[index] = 100.0
            start = bisect.bisect_left(self._word_lengths, len(token) - 1)
            for _, score, position in process.extract(token, self._words[start:], scorer=fuzz.partial_ratio,
                                                      score_cutoff=WORD_CUTOFF, limit=50):
                for index in self._postings[self._words[start + position]]:
                    scores[index] = max(scores.get(index, 0.0), score)
        return scores

    def _id_prefix(self, prefix: str) -> list[int]:
        start = bisect.bisect_left(self._ids_sorted, (prefix,))
        found = []
        for compact, index in self._ids_sorted[start:]:
            if not compact.startswith(prefix):
                break
            found.append(index)
        return found

