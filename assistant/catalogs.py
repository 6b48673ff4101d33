"""Compile the gettext catalogs: `locales/<lang>/LC_MESSAGES/messages.po` -> `.mo` in the package.

Run by the build (setup.py's build_py, so the wheel ships the `.mo` files) and, in a source
checkout, by `assistant.i18n` when a `.po` is newer than its `.mo`: the editable install reads
the catalogs as they are in the tree, and no `.mo` is ever committed. Stdlib and babel only
(setup.py loads this file by path, before the package is installed).
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

DOMAIN = "messages"


def compiled_path(po: Path, source: Path, target: Path) -> Path:
    return target / po.relative_to(source).with_suffix(".mo")


def stale(source: Path, target: Path) -> list[Path]:
    """The `.po` files of `source` whose `.mo` in `target` is missing or older."""
    found = []
    for po in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = compiled_path(po, source, target)
        if not mo.is_file() or mo.stat().st_mtime < po.stat().st_mtime:
            found.append(po)
    return found


def compile_catalogs(source: Path, target: Path, *, only_stale: bool = False) -> list[Path]:
    """Compile the catalogs of `source` into `target` (fuzzy entries left out); the `.mo` written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    todo = stale(source, target) if only_stale else sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    written = []
    for po in todo:
        with po.open("rb") as f:
            catalog = read_po(f, locale=po.parent.parent.name)
        buffer = BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo = compiled_path(po, source, target)
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_name(f".{mo.name}.{os.getpid()}")  # two starts at once: never a half file
        partial.write_bytes(buffer.getvalue())
        os.replace(partial, mo)
        written.append(mo)
    return written
