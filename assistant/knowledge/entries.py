"""What the knowledge search finds: entries built from the knowledge base, one kind per source.

An entry is plain data (marshal-able): `kind`, `id` (`kind:id`), the texts shown in the
language asked (French where a translation is missing), the texts matched in both languages
(`match`: title, terms, body), and its `sources` as `{doc, ref}`. A new kind of entry (the
directory of local structures, for instance) is one line of `SOURCES`: a function
`(kb, lang, on) -> iterable of entries` that builds them with `entry()`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from datetime import date

from assistant.i18n import N_, _, short_date
from assistant.knowledge.base import KnowledgeBase, NotInForce, format_source

SOURCES = {  # kind: "module:function"; the order is the order of kinds among equal scores
    "glossary": "assistant.knowledge.entries:glossary_entries",
    "faq": "assistant.knowledge.entries:faq_entries",
    "rule": "assistant.knowledge.entries:rule_entries",
    "document": "assistant.knowledge.entries:document_entries",
}
KIND_LABELS = {
    "glossary": N_("Glossaire"),
    "faq": N_("Question"),
    "rule": N_("Règle"),
    "document": N_("Pièce"),
    "directory": N_("Annuaire"),
}
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def collect(kb: KnowledgeBase, lang: str, on: date) -> list[dict]:
    """Every entry of every registered source, in the order of SOURCES."""
    found: list[dict] = []
    for target in SOURCES.values():
        module, function = target.split(":")
        found += getattr(importlib.import_module(module), function)(kb, lang, on)
    return found


def entry(kind: str, entry_id: str, *, title: str, body: list[str], sources: list[dict],
          subtitle: str = "", changed: dict | None = None, names: Iterable[str] = (), match_title: Iterable[str] = (),
          match_terms: Iterable[str] = (), match_body: Iterable[str] = ()) -> dict:
    """An entry; `names` are other names of it (a query equal to a name or the title puts it
    first); `match_*` add texts to match (the other language, aliases, keywords)."""
    return {
        "kind": kind, "id": f"{kind}:{entry_id}", "title": title, "subtitle": subtitle,
        "body": [p for p in body if p], "sources": sources, "changed": changed, "names": [title, *names],
        "match": {
            "title": " ".join([title, *match_title]),
            "terms": " ".join([subtitle, *match_terms]),
            "body": " ".join([*body, *match_body, (changed or {}).get("now", "")]),
        },
    }


def _pick(text: dict | None, lang: str) -> str:
    return "" if not text else text.get(lang) or text["fr"]


def _both(text: dict | None) -> list[str]:
    return [t for t in (text or {}).values() if t]


def glossary_entries(kb: KnowledgeBase, lang: str, on: date) -> list[dict]:
    return [entry("glossary", term["id"], title=term["term"], subtitle=_pick(term["expansion"], lang),
                  body=[_pick(term["definition"], lang)], sources=term["sources"], names=term["aliases"],
                  match_terms=[*term["aliases"], *term["keywords"], *_both(term["expansion"])],
                  match_body=_both(term["definition"]))
            for term in kb.glossary.values()]


def faq_entries(kb: KnowledgeBase, lang: str, on: date) -> list[dict]:
    found = []
    for faq in kb.faq.values():
        change = faq["changed"]
        changed = None
        if change:
            changed = {"since": change["since"], "now": _pick(change["now"], lang), "by": change["by"],
                       "item": change["item"]}
        found.append(entry("faq", faq["id"], title=_pick(faq["question"], lang), body=[_pick(faq["answer"], lang)],
                           sources=faq["sources"], changed=changed, match_title=_both(faq["question"]),
                           match_terms=faq["keywords"], match_body=_both(faq["answer"]) + _both((change or {}).get("now"))))
    return found


def _is_label_table(value) -> bool:
    """A figure that only holds labels (situation field names…): not something to look up."""
    return isinstance(value, dict) and bool(value) and all(isinstance(v, dict) and "fr" in v for v in value.values())


def _readable(text: str) -> str:
    """A rule text without the blanks the engine fills in ({date}, {amount}…)."""
    return " ".join(_PLACEHOLDER.sub("…", text).split())


def rule_entries(kb: KnowledgeBase, lang: str, on: date) -> list[dict]:
    found = []
    for item_id, item in kb.items.items():
        try:
            current = kb.version(item_id, on)
        except NotInForce:  # a date outside the base's span: show the latest statement
            current = max(item["versions"], key=lambda v: v["valid_from"] or date.min)
        if _is_label_table(current["value"]):
            continue
        body = [_readable(_pick(current["text"], lang)), _pick(current["note"], lang)]
        for older in item["versions"]:
            if older["superseded_by"] and older is not current:
                body.append(_("Énoncé remplacé (jusqu'au {date}) : {text} {note}").format(
                    date=short_date(older["valid_until"]) if older["valid_until"] else "…",
                    text=_readable(_pick(older["text"], lang)), note=_pick(older["note"], lang)).strip())
        others = [t for v in item["versions"] for t in (*_both(v["text"]), *_both(v["note"]))]
        found.append(entry("rule", item_id, title=_pick(item["label"], lang), body=body, sources=current["sources"],
                           match_title=_both(item["label"]), match_body=[_readable(t) for t in others]))
    return found


def document_entries(kb: KnowledgeBase, lang: str, on: date) -> list[dict]:
    found = []
    for doc_id, doc in kb.documents.items():
        first = [_pick(a, lang) for a in doc["alternatives"]]
        second = [_pick(a, lang) for a in doc["second_intention"]]
        body = [_("Première intention : {items}").format(items=" ; ".join(first)) if first else "",
                _("Seconde intention : {items}").format(items=" ; ".join(second)) if second else "",
                _pick(doc["note"], lang)]
        texts = [t for a in (*doc["alternatives"], *doc["second_intention"], doc["note"]) for t in _both(a)]
        found.append(entry("document", doc_id, title=_pick(doc["label"], lang), body=body, sources=doc["sources"],
                           match_title=_both(doc["label"]), match_terms=[_("pièce justificative"), "document"],
                           match_body=texts))
    return found


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def sources_line(sources: list[dict]) -> str:
    """The sources as people read them. Titles (issuer, document, year) will replace the
    file names here once the source-title helper exists; until then `doc § ref`."""
    return " ; ".join(format_source(s) for s in sources)


def changed_text(changed: dict) -> str:
    return _("Réponse modifiée depuis le {date} : {now}").format(
        date=short_date(date.fromisoformat(changed["since"])), now=changed["now"])


def format_entry(found: dict) -> str:
    """The whole entry as plain text: title, texts, the change if any, sources."""
    heading = f"{found['title']} — {found['subtitle']}" if found["subtitle"] else found["title"]
    lines = [f"[{kind_label(found['kind'])}] {heading}", *found["body"]]
    if found["changed"]:
        lines.append(changed_text(found["changed"]))
        lines.append(_("Source du changement : {sources}").format(sources=sources_line(found["changed"]["by"])))
    lines.append(_("Source : {sources}").format(sources=sources_line(found["sources"])))
    return "\n".join(lines)
