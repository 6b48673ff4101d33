"""Printing a file where the machine has a print command (`lp`, else `lpr`): offered, never required.

The command is looked up, not assumed; when there is none the app simply does not offer to
print. A print job that fails or hangs gives a message, never blocks the consultation.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from assistant.i18n import _

TIMEOUT_S = 20


def print_command() -> list[str] | None:
    """`lp` (CUPS, System V) or `lpr` (BSD), as found on PATH; None when neither is there."""
    for name in ("lp", "lpr"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def print_file(path: Path) -> str | None:
    """Send `path` to the default printer; returns what went wrong, or None when it was queued."""
    command = print_command()
    if command is None:
        return _("aucune commande d'impression (lp, lpr) sur ce poste")
    try:
        # An absolute path never starts with "-": no option can be slipped in through a file name.
        done = subprocess.run([*command, str(path.resolve())], capture_output=True, text=True, timeout=TIMEOUT_S,
                              check=False)
    except subprocess.TimeoutExpired:
        return _("l'imprimante ne répond pas (plus de {n} s)").format(n=TIMEOUT_S)
    except OSError as error:
        return error.strerror or str(error)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        return said[-1] if said else _("la commande {name} a échoué").format(name=Path(command[0]).name)
    return None
