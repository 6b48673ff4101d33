"""The dialog state: plain JSON, so the case log can save it answer by answer and resume it.

Only the answers are authoritative. Where the dialog stands (`dialog`, `position`) is
recomputed from them on resume by replaying the answers against the engine; the saved copy
lets a case list show where a consultation stopped without running the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

FORMAT = 1


@dataclass
class DialogState:
    on: date
    answers: dict[str, dict] = field(default_factory=dict)  # question id -> answer (kept even when unused)
    transcript: list[str] = field(default_factory=list)  # question ids in the order first answered
    added: list[str] = field(default_factory=list)  # dialogs the agent opened from the result
    dialog: str | None = None
    position: str | None = None
    defaults: dict[str, object] = field(default_factory=dict)  # facts the site gives (its territory), never asked

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "on": self.on.isoformat(),
            "answers": self.answers,
            "transcript": self.transcript,
            "added": self.added,
            "dialog": self.dialog,
            "position": self.position,
            "defaults": self.defaults,
        }

    @classmethod
    def from_json(cls, data: dict) -> "DialogState":
        if data.get("format") != FORMAT:
            raise ValueError(f"unsupported dialog state format {data.get('format')!r}")
        return cls(
            on=date.fromisoformat(data["on"]),
            answers={k: dict(v) for k, v in data["answers"].items()},
            transcript=list(data["transcript"]),
            added=list(data["added"]),
            dialog=data.get("dialog"),
            position=data.get("position"),
            defaults=dict(data.get("defaults") or {}),
        )
