"""The answer line: free text, plus one-key shortcuts while it is empty (1-9, o/n, ?)."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class AnswerInput(Input):
    class Shortcut(Message):
        def __init__(self, key: str):
            super().__init__()
            self.key = key

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.shortcuts: dict[str, str] = {}  # typed character -> quick-reply key

    async def _on_key(self, event: events.Key) -> None:
        char = (event.character or "").lower()
        if not self.value and char in self.shortcuts:
            event.stop()
            event.prevent_default()
            self.post_message(self.Shortcut(self.shortcuts[char]))
            return
        await super()._on_key(event)
