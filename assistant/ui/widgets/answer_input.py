"""The answer line: free text, plus one-key shortcuts while it is empty (1-9, o/n, ?).

Keys typed faster than the screen answers wait here. Once an answer leaves the line (Enter or
a one-key shortcut), the characters typed after it are held until the screen has taken that
answer and set up the next question (`release`): then they go on, read with the next
question's shortcuts. Without this, Textual hands them to the line before the screen has read
the answer: "sans papiers⏎34" typed in one go sent "sans papiers34", and the "1" of a date typed
ahead could pick the next question's first quick reply. Keys that come once the dialog is over
(the line is disabled) are dropped.
"""

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
        self._held: list[tuple[str, str | None]] = []  # (key, character) typed while an answer is on its way
        self._waiting = False  # an answer has left the line and the screen has not taken it yet

    def watch_disabled(self, disabled: bool) -> None:
        super().watch_disabled(disabled)
        if disabled:  # the dialog is over: nothing typed so far or later may answer anything
            self.value = ""
            self._held.clear()
            self._waiting = False

    async def _on_key(self, event: events.Key) -> None:
        if event.key != "enter" and not event.is_printable:
            await super()._on_key(event)  # editing keys; bindings run once the key has bubbled up
            return
        event.stop()
        event.prevent_default()
        if not self.disabled:
            self._held.append((event.key, event.character))
            self._type_held()

    def release(self) -> None:
        """The screen has taken the answer sent: type what was held, with the shortcuts now."""
        self._waiting = False
        self._type_held()

    def _type_held(self) -> None:
        while self._held and not self._waiting and not self.disabled:
            self._type(*self._held.pop(0))

    def _type(self, key: str, character: str | None) -> None:
        char = (character or "").lower()
        if self._swallow:
            expected, self._swallow = self._swallow[0], self._swallow[1:]
            if char == expected or (key == "enter" and not self.value):
                self._swallow = "" if key == "enter" else self._swallow
                return
            self._swallow = ""
        if not self.value and char in self.shortcuts:
            self._swallow = self.REST_OF_WORD.get(char, "")
            self._waiting = True
            self.post_message(self.Shortcut(self.shortcuts[char]))
        elif key == "enter":
            self._waiting = True
            self.post_message(self.Submitted(self, self.value))
        elif self.selection.is_empty:
            self.insert_text_at_cursor(character)
        else:
            self.replace(character, *self.selection)

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
