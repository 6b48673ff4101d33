"""Sources as people read them: issuer, document, year, then the section.

An assessment cites its sources by file name or id and section (`{"doc": "002_….txt", "ref":
"§ 2. Dépôt des dossiers"}`), which is what tracing needs; the result card and the slip show
`Cnam, réunion partenaires sur … les dossiers AME, 2020, § 2. Dépôt des dossiers` instead,
from the `cite` of each source in `knowledge/data/sources.yaml`.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.i18n import _
from assistant.knowledge.base import KnowledgeBase


def catalogue(kb: KnowledgeBase) -> dict[str, str]:
    """Source file name or id -> its citation."""
    return {**{doc: s["cite"] for doc, s in kb.data["seeds"].items()},
            **{key: s["cite"] for key, s in kb.data["external"].items()}}


@lru_cache(maxsize=1)
def _bundled() -> dict[str, str]:
    from assistant.knowledge.loader import load

    return catalogue(load())


def title(source: dict, cites: dict[str, str] | None = None) -> str:
    """The source as shown to people; never a file name (an unknown document shows its section)."""
    cites = _bundled() if cites is None else cites
    document, ref = cites.get(source.get("doc", "")), (source.get("ref") or "").strip()
    if document is None:
        return ref or _("source non répertoriée")
    return f"{document}, {ref}" if ref else document


def section(ref: str) -> str:
    """The section without its subtitle: `§ 1. Constitution des dossiers – identité` -> `§ 1. Constitution des dossiers`."""
    return ref.split(" – ")[0].split(" (")[0].strip()


def grouped(sources: list[dict], cites: dict[str, str] | None = None) -> list[str]:
    """One line per document, its sections (without subtitles) in the order first cited:
    `Cnam, réunion partenaires…, 2020 (§ 1. Constitution des dossiers ; § 2. Dépôt des dossiers)`."""
    cites = _bundled() if cites is None else cites
    sections: dict[str, list[str]] = {}
    for s in sources:
        document = cites.get(s.get("doc", "")) or _("source non répertoriée")
        refs = sections.setdefault(document, [])
        ref = section(s.get("ref") or "")
        if ref and ref not in refs:
            refs.append(ref)
    return [f"{document} ({' ; '.join(refs)})" if refs else document for document, refs in sections.items()]
