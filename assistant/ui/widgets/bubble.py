"""One turn of the chat. An agent's answer can be clicked to change it; a glossary term
(AME, ATDA…) in a question or a note can be clicked for its definition."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static

from assistant.i18n import _
from assistant.ui.knowledge import linked_content


class Bubble(Static):
    class EditRequested(Message):
        def __init__(self, question_id: str):
            super().__init__()
            self.question_id = question_id

    def __init__(self, text: str, role: str, question_id: str | None = None, terms=None):
        """`role`: `assistant` (a question), `agent` (an answer), `note` (help, re-ask, remark);
        `terms`: a TermFinder to link the glossary's terms (None: plain text for now)."""
        super().__init__(linked_content(text, terms) if terms else text, markup=False, classes=f"bubble -{role}")
        self.plain_text = text
        self.question_id = question_id
        if question_id:
            self.tooltip = _("Cliquer pour modifier cette réponse")

    def on_click(self) -> None:
        if self.question_id:
            self.post_message(self.EditRequested(self.question_id))

    def retext(self, text: str, terms=None) -> None:
        """The same turn in another language."""
        self.plain_text = text
        self.update(linked_content(text, terms) if terms else text)
        if self.question_id:
            self.tooltip = _("Cliquer pour modifier cette réponse")

    def link_terms(self, terms) -> None:
        """Link the glossary's terms now that the finder is ready (after the first paint)."""
        if not self.question_id:  # an answer is clicked to be changed: no links inside it
            self.update(linked_content(self.plain_text, terms))
