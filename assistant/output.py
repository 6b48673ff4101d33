"""Standard output that cannot be written: one line on stderr and status 1, never a traceback.

Stdlib only (used by `evaluate`). A closed stdout (`>&-`), a full disk or a reader that went
away (`| head`) make every write fail: the command stops with one line saying so, whether it
printed one line or a thousand; a command that prints nothing is not affected.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from assistant.i18n import N_, _

OUTPUT_FAILED = 1
_REASONS = {errno.EPIPE: N_("le programme qui la lisait s'est arrêté"), errno.EBADF: N_("elle est fermée"),
            errno.ENOSPC: N_("disque plein")}


class OutputError(Exception):
    """Writing to standard output failed (wraps the OSError)."""


class _CheckedStdout:
    """sys.stdout whose write errors are told apart from every other OSError."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except OSError as error:
            raise OutputError(error) from None

    def flush(self):
        try:
            self._stream.flush()
        except OSError as error:
            raise OutputError(error) from None

    def __getattr__(self, name):
        return getattr(self._stream, name)


def run_checking_stdout(command: Callable[[], int | None]) -> int:
    """Run `command` (returns or raises SystemExit with a status); its output is flushed before
    the status is returned, and an output error gives status 1 with one line on stderr."""
    _occupy_closed_descriptors()
    sys.stdout = _CheckedStdout(sys.stdout)
    try:
        try:
            status = command()
        except SystemExit as done:
            status = done.code
        sys.stdout.flush()
    except OutputError as error:
        _silence_stdout()
        cause = error.args[0]
        reason = _(_REASONS[cause.errno]) if cause.errno in _REASONS else (cause.strerror or str(cause))
        if sys.stderr is not None:
            sys.stderr.write(_("Sortie standard impossible à écrire : {reason}.").format(reason=reason) + "\n")
        return OUTPUT_FAILED
    if isinstance(status, str):  # SystemExit("message")
        sys.stderr.write(status + "\n")
        return 1
    return status or 0


def _occupy_closed_descriptors() -> None:
    """A closed stdout (`>&-`) becomes a descriptor on which every write fails (EBADF), so that
    no file opened later takes number 1 and receives the output; same for stdin and stderr."""
    for fd, flags in ((0, os.O_RDONLY), (1, os.O_RDONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, flags)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - lives until exit


def _silence_stdout() -> None:
    """What is still buffered goes to /dev/null at exit instead of a second error."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass
