"""Load the dialog files of `dialogs/data/`, validate them, and index them for the runner.

Errors name the file and the field (`referral.yaml: questions > 3 > type: ...`) and are raised
as `DialogDataError`, never as a traceback. The validated bank is cached by content hash in
the user cache (as the knowledge base is), so that the app starts without parsing YAML.
"""

from __future__ import annotations

import hashlib
import marshal
from functools import lru_cache
from pathlib import Path

from assistant.cache import cache_dir, read_trusted, write_atomically

from assistant.dialogs.model import Bank, Dialog, Question, from_plain, to_plain

DATA_DIR = Path(__file__).parent / "data"
_CODE = tuple(Path(__file__).parent / name for name in ("model.py", "schema.py", "loader.py"))


class DialogDataError(Exception):
    """The dialog files cannot be used; the message names the file and the field."""


def _explain(name: str, error) -> DialogDataError:
    """A pydantic ValidationError as one line: file, place, message."""
    first = error.errors()[0]
    where = " > ".join(str(p) for p in first["loc"]) or "(top)"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return DialogDataError(f"{name}: {where}: {first['msg']}{more}")


class Dialogs:
    """The validated bank: questions and dialogs by id, plus the order of the fallback walk."""

    def __init__(self, bank: Bank):
        self.start = bank.start
        self.questions: dict[str, Question] = {q.id: q for q in bank.questions}
        self.dialogs: dict[str, Dialog] = {d.id: d for d in bank.dialogs}
        seen: dict[str, None] = {}
        for d in bank.dialogs:
            for qid in d.questions:
                if not self.questions[qid].always:
                    seen.setdefault(qid)
        self.fallback = [self.questions[qid] for qid in seen]

    def order(self, dialog_id: str) -> list[Question]:
        """The questions a dialog may ask, in order: its own list, then the rest of the bank."""
        own = [self.questions[qid] for qid in self.dialogs[dialog_id].questions]
        ids = {q.id for q in own}
        return own + [q for q in self.fallback if q.id not in ids]


def load_dir(data_dir: Path) -> Dialogs:
    return Dialogs(_validate(data_dir))


def _validate(data_dir: Path) -> Bank:
    import yaml
    from pydantic import ValidationError

    from assistant.dialogs.schema import DataFile, check

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    questions, dialogs, start = [], [], None
    for path in sorted(data_dir.glob("*.yaml")):
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise DialogDataError(f"{path.name}: not valid YAML: {' '.join(str(e).split())}") from None
        try:
            part = DataFile.model_validate(raw)
        except ValidationError as e:
            raise _explain(path.name, e) from None
        questions += part.questions
        dialogs += part.dialogs
        if part.start:
            if start:
                raise DialogDataError(f"{path.name}: start: already given in another file")
            start = part.start
    bank = Bank(questions=questions, dialogs=dialogs, start=start or "")
    try:
        check(bank)
    except ValueError as e:
        raise DialogDataError(f"{data_dir.name}: {e}") from None
    return bank


@lru_cache(maxsize=1)
def load() -> Dialogs:
    """The bundled dialogs: from the cache when the files and the schema are unchanged."""
    digest = hashlib.sha256()
    for path in sorted(DATA_DIR.glob("*.yaml")) + list(_CODE):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    cache = cache_dir()
    cached = cache / f"dialogs-{digest.hexdigest()[:24]}.marshal" if cache else None
    payload = read_trusted(cached) if cached else None
    if payload is not None:
        try:  # plain data: a cache never carries code
            return Dialogs(from_plain(marshal.loads(payload)))
        except Exception:  # a cache that does not make sense is rebuilt, never trusted
            pass
    bank = _validate(DATA_DIR)
    if cached:
        write_atomically(cached, marshal.dumps(to_plain(bank)))
    return Dialogs(bank)
