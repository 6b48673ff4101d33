"""The key bar: one line of key hints for the screen's bindings, then the app's (F9 help);
clicking a hint runs it.

Used instead of Textual's Footer, which re-styles every key each time the focus moves: that
alone cost more than the whole per-answer budget (50 ms).
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import Static

from assistant.i18n import N_, _
from assistant.ui.keys import EVERYWHERE

KEY_NAMES = {"escape": N_("Échap"), "enter": N_("Entrée")}


def key_label(key: str, short: bool = True) -> str:
    """The key as printed on the keyboard: F5, Échap; Ctrl+E as ^E in the key bar (`short`)."""
    if key in KEY_NAMES:
        return _(KEY_NAMES[key])
    if key.startswith("ctrl+"):
        return ("^" if short else "Ctrl+") + key.removeprefix("ctrl+").upper()
    return key.upper() if key.startswith("f") and key[1:].isdigit() else key


class KeyBar(Static):
    def __init__(self, bindings: list[Binding], **kwargs):
        self.bindings = [(b, b.action) for b in bindings] + [(b, f"app.{b.action}") for b in EVERYWHERE]
        super().__init__(self._hints(), **kwargs)

    def _hints(self) -> Text:
        """The hints in the language now (descriptions are source strings, see keys.py)."""
        text, self.spans = Text(), []
        for b, action in self.bindings:
            if not b.show:
                continue
            start = len(text)
            text.append(key_label(b.key), style="bold reverse")
            text.append(f" {_(b.description)} ")
            self.spans.append((start, len(text), action))
        text.rstrip()
        return text

    def relabel(self) -> None:
        """After a change of language."""
        self.update(self._hints())

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self.spans:
            if start <= event.x < end:
                await self.screen.run_action(action)
                return
