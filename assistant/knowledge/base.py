"""The compiled knowledge base as the engine reads it: dated lookups over plain data.

Stdlib only: this is what `evaluate` loads from cache, so it must import in microseconds.
"""

from __future__ import annotations

from datetime import date
from typing import Any


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
        self.documents: dict[str, dict] = compiled["documents"]
        self._versions: dict[str, list[tuple[date, date, dict]]] = {
            item_id: [(v["valid_from"] or date.min, v["valid_until"] or date.max, v) for v in item["versions"]]
            for item_id, item in self.items.items()
        }

    @property
    def version_id(self) -> str:
        """Release id and content hash: enough to replay a decision later."""
        return f"{self.release}+{self.hash[:12]}"

    def version(self, item_id: str, on: date) -> dict:
        try:
            versions = self._versions[item_id]
        except KeyError:
            raise KnowledgeError(f"unknown knowledge-base item {item_id!r}") from None
        for start, end, v in versions:
            if start <= on <= end:
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

    def sources(self, item_id: str, on: date) -> list[dict]:
        return self.version(item_id, on)["sources"]

    def stale(self, on: date) -> list[tuple[str, dict]]:
        """Figures in force on `on` whose next revaluation date has passed (value may be out of date)."""
        out = []
        for item_id, versions in self._versions.items():
            for start, end, v in versions:
                if start <= on <= end and v["next_review"] and v["next_review"] <= on:
                    out.append((item_id, v))
        return out


def format_source(source: dict) -> str:
    """`000_af8b0dd11f2dd870.txt § Annexe 2 – Aide médicale de l'Etat`, the citation form."""
    ref = source["ref"]
    return f"{source['doc']} {ref}" if ref.startswith("§") else f"{source['doc']} § {ref}"
