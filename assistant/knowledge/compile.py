"""Validate the YAML files with the pydantic schema and compile them to plain data.

Errors name the file and the field (`figures.yaml: [3] css.free_ceiling > versions > 0 >
valid_from: ...`) and are raised as `KnowledgeError`, never as a traceback.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from assistant.i18n import _
from assistant.knowledge.base import KnowledgeError
from assistant.knowledge.schema import (SEEDS, Document, FaqFile, GlossaryFile, Item, ItemsFile, Release,
                                        SourcesFile, SynonymsFile)

class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loader that leaves dates as text, so pydantic parses them and names the field."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_DOCUMENTS = TypeAdapter(list[Document])


def _read(path: Path, data_dir: Path):
    name = path.relative_to(data_dir).as_posix()
    try:
        return name, yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        error = " ".join(str(e).split())
        raise KnowledgeError(_("{file} : YAML illisible : {error}").format(file=name, error=error)) from None


def _validate(name: str, raw, validator):
    try:
        return validator(raw)
    except ValidationError as e:
        first = e.errors()[0]
        more = _(" (et {count} autre(s))").format(count=e.error_count() - 1) if e.error_count() > 1 else ""
        raise KnowledgeError(f"{name}: {_where(raw, first['loc'])}: {first['msg']}{more}") from None


def _where(raw, loc) -> str:
    """`items > [3] css.free_ceiling > versions > 0 > valid_from`: the path, with item ids."""
    parts, node = [], raw
    for key in loc:
        child = None
        if isinstance(node, dict):
            child = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            child = node[key]
        if isinstance(key, int) and isinstance(child, dict) and "id" in child:
            parts.append(f"[{key}] {child['id']}")
        else:
            parts.append(str(key))
        node = child
    return " > ".join(parts) or "(top)"


def compile_files(data_dir: Path, digest: str) -> dict:
    files = {}
    for path in sorted(data_dir.rglob("*.yaml")):
        name, raw = _read(path, data_dir)
        files[name] = raw
    for required in ("release.yaml", "sources.yaml", "documents.yaml"):
        if required not in files:
            raise KnowledgeError(_("{file} : absent de {folder}").format(file=required, folder=data_dir))

    release = _validate("release.yaml", files["release.yaml"], Release.model_validate)
    sources = _validate("sources.yaml", files["sources.yaml"], SourcesFile.model_validate)
    documents = _validate("documents.yaml", files["documents.yaml"], _DOCUMENTS.validate_python)
    items: list[tuple[str, Item]] = []
    for name, raw in files.items():
        if name.startswith("items/"):
            items += [(name, i) for i in _validate(name, raw, ItemsFile.model_validate).items]

    known_docs = SEEDS | {e.id for e in sources.external}
    seen: dict[str, str] = {}
    for name, item in items:
        if item.id in seen:
            raise KnowledgeError(_("{file} : {id} : identifiant déjà défini dans {other}").format(
                file=name, id=item.id, other=seen[item.id]))
        seen[item.id] = name
        for v in item.versions:
            for s in v.sources + (v.superseded_by or []):
                if s.doc not in known_docs:
                    raise KnowledgeError(_("{file} : {id} : document source inconnu {doc!r}").format(
                        file=name, id=item.id, doc=s.doc))
    for d in documents:
        for s in d.sources:
            if s.doc not in known_docs:
                raise KnowledgeError(_("{file} : {id} : document source inconnu {doc!r}").format(
                    file="documents.yaml", id=d.id, doc=s.doc))
    reference = _reference(files, known_docs, {item.id: item for _, item in items})

    # JSON mode: dates become ISO text, so the cache holds only marshal-able plain data.
    return {
        "release": release.release,
        "published": release.published.isoformat(),
        "hash": digest,
        "seeds": {s.doc: s.model_dump(mode="json") for s in sources.seeds},
        "external": {e.id: e.model_dump(mode="json") for e in sources.external},
        "items": {i.id: i.model_dump(mode="json") for _, i in items},
        "item_files": seen,
        "documents": {d.id: d.model_dump(mode="json") for d in documents},
        **reference,
    }


def _reference(files: dict, known_docs: set[str], items: dict[str, Item]) -> dict:
    """The glossary, FAQ and search synonyms (optional files), checked against the sources
    and the items they name; a FAQ answer that a later text changed must cite that text."""
    glossary = _validate("glossary.yaml", files.get("glossary.yaml", {"terms": []}), GlossaryFile.model_validate)
    faq = _validate("faq.yaml", files.get("faq.yaml", {"entries": []}), FaqFile.model_validate)
    synonyms = _validate("synonyms.yaml", files.get("synonyms.yaml", {"groups": []}), SynonymsFile.model_validate)
    spellings: dict[str, str] = {}
    for term in glossary.terms:
        _check_sources("glossary.yaml", term.id, "sources", term.sources, known_docs)
        for spelling in (term.term, *term.aliases):
            if spellings.setdefault(spelling, term.id) != term.id:
                raise KnowledgeError(_("{file} : {id} : {spelling!r} est déjà une graphie de {other}").format(
                    file="glossary.yaml", id=term.id, spelling=spelling, other=spellings[spelling]))
    for entry in faq.entries:
        _check_sources("faq.yaml", entry.id, "sources", entry.sources, known_docs)
        change = entry.changed
        if change is None:
            continue
        _check_sources("faq.yaml", entry.id, "changed > by", change.by, known_docs)
        if change.item is None:
            continue
        if change.item not in items:
            raise KnowledgeError(_("{file} : {id} : changed > item : élément inconnu de la base {item!r}").format(
                file="faq.yaml", id=entry.id, item=change.item))
        recorded = {(s.doc, s.ref) for v in items[change.item].versions for s in v.superseded_by or []}
        if recorded and not {(s.doc, s.ref) for s in change.by} <= recorded:
            raise KnowledgeError(_("{file} : {id} : changed > by : ce n'est pas la source qui a remplacé {item} "
                                   "dans la base").format(file="faq.yaml", id=entry.id, item=change.item))
    for name, ids in (("glossary.yaml", [t.id for t in glossary.terms]), ("faq.yaml", [e.id for e in faq.entries])):
        duplicate = next((i for n, i in enumerate(ids) if i in ids[:n]), None)
        if duplicate:
            raise KnowledgeError(_("{file} : {id} : identifiant déjà défini").format(file=name, id=duplicate))
    return {
        "glossary": {t.id: t.model_dump(mode="json") for t in glossary.terms},
        "faq": {e.id: e.model_dump(mode="json") for e in faq.entries},
        "synonyms": synonyms.groups,
    }


def _check_sources(name: str, entry_id: str, field: str, sources, known_docs: set[str]) -> None:
    for s in sources:
        if s.doc not in known_docs:
            raise KnowledgeError(_("{file} : {id} : {field} : document source inconnu {doc!r}").format(
                file=name, id=entry_id, field=field, doc=s.doc))
