"""Sources as people read them: issuer, document, year, then the section; never a file name.

An assessment or a rule cites `{"doc": "002_….txt", "ref": "§ 2. Dépôt des dossiers"}` (what
tracing needs); people read `Cnam, Réunion d'informations … dossiers AME, 2020, § 2. Dépôt des
dossiers`, from `sources.yaml` (a `cite` there, when given, is used as it is).
"""

from __future__ import annotations

from assistant.i18n import _
from assistant.knowledge.base import KnowledgeBase


def title(source: dict, kb: KnowledgeBase) -> str:
    doc, ref = source.get("doc", ""), (source.get("ref") or "").strip()
    seed = kb.data.get("seeds", {}).get(doc)
    external = kb.data.get("external", {}).get(doc)
    if seed is not None:
        head = seed.get("cite") or f"{seed['issuer']}, {seed['title']}, {str(seed['issued'])[:4]}"
    elif external is not None:
        head = external.get("cite") or external["title"]
    else:
        return ref or _("source non répertoriée")
    return f"{head}, {ref}" if ref and ref not in head else head


def titles(sources: list[dict], kb: KnowledgeBase) -> list[str]:
    """Each source once, in the order first cited."""
    return list(dict.fromkeys(title(s, kb) for s in sources))
