"""What the assistant looks for in the directory, and how it recognises it in data·inclusion data.

An export of the national base knows services by name, description, thématiques and the
network behind their structure (`reseaux_porteurs`), not by the assistant's needs; so each
need is recognised from words of the service's name (and its structure's), checked in order.
The sample directory is written so that each of its services is recognised this way; after an
import, `python -m assistant directory list` shows which need each service answers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from assistant.i18n import N_


@dataclass(frozen=True)
class Role:
    id: str
    label: str  # French source, translated where shown
    words: tuple[str, ...]  # any of these, as words, in the service's name (accents and case ignored)
    structure_words: tuple[str, ...] = ()  # and, when given, one of these in the structure's name or networks
    without: tuple[str, ...] = ()  # and none of these in the service's name


ROLES = (
    Role("misas", N_("Mission accompagnement santé (MisAS) de la CPAM"),
         ("misas", "mission accompagnement sante", "mission d accompagnement sante")),
    Role("cpam_partenaires", N_("Espace partenaires de la CPAM"), ("espace partenaire", "espace partenaires")),
    Role("service_social", N_("Service social de l'Assurance maladie"), ("service social",),
         ("cpam", "carsat", "cgss", "assurance maladie", "caisse primaire")),
    Role("pass_ville", N_("PASS de ville"), ("pass de ville",)),
    Role("pass_hopital", N_("PASS hospitalière"), ("pass", "permanence d acces aux soins"), without=("de ville",)),
    Role("domiciliation", N_("Domiciliation (CCAS ou association agréée)"), ("domiciliation",)),
    Role("interpretariat", N_("Interprétariat"), ("interpretariat", "interprete", "interpretes")),
    Role("cpam_accueil", N_("Accueil de la CPAM"), ("accueil",), ("cpam", "caisse primaire", "cgss"),
         without=("misas", "partenaire", "partenaires", "service social")),
)
BY_ID = {role.id: role for role in ROLES}

# The needs behind each referral of an assessment, and behind filing a request.
FOR_REFERRAL = {
    "misas": ("misas",),
    "service_social": ("service_social",),
    "pass": ("pass_ville", "pass_hopital"),
    "domiciliation": ("domiciliation",),
}
FOR_REQUEST = ("cpam_accueil",)


def plain(text: str | None) -> str:
    """Lower case, no accents, words separated by single spaces: `PASS de l'hôpital` -> `pass de l hopital`."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _has(haystack: str, words: tuple[str, ...]) -> bool:
    padded = f" {haystack} "
    return any(f" {w} " in padded for w in words)


def roles_of(service: dict, structure: dict | None) -> list[str]:
    """The needs a data·inclusion service answers (usually one), in the order of ROLES."""
    name = plain(service.get("nom"))
    structure = structure or {}
    context = plain(" ".join([structure.get("nom") or "", *(structure.get("reseaux_porteurs") or []),
                              service.get("nom") or ""]))
    found = []
    for role in ROLES:
        if not _has(name, role.words) or _has(name, role.without):
            continue
        if role.structure_words and not _has(context, role.structure_words):
            continue
        found.append(role.id)
    return found
