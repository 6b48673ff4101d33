"""The key bar: one line of key hints for the screen's bindings; clicking a hint runs it.

Used instead of Textual's Footer, which re-styles every key each time the focus moves: that
alone cost more than the whole per-answer budget (50 ms).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import Static

from assistant.i18n import _

KEY_NAMES = {"escape": "Échap", "enter": "Entrée"}


def key_label(key: str) -> str:
    if key in KEY_NAMES:
        return _(KEY_NAMES[key])
    if key.startswith("ctrl+"):
        return "^" + key.removeprefix("ctrl+").upper()
    return key.upper() if key.startswith("f") and key[1:].isdigit() else key


class KeyBar(Static):
    def __init__(self, bindings: list[Binding], **kwargs):
        text, self.spans = Text(), []
        for b in bindings:
            if not b.show:
                continue
            start = len(text)
            text.append(key_label(b.key), style="bold reverse")
            text.append(f" {b.description} ")
            self.spans.append((start, len(text), b.action))
        super().__init__(text, **kwargs)

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self.spans:
            if start <= event.x < end:
                await self.screen.run_action(action)
                return
