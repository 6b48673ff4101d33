"""Sources grouped by document, as the slip lists them at its foot.

One source is shown with `knowledge.base.format_source` (issuer, document, year, section); a
slip cites many, so it names each document once with the sections it draws on:
`Cnam, réunion partenaires…, 2020 (§ 1. Constitution des dossiers ; § 2. Dépôt des dossiers)`.
"""

from __future__ import annotations

from assistant.i18n import _
from assistant.knowledge.base import bundled_cites


def section(ref: str) -> str:
    """The section without its subtitle: `§ 1. Constitution des dossiers – identité` -> `§ 1. Constitution des dossiers`."""
    return ref.split(" – ")[0].split(" (")[0].strip()


def grouped(sources: list[dict], cites: dict[str, str] | None = None) -> list[str]:
    """One line per document, its sections (without subtitles) in the order first cited.
    `cites`: `KnowledgeBase.cites`; by default the bundled base's."""
    cites = bundled_cites() if cites is None else cites
    sections: dict[str, list[str]] = {}
    for s in sources:
        document = cites.get(s.get("doc", "")) or _("source non répertoriée")
        refs = sections.setdefault(document, [])
        ref = section(s.get("ref") or "")
        if ref and ref not in refs:
            refs.append(ref)
    return [f"{document} ({' ; '.join(refs)})" if refs else document for document, refs in sections.items()]
