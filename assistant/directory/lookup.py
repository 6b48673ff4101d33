"""Who to contact: the directory's services for a need, in the site's département.

Plain dicts in, plain `Contact`s out (stdlib only): the result card and the slip read this.
A service serves a département when its `zone_eligibilite` names it (or one of its communes,
or all of France), else when its own address, or its structure's, is in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.directory.hours import in_words
from assistant.directory.roles import BY_ID, FOR_REFERRAL, FOR_REQUEST, plain, roles_of
from assistant.i18n import N_, _

_MODES = {  # data·inclusion's modes_mobilisation, in the order a person tries them
    "se-presenter": N_("se présenter sur place"),
    "telephoner": N_("téléphoner"),
    "envoyer-un-courriel": N_("écrire un courriel"),
    "utiliser-lien-mobilisation": N_("utiliser le lien indiqué"),
}


@dataclass(frozen=True)
class Contact:
    role: str
    name: str
    address: str | None = None
    phone: str | None = None
    hours: str | None = None
    how: str | None = None  # how to reach or refer: modes, then the service's own precisions
    email: str | None = None
    link: str | None = None

    def lines(self) -> list[str]:
        """The details under the name, each labelled, in the order a person uses them."""
        out = []
        if self.address:
            out.append(self.address)
        if self.phone:
            out.append(_("Tél. {phone}").format(phone=self.phone))
        if self.hours:
            out.append(_("Horaires : {hours}").format(hours=self.hours))
        if self.email:
            out.append(_("Courriel : {email}").format(email=self.email))
        if self.link:
            out.append(self.link)
        if self.how:
            out.append(_("Comment : {how}").format(how=self.how))
        return out


def _dept_of_code(code: str | None) -> str | None:
    """Département of an INSEE commune code or a postal code (`2A004` -> `2A`, `97411` -> `974`)."""
    if not code or len(code) != 5:
        return None
    if code[:2] == "97":
        return code[:3]
    if code[:2] == "20" and code.isdigit():  # Corsican postal codes: 200xx-201xx south, 202xx-206xx north
        return "2A" if code[2] in "01" else "2B"
    return code[:2]


def serves(service: dict, structure: dict | None, departement: str) -> bool:
    zone = service.get("zone_eligibilite") or []
    if zone:
        return any(z in ("france", "99100", departement) or _dept_of_code(z) == departement for z in zone)
    for record in (service, structure or {}):
        found = _dept_of_code(record.get("code_insee")) or _dept_of_code(record.get("code_postal"))
        if found:
            return found == departement
    return False


def phone_text(phone: str | None) -> str | None:
    """`+33199000101` or `0199000101` -> `01 99 00 01 01`; other forms as written."""
    if not phone:
        return None
    digits = re.sub(r"[\s.\-()]", "", phone)
    if re.fullmatch(r"\+33\d{9}", digits):
        digits = "0" + digits[3:]
    if re.fullmatch(r"0\d{9}", digits):
        return " ".join(digits[i:i + 2] for i in range(0, 10, 2))
    return phone.strip()


def _address(record: dict) -> str | None:
    if not record.get("adresse"):
        return None
    street = ", ".join(p for p in (record.get("adresse"), record.get("complement_adresse")) if p)
    town = " ".join(p for p in (record.get("code_postal"), record.get("commune")) if p)
    return ", ".join(p for p in (street, town) if p) or None


def _how(service: dict) -> str | None:
    given = set(service.get("modes_mobilisation") or [])
    modes = [_(label) for mode, label in _MODES.items() if mode in given]
    parts = []
    if modes:
        parts.append(_(" ou ").join(modes).capitalize())
    if service.get("mobilisation_precisions"):
        parts.append(service["mobilisation_precisions"].strip())
    return ". ".join(p.rstrip(".") for p in parts) + "." if parts else None


def contact(role: str, service: dict, structure: dict | None) -> Contact:
    structure = structure or {}
    name = service["nom"]
    # The structure names the place when the service's name does not (e.g. "Accompagnement aux démarches")
    if structure.get("nom") and plain(re.sub(r"\(.*?\)", "", structure["nom"])) not in plain(name):
        name = f"{name} – {structure['nom']}"
    return Contact(
        role=role, name=name,
        address=_address(service) or _address(structure),
        phone=phone_text(service.get("telephone") or structure.get("telephone")),
        hours=in_words(service.get("horaires_accueil") or structure.get("horaires_accueil")),
        how=_how(service),
        email=service.get("courriel") or structure.get("courriel"),
        link=service.get("lien_mobilisation"),
    )


class Directory:
    """The directory's contacts by need, for one département."""

    def __init__(self, data: dict, departement: str | None, problem: str | None = None):
        """`problem`: why the directory file could not be read (then it is said instead of contacts)."""
        self.departement = departement
        self.problem = problem
        structures = {s.get("id"): s for s in data.get("structures", []) if isinstance(s, dict)}
        self.by_role: dict[str, list[Contact]] = {}
        for service in data.get("services", []):
            if not isinstance(service, dict) or not service.get("nom"):
                continue
            structure = structures.get(service.get("structure_id"))
            if departement is None or not serves(service, structure, departement):
                continue
            for role in roles_of(service, structure):
                self.by_role.setdefault(role, []).append(contact(role, service, structure))

    def contacts(self, roles: tuple[str, ...]) -> list[Contact]:
        return [c for role in roles for c in self.by_role.get(role, [])]

    def for_referral(self, referral_id: str) -> list[Contact]:
        return self.contacts(FOR_REFERRAL.get(referral_id, ()))

    def for_request(self) -> list[Contact]:
        return self.contacts(FOR_REQUEST)

    def none_text(self, roles: tuple[str, ...], person: bool = False) -> str:
        """Said plainly when the directory has no contact for these needs: to the agent, what
        to do about it; to the person (on the slip), whom to ask instead."""
        what = ", ".join(_(BY_ID[r].label) for r in roles)
        if person:
            if self.problem or self.departement is None:
                return _("Coordonnées non disponibles ici : demandez-les à la structure qui vous a reçu.")
            return _("Pas de contact dans notre annuaire pour ce service (département {dept}) : demandez les "
                     "coordonnées à la structure qui vous a reçu.").format(dept=self.departement)
        if self.problem:
            return _("Annuaire local illisible ({problem}).").format(problem=self.problem)
        if self.departement is None:
            return _("Aucun contact : le département de la structure n'est pas réglé "
                     "(python -m assistant config set departement CODE).")
        return _("Aucun contact dans l'annuaire local pour le département {dept} ({what}) ; pour en ajouter : "
                 "python -m assistant directory import FICHIER.").format(dept=self.departement, what=what)

def load(departement: str | None, path=None) -> Directory:
    """The data folder's directory for `departement`; a file that cannot be read is said, not raised."""
    from assistant.directory.store import DirectoryError, read

    try:
        return Directory(read(path), departement)
    except DirectoryError as error:
        return Directory({}, departement, problem=str(error))
