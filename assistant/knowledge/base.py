"""The compiled knowledge base as the engine reads it: dated lookups over plain data.

Stdlib only: this is what `evaluate` loads from cache, so it must import in microseconds.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any


_DATES = ("valid_from", "valid_until", "last_checked", "next_review")


class KnowledgeError(Exception):
    """The knowledge base cannot be used; the message names the file and the field."""


class NotInForce(KnowledgeError):
    pass


class KnowledgeBase:
    def __init__(self, compiled: dict):
        self.data = compiled
        self.release: str = compiled["release"]
        self.hash: str = compiled["hash"]
        self.items: dict[str, dict] = compiled["items"]
        for item in self.items.values():  # the compiled data keeps dates as ISO text
            for v in item["versions"]:
                for key in _DATES:
                    if isinstance(v[key], str):
                        v[key] = date.fromisoformat(v[key])
        self.documents: dict[str, dict] = compiled["documents"]
        self.glossary: dict[str, dict] = compiled.get("glossary", {})
        self.faq: dict[str, dict] = compiled.get("faq", {})
        self.synonyms: list[list[str]] = compiled.get("synonyms", [])
        # Source file name or id -> how people read it (sources.yaml `cite`: issuer, document, year).
        self.cites: dict[str, str] = {**{doc: s["cite"] for doc, s in compiled.get("seeds", {}).items()},
                                      **{key: s["cite"] for key, s in compiled.get("external", {}).items()}}
        self._versions: dict[str, list[tuple[date, date, dict]]] = {
            item_id: [(v["valid_from"] or date.min, v["valid_until"] or date.max, v) for v in item["versions"]]
            for item_id, item in self.items.items()
        }
        self._reviewed = [(item_id, start, end, v) for item_id, versions in self._versions.items()
                          for start, end, v in versions if v["next_review"]]
        self._stale: dict[date, list[tuple[str, dict]]] = {}
        self._documents_text: dict[tuple[str, str], dict] = {}
        self._memo: dict[tuple[str, date], dict] = {}

    @property
    def version_id(self) -> str:
        """Release id and content hash: enough to replay a decision later."""
        return f"{self.release}+{self.hash[:12]}"

    def version(self, item_id: str, on: date) -> dict:
        found = self._memo.get((item_id, on))
        if found is not None:
            return found
        try:
            versions = self._versions[item_id]
        except KeyError:
            raise KnowledgeError(f"unknown knowledge-base item {item_id!r}") from None
        for start, end, v in versions:
            if start <= on <= end:
                if len(self._memo) > 50_000:  # a long session sees many dates: stay bounded
                    self._memo.clear()
                self._memo[(item_id, on)] = v
                return v
        raise NotInForce(f"{item_id}: no version in force on {on.isoformat()}")

    def value(self, item_id: str, on: date) -> Any:
        return self.version(item_id, on)["value"]

    def text(self, item_id: str, on: date, lang: str = "fr") -> str:
        v = self.version(item_id, on)
        text = v["text"] or self.items[item_id]["label"]
        return text.get(lang) or text["fr"]

    def label(self, item_id: str, lang: str = "fr") -> str:
        label = (self.items.get(item_id) or self.documents[item_id])["label"]
        return label.get(lang) or label["fr"]

    def document_text(self, doc_id: str, lang: str = "fr") -> dict:
        """A document's texts in `lang` (French where no translation), built once per language."""
        key = (doc_id, lang)
        if key not in self._documents_text:
            doc = self.documents[doc_id]
            text = lambda t: t.get(lang) or t["fr"]  # noqa: E731
            self._documents_text[key] = {
                "label": text(doc["label"]),
                "alternatives": [text(a) for a in doc["alternatives"]],
                "second_intention": [text(a) for a in doc["second_intention"]],
                "note": text(doc["note"]) if doc["note"] else None,
                "sources": doc["sources"],
            }
        return self._documents_text[key]

    def sources(self, item_id: str, on: date) -> list[dict]:
        return self.version(item_id, on)["sources"]

    def stale(self, on: date) -> list[tuple[str, dict]]:
        """Figures in force on `on` whose next revaluation date has passed (value may be out of date)."""
        if on not in self._stale:  # every assessment asks: scan the few reviewed versions once per date
            self._stale[on] = [(item_id, v) for item_id, start, end, v in self._reviewed
                               if start <= on <= end and v["next_review"] <= on]
        return self._stale[on]


def format_source(source: dict, cites: dict[str, str] | None = None) -> str:
    """A source as people read it: the document's `cite` (issuer, document, year), then the
    section: `Cnam, réunion partenaires sur … les dossiers AME, 2020, § 2. Dépôt des dossiers`.
    Never a file name (those stay in the JSON, for tracing): a document without a citation shows
    its section alone. `cites`: `KnowledgeBase.cites`; by default the bundled base's."""
    cites = bundled_cites() if cites is None else cites
    document, ref = cites.get(source.get("doc", "")), (source.get("ref") or "").strip()
    if document is None:
        if ref:
            return ref
        from assistant.i18n import _

        return _("source non répertoriée")
    return f"{document}, {ref}" if ref and ref not in document else document


def format_sources(sources: list[dict], cites: dict[str, str] | None = None) -> list[str]:
    """Each source as people read it, once, in the order first cited."""
    return list(dict.fromkeys(format_source(s, cites) for s in sources))


@lru_cache(maxsize=1)
def bundled_cites() -> dict[str, str]:
    from assistant.knowledge.loader import load

    return load().cites
