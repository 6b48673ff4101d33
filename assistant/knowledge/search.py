"""The knowledge search: glossary, FAQ, rules, documents (and any registered kind), ranked.

Texts and queries are folded (no accents, lower case, light plural stripping) and cut into
words. Each query word is matched exactly, else as the start of a word (typing "retro"),
else — only then — fuzzily with rapidfuzz (typos: "domicilation"). Phrases of a synonym group
(synonyms.yaml, and each glossary term with its aliases and expansion) stand for one another:
"sans papier" also looks for "situation irrégulière". An entry scores, for each part of the
query, its best match weighted by field (title and keywords over body) and word rarity;
entries that match every part of the query come first.

Built once per (knowledge base, language, date): about 30 ms on a quiet machine; a search then
takes well under a millisecond of CPU (benchmarks/bench_knowledge_search.py).
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from assistant.knowledge.base import KnowledgeBase
from assistant.knowledge.entries import collect

FIELD_WEIGHTS = {"title": 3.0, "terms": 3.0, "body": 1.0}
OTHER_FIELD = 0.25  # a word also found in another field of the entry: it is more about it
EXACT, PREFIX, FUZZY = 1.0, 0.8, 0.7  # how much a word found by each way counts
SYNONYM = 0.7  # a phrase of the query's synonym group, not the phrase typed
FUZZY_CUTOFF = 80.0
_WORD = re.compile(r"[a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "’": "'"})
STOPWORDS = frozenset("""
a au aux avec ce ces cet cette comme comment d dans de des du elle elles en est et etre il ils je l la le les leur
leurs lui ma mais me mes mon ne nos notre nous on ou par pas peut peuvent pour qu quand que quel quelle quelles
quels qui quoi quid sa se ses si son sont sur ta te tes ton tu un une vos votre vous y faire fait
an and are be can do does for from get how i in is it of on or our the to what when where which who with we
""".split())


def fold(text: str) -> str:
    """Lower case, no accents, ligatures spelled out: 'Récépissé' and 'recepisse' are one word."""
    # Accents decompose into combining marks, which the ASCII encoding then drops (so do
    # other non-Latin characters: the knowledge base and the queries are French and English).
    text = text.casefold()
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text.translate(_LIGATURES)).encode("ascii", "ignore").decode()


def words(text: str) -> list[str]:
    """The meaningful words of `text`, folded, stopwords left out, plural 's' dropped."""
    return [w[:-1] if len(w) >= 5 and w[-1] == "s" and w[-2] != "s" else w
            for w in _WORD.findall(fold(text)) if w not in STOPWORDS]


@dataclass(frozen=True)
class Hit:
    entry: dict
    score: float


class KnowledgeIndex:
    def __init__(self, entries: list[dict], synonyms: list[list[str]]):
        self.entries = entries
        postings: dict[str, dict[int, float]] = {}
        for index, found in enumerate(entries):
            fields: dict[str, list[float]] = {}
            for field, weight in FIELD_WEIGHTS.items():
                for word in set(words(found["match"][field])):
                    fields.setdefault(word, []).append(weight)
            for word, weights in fields.items():  # the best field, and a little for each other one
                postings.setdefault(word, {})[index] = max(weights) + OTHER_FIELD * (sum(weights) - max(weights))
        count = len(entries)
        self._postings = postings
        self._idf = {w: math.log((count + 1) / (len(p) + 0.5)) for w, p in postings.items()}
        self._vocabulary = sorted(postings)
        self._names = [{frozenset(words(name)) for name in found["names"]} - {frozenset()} for found in entries]
        # phrase (tuple of words) -> the phrases of its groups, the phrase itself first
        self._groups: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
        for group in synonyms:
            phrases = list(dict.fromkeys(tuple(words(p)) for p in group if words(p)))
            for phrase in phrases:
                known = self._groups.setdefault(phrase, [phrase])
                known += [p for p in phrases if p not in known]
        self._longest = max((len(p) for p in self._groups), default=1)

    @classmethod
    def build(cls, kb: KnowledgeBase, lang: str, on: date) -> "KnowledgeIndex":
        glossary_groups = [[t["term"], *t["aliases"], *t["expansion"].values()] for t in kb.glossary.values()]
        return cls(collect(kb, lang, on), kb.synonyms + glossary_groups)

    def __len__(self) -> int:
        return len(self.entries)

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """The entries matching `query`, best first (at most `limit`)."""
        parts = self._parts(words(query))
        if not parts:
            return []
        totals: dict[int, float] = {}
        matched: dict[int, int] = {}
        for alternatives in parts:
            for index, score in self._part_scores(alternatives).items():
                totals[index] = totals.get(index, 0.0) + score
                matched[index] = matched.get(index, 0) + 1
        typed = frozenset(w for alternatives in parts for w in alternatives[0])
        ranked = []
        for index, total in totals.items():
            score = total * (matched[index] / len(parts)) ** 2
            if typed in self._names[index]:
                score *= 2  # the query names the entry: "ATDA", "c2s", "PASS de ville"
            ranked.append((score, index))
        ranked.sort(key=lambda pair: (-pair[0], pair[1]))
        return [Hit(self.entries[index], score) for score, index in ranked[:limit]]

    def _parts(self, query_words: list[str]) -> list[list[tuple[str, ...]]]:
        """The query cut into parts, each a list of phrases that stand for one another; the
        longest synonym phrase found at each position makes one part."""
        parts, position = [], 0
        while position < len(query_words):
            for size in range(min(self._longest, len(query_words) - position), 0, -1):
                phrase = tuple(query_words[position:position + size])
                if phrase in self._groups or size == 1:
                    parts.append(self._groups.get(phrase, [phrase]))
                    position += size
                    break
        return parts

    def _part_scores(self, alternatives: list[tuple[str, ...]]) -> dict[int, float]:
        """A part's weight (rarity of what was typed, else of the synonym found) times each
        entry's best match quality: a rarer synonym does not outweigh the word typed."""
        weight, best = None, {}
        for rank, phrase in enumerate(alternatives):
            phrase_weight, qualities = self._phrase(phrase)
            if not qualities:
                continue
            weight = phrase_weight if weight is None else weight
            factor = 1.0 if rank == 0 else SYNONYM
            for index, quality in qualities.items():
                if quality * factor > best.get(index, 0.0):
                    best[index] = quality * factor
        return {index: weight * quality for index, quality in best.items()}

    def _phrase(self, phrase: tuple[str, ...]) -> tuple[float, dict[int, float]]:
        """Mean rarity of the phrase's words, and mean match quality for the entries where
        every word is found."""
        total_weight, qualities = 0.0, None
        for word in phrase:
            weight, found = self._word(word)
            total_weight += weight
            qualities = found if qualities is None else {i: q + found[i] for i, q in qualities.items() if i in found}
            if not qualities:
                return 0.0, {}
        return total_weight / len(phrase), {i: q / len(phrase) for i, q in qualities.items()}

    def _word(self, word: str) -> tuple[float, dict[int, float]]:
        """The word's rarity (idf of the words it stands for) and, per entry, the best match
        quality: closeness (exact, prefix, fuzzy) times field weight."""
        candidates = self._candidates(word)
        if not candidates:
            return 0.0, {}
        qualities: dict[int, float] = {}
        for candidate, closeness in candidates:
            for index, field_weight in self._postings[candidate].items():
                if closeness * field_weight > qualities.get(index, 0.0):
                    qualities[index] = closeness * field_weight
        return sum(self._idf[c] for c, _ in candidates) / len(candidates), qualities

    def _candidates(self, word: str) -> list[tuple[str, float]]:
        """The indexed words `word` stands for: itself, else words it starts, else close ones."""
        if word in self._postings:
            return [(word, EXACT)]
        if len(word) >= 3:
            start = bisect.bisect_left(self._vocabulary, word)
            prefixed = []
            for candidate in self._vocabulary[start:start + 50]:
                if not candidate.startswith(word):
                    break
                prefixed.append((candidate, PREFIX))
            if prefixed:
                return prefixed
        if len(word) < 4:
            return []
        close = process.extract(word, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=5)
        return [(candidate, FUZZY * score / 100) for candidate, score, _ in close]


_BUILT: dict[tuple[str, str, date], KnowledgeIndex] = {}


def index_for(kb: KnowledgeBase, lang: str, on: date) -> KnowledgeIndex:
    """The index of `kb` in `lang` on `on`, built once per process."""
    key = (kb.hash, lang, on)
    if key not in _BUILT:
        _BUILT.clear()  # one language and date at a time: the app switches, it does not mix
        _BUILT[key] = KnowledgeIndex.build(kb, lang, on)
    return _BUILT[key]
