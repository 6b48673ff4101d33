"""The site's settings: who runs the assistant and where, set once per site.

Kept as `settings.json` in the data folder (owner-only, written atomically), edited with
`python -m assistant config set KEY VALUE`. Every key is optional; an unset key falls back to
the assistant's default (French, no structure name, territory asked in the dialog...).
Each value is checked by its own parser, so an agent gets a message in words naming the key,
and the file is checked again on load (a hand-edited or damaged file names the key at fault).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from assistant.files import replace_private
from assistant.i18n import N_, _
from assistant.paths import data_dir

FILE_NAME = "settings.json"
_CODE = re.compile(r"[A-Za-z0-9_.-]{1,32}")
# Départements where the assistant's rules apply: metropolitan France (Corsica as 2A/2B) and the
# four overseas départements of the CSS/AME ceilings' +11.3 % (Guadeloupe, Martinique, Guyane,
# La Réunion). Mayotte (976) has rules of its own (no AME; CSS since 2024) that are not modelled.
_METROPOLE = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
_OVERSEAS = {"971", "972", "973", "974"}


class SiteSettingsError(Exception):
    """A setting cannot be used; the message names the key (and the file when read from one)."""


def _text(value: str, limit: int = 120) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError(_("valeur vide"))
    if len(value) > limit:
        raise ValueError(_("{n} caractères au plus").format(n=limit))
    return value


def _departement(value: str) -> str:
    code = value.strip().upper()
    code = code.zfill(2) if code.isdigit() and len(code) == 1 else code
    if code == "976":
        raise ValueError(_("Mayotte (976) a des règles propres (pas d'AME, CSS depuis 2024) que "
                           "l'assistant ne couvre pas"))
    if code not in _METROPOLE | _OVERSEAS:
        raise ValueError(_("code de département inconnu ({value}) ; exemples : 75, 2A, 974").format(value=value))
    return code


def _territory(value: str) -> str:
    words = {"metropole": "metropole", "métropole": "metropole", "outre_mer": "outre_mer",
             "outre-mer": "outre_mer", "outremer": "outre_mer"}
    found = words.get(value.strip().lower())
    if found is None:
        raise ValueError(_("attendu : metropole ou outre_mer"))
    return found


def _code(value: str) -> str:
    if not _CODE.fullmatch(value):  # no strip, and fullmatch: `$` would let a trailing newline through
        raise ValueError(_("lettres, chiffres, . _ - (32 au plus)"))
    return value


def _lang(value: str) -> str:
    from assistant.i18n import LANGUAGES

    if value.strip().lower() not in LANGUAGES:
        raise ValueError(_("attendu : {choices}").format(choices=", ".join(LANGUAGES)))
    return value.strip().lower()


def _folder(value: str) -> str:
    path = Path(value.strip()).expanduser()
    if not value.strip():
        raise ValueError(_("valeur vide"))
    if not path.is_absolute():
        raise ValueError(_("chemin absolu attendu (par exemple /home/agent/Documents/fiches)"))
    return str(path)


@dataclass(frozen=True)
class Key:
    name: str
    label: str  # French source, translated where shown
    parse: Callable[[str], str]


KEYS = {k.name: k for k in (
    Key("structure", N_("Nom de la structure"), _text),
    Key("departement", N_("Département (code)"), _departement),
    Key("territory", N_("Territoire (metropole ou outre_mer ; déduit du département)"), _territory),
    Key("site", N_("Code du site dans le journal des dossiers"), _code),
    Key("agent", N_("Code agent par défaut"), _code),
    Key("lang", N_("Langue par défaut"), _lang),
    Key("export_dir", N_("Dossier des fiches exportées"), _folder),
)}


@dataclass(frozen=True)
class SiteSettings:
    """The settings in force; None where unset."""

    structure: str | None = None
    departement: str | None = None
    territory_set: str | None = None
    site: str | None = None
    agent: str | None = None
    lang: str | None = None
    export_dir: str | None = None

    @property
    def territory(self) -> str | None:
        """As set, else deduced from the département."""
        if self.territory_set:
            return self.territory_set
        if self.departement:
            return "outre_mer" if self.departement in _OVERSEAS else "metropole"
        return None

    def values(self) -> dict[str, str | None]:
        """Key -> value as stored (territory as set, not deduced)."""
        return {name: getattr(self, "territory_set" if name == "territory" else name) for name in KEYS}


def settings_path() -> Path:
    return data_dir() / FILE_NAME


def _check(values: dict[str, str | None]) -> dict[str, str | None]:
    """Values parsed key by key, then checked together (département and territory agree)."""
    out = {}
    for name, value in values.items():
        if name not in KEYS:
            raise SiteSettingsError(_("{key} : réglage inconnu (réglages : {keys})").format(
                key=name, keys=", ".join(KEYS)))
        if value is None:
            continue
        if not isinstance(value, str):
            raise SiteSettingsError(_("{key} : texte attendu").format(key=name))
        try:
            out[name] = KEYS[name].parse(value)
        except ValueError as error:
            raise SiteSettingsError(f"{name} : {error}") from None
    dept, territory = out.get("departement"), out.get("territory")
    if dept and territory and (territory == "outre_mer") != (dept in _OVERSEAS):
        raise SiteSettingsError(_("territory : {territory} ne correspond pas au département {dept}").format(
            territory=territory, dept=dept))
    return out


def _build(values: dict[str, str]) -> SiteSettings:
    return SiteSettings(**{("territory_set" if k == "territory" else k): v for k, v in values.items()})


def load_site(path: Path | None = None) -> SiteSettings:
    """The settings of `path` (default: the data folder's); defaults when there is no file."""
    path = path or settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SiteSettings()
    except OSError as error:
        raise SiteSettingsError(_("{path} : lecture impossible ({reason})").format(
            path=path, reason=error.strerror)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SiteSettingsError(_("{path} : fichier endommagé (JSON attendu) ; corrigez-le ou "
                                  "supprimez-le puis refaites `config set`").format(path=path)) from None
    if not isinstance(data, dict):
        raise SiteSettingsError(_("{path} : fichier endommagé (objet JSON attendu)").format(path=path))
    try:
        return _build(_check(data))
    except SiteSettingsError as error:
        raise SiteSettingsError(f"{path} : {error}") from None


def _write(path: Path, values: dict[str, str]) -> None:
    replace_private(path, (json.dumps(values, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())


def set_value(key: str, value: str | None, path: Path | None = None) -> SiteSettings:
    """Set (or, with None, unset) one key; checks the whole file before writing it."""
    path = path or settings_path()
    current = {k: v for k, v in load_site(path).values().items() if v is not None}
    if key not in KEYS:
        raise SiteSettingsError(_("{key} : réglage inconnu (réglages : {keys})").format(key=key, keys=", ".join(KEYS)))
    if value is None:
        current.pop(key, None)
    else:
        current[key] = value
    checked = _check(current)
    try:
        _write(path, checked)
    except OSError as error:
        raise SiteSettingsError(_("{path} : écriture impossible ({reason}) ; rien n'a été changé").format(
            path=path, reason=error.strerror)) from None
    return _build(checked)
