"""The answer line: free text, plus one-key shortcuts while it is empty (1-9, o/n, ?)."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input

from assistant.i18n import _


class AnswerInput(Input):
    class Shortcut(Message):
        def __init__(self, key: str):
            super().__init__()
            self.key = key

    # After a one-letter shortcut, the rest of the word an agent may type in full: "oui", "non".
    REST_OF_WORD = {"o": "ui", "n": "on", "y": "es"}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.shortcuts: dict[str, str] = {}  # typed character -> quick-reply key
        self._swallow = ""  # letters still expected after a shortcut, dropped if they come

    async def _on_key(self, event: events.Key) -> None:
        char = (event.character or "").lower()
        if self._swallow:
            expected, self._swallow = self._swallow[0], self._swallow[1:]
            if char == expected or (event.key == "enter" and not self.value):
                self._swallow = "" if event.key == "enter" else self._swallow
                event.stop()
                event.prevent_default()
                return
            self._swallow = ""
        if not self.value and char in self.shortcuts:
            event.stop()
            event.prevent_default()
            self._swallow = self.REST_OF_WORD.get(char, "")
            self.post_message(self.Shortcut(self.shortcuts[char]))
            return
        await super()._on_key(event)

    def key_help(self) -> list[tuple[str, str]]:
        """The keys of the answer line for the question now (help screen)."""
        rows = []
        digits = sorted(k for k in self.shortcuts if k.isdigit())
        if digits:
            rows.append((_("{first} à {last}").format(first=digits[0], last=digits[-1]),
                         _("Réponse rapide, sans Entrée (sur une ligne vide)")))
        if "o" in self.shortcuts:
            rows.append(("o / n", _("Oui / non, sans Entrée")))
        if "?" in self.shortcuts:
            rows.append(("?", _("Je ne sais pas, sans Entrée")))
        rows.append((_("Entrée"), _("Valider la réponse tapée ; plusieurs choix sur une ligne : « 1,2 », "
                                    "« 4 et 6 » ou les mots des réponses")))
        return rows
