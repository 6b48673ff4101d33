"""Text shown to a person from values someone else typed: capped, control characters escaped.

Stdlib only (used by `evaluate`). A value echoed in an error is cut so that a 1 MB mistake
gives a one-line message; free text (notes) keeps what was typed but never reaches the
terminal as control sequences: ESC, BEL, CR, DEL and the C1 controls are shown as `\\x1b`...
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROLS_JSON = re.compile(r"[\x7f-\x9f\u2028\u2029]")  # json.dumps escapes the C0 ones itself
ECHO_LIMIT = 60


def capped(value, limit: int = ECHO_LIMIT) -> str:
    """repr(value), cut to about `limit` characters with the length said."""
    text = repr(value)
    if len(text) <= limit:
        return escape_controls(text)
    return escape_controls(text[:limit]) + f"… ({len(str(value))} caractères)"


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """Control characters as visible escapes (tabs kept; newlines kept only if asked)."""
    escaped = _CONTROLS.sub(lambda m: _escape(m.group()), text)
    return escaped if keep_newlines else escaped.replace("\n", "\\n")


def escape_controls_json(text: str) -> str:
    """JSON text (ensure_ascii=False) with DEL and the C1 controls as \\u escapes."""
    return _CONTROLS_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
