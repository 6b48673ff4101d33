"""The site's agents and their personal codes, for signing in to `python -m assistant serve`.

Kept as `agents.json` beside `settings.json` in the data folder, owner-only and written
atomically like it, but apart: the file holds secrets (salted scrypt digests) that `config show`
never needs. A personal code is never stored nor shown, only its digest:

    {"MARIE": {"added_on": "2026-03-02", "n": 16384, "r": 8, "p": 1,
               "salt": "<base64, 16 bytes>", "digest": "<base64, 32 bytes>"}}

Each entry is checked on load, field by field, with a message naming the file and the agent.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from assistant.files import replace_private
from assistant.i18n import _
from assistant.paths import data_dir
from assistant.site import _code  # same code format as the `agent` setting

FILE_NAME = "agents.json"
MIN_LENGTH, MAX_LENGTH = 8, 128
# scrypt's interactive-login cost (RFC 7914 § 2): 16 MiB and about 50 ms a check here.
N, R, P = 2**14, 8, 1
_MAXMEM = 64 * 1024 * 1024
_FIELDS = {"added_on", "n", "r", "p", "salt", "digest"}


class AgentsError(Exception):
    """The agents file or a value cannot be used; the message names the agent (and the file)."""


@dataclass(frozen=True)
class Agent:
    code: str
    added_on: str
    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes

    def matches(self, personal_code: str) -> bool:
        return hmac.compare_digest(_digest(personal_code, self.salt, self.n, self.r, self.p), self.digest)

    def stored(self) -> dict:
        return {"added_on": self.added_on, "n": self.n, "r": self.r, "p": self.p,
                "salt": base64.b64encode(self.salt).decode(), "digest": base64.b64encode(self.digest).decode()}


def _digest(personal_code: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(personal_code.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=32)


# An unknown agent code costs the same scrypt as a known one: the time taken tells nothing.
_DECOY = Agent("", "", N, R, P, b"\0" * 16, b"\0" * 32)


def agents_path() -> Path:
    return data_dir() / FILE_NAME


def agent_code(value: str) -> str:
    try:
        return _code(value)
    except ValueError as error:
        raise AgentsError(_("code agent « {code} » : {error}").format(code=value, error=error)) from None


def _personal_code(agent: str, value: str) -> str:
    if len(value) < MIN_LENGTH or len(value) > MAX_LENGTH:
        raise AgentsError(_("code personnel : de {low} à {high} caractères").format(low=MIN_LENGTH, high=MAX_LENGTH))
    if not value.isprintable() or not value.strip():
        raise AgentsError(_("code personnel : caractères imprimables seulement"))
    if value.casefold() == agent.casefold():
        raise AgentsError(_("code personnel : il doit différer du code agent"))
    return value


def _entry(code: str, raw) -> Agent:
    """One agent of the file, field by field."""
    if not isinstance(raw, dict):
        raise AgentsError(_("{code} : objet JSON attendu").format(code=code))
    missing, unknown = _FIELDS - raw.keys(), raw.keys() - _FIELDS
    if missing or unknown:
        raise AgentsError(_("{code} : champs attendus : {fields}").format(code=code, fields=", ".join(sorted(_FIELDS))))
    for name in ("n", "r", "p"):
        value = raw[name]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise AgentsError(_("{code} : {field} : entier positif attendu").format(code=code, field=name))
    if raw["n"] & (raw["n"] - 1) or raw["n"] < 2:
        raise AgentsError(_("{code} : n : puissance de 2 attendue").format(code=code))
    if 128 * raw["r"] * (raw["n"] + raw["p"] + 2) > _MAXMEM:
        raise AgentsError(_("{code} : n, r, p : coût trop élevé").format(code=code))
    try:
        date.fromisoformat(raw["added_on"])
        salt, digest = (base64.b64decode(raw[name], validate=True) for name in ("salt", "digest"))
    except (TypeError, ValueError, binascii.Error):
        raise AgentsError(_("{code} : added_on (AAAA-MM-JJ), salt et digest (base64) attendus").format(
            code=code)) from None
    if len(salt) < 16 or len(digest) != 32:
        raise AgentsError(_("{code} : sel de 16 octets au moins et empreinte de 32 octets attendus").format(code=code))
    return Agent(code, raw["added_on"], raw["n"], raw["r"], raw["p"], salt, digest)


def load_agents(path: Path | None = None) -> dict[str, Agent]:
    """Agent code -> Agent, from `path` (default: the data folder's); empty when there is no file."""
    path = path or agents_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise AgentsError(_("{path} : lecture impossible ({reason})").format(
            path=path, reason=error.strerror)) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise AgentsError(_("{path} : fichier endommagé (JSON attendu) ; supprimez-le puis refaites "
                            "`config agent add` pour chaque agent").format(path=path)) from None
    if not isinstance(data, dict):
        raise AgentsError(_("{path} : fichier endommagé (objet JSON attendu)").format(path=path))
    agents = {}
    try:
        for code, entry in data.items():
            agent_code(code)  # the code first: a bad one is named as such
            agents[code] = _entry(code, entry)
    except AgentsError as error:
        raise AgentsError(f"{path} : {error}") from None
    return agents


def _save(path: Path, agents: dict[str, Agent]) -> None:
    try:
        stored = {code: agent.stored() for code, agent in agents.items()}
        replace_private(path, (json.dumps(stored, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode())
    except OSError as error:
        raise AgentsError(_("{path} : écriture impossible ({reason}) ; rien n'a été changé").format(
            path=path, reason=error.strerror)) from None


def add_agent(code: str, personal_code: str, path: Path | None = None, *, replace: bool = False,
              today: date | None = None) -> Agent:
    """Add an agent (or, with `replace`, give an existing one a new personal code)."""
    path = path or agents_path()
    code = agent_code(code)
    personal_code = _personal_code(code, personal_code)
    agents = load_agents(path)
    same = next((known for known in agents if known.casefold() == code.casefold()), None)
    if same is not None and not replace:
        raise AgentsError(_("{code} : cet agent existe déjà ({known}) ; --replace pour changer son code "
                            "personnel").format(code=code, known=same))
    if same is not None:
        code = same  # the code as first added: the case log attributes consultations to it
    salt = os.urandom(16)
    agent = Agent(code, (today or date.today()).isoformat(), N, R, P, salt, _digest(personal_code, salt, N, R, P))
    _save(path, {**agents, code: agent})
    return agent


def remove_agent(code: str, path: Path | None = None) -> str:
    """Remove an agent; returns the code as stored. Their consultations stay attributed to it."""
    path = path or agents_path()
    agents = load_agents(path)
    found = find(agents, code)
    if found is None:
        raise AgentsError(_("{code} : agent inconnu").format(code=code))
    del agents[found.code]
    _save(path, agents)
    return found.code


def find(agents: dict[str, Agent], code: str) -> Agent | None:
    """The agent whose code is `code`, whatever its case (codes are told aloud and typed by hand)."""
    folded = code.strip().casefold()
    return next((agent for known, agent in agents.items() if known.casefold() == folded), None)


def check(agents: dict[str, Agent], code: str, personal_code: str) -> str | None:
    """The agent code as stored if `personal_code` is theirs, else None (slow on purpose: scrypt)."""
    agent = find(agents, code)
    ok = (agent or _DECOY).matches(personal_code[:MAX_LENGTH])
    return agent.code if agent is not None and ok else None
