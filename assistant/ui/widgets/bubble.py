"""One turn of the chat. An agent's answer can be clicked to change it."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static

from assistant.i18n import _


class Bubble(Static):
    class EditRequested(Message):
        def __init__(self, question_id: str):
            super().__init__()
            self.question_id = question_id

    def __init__(self, text: str, role: str, question_id: str | None = None):
        """`role`: `assistant` (a question), `agent` (an answer), `note` (help, re-ask, remark)."""
        super().__init__(text, markup=False, classes=f"bubble -{role}")
        self.question_id = question_id
        if question_id:
            self.tooltip = _("Cliquer pour modifier cette réponse")

    def on_click(self) -> None:
        if self.question_id:
            self.post_message(self.EditRequested(self.question_id))
