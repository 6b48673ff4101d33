"""The keys bound by the app itself, so that they work on every screen: new consultation,
quit, and the help screen. F1 stays "Pourquoi ?" in the chat; F9 rather than F10 for the help,
which GNOME Terminal and Xfce Terminal keep for their menu bar."""

from __future__ import annotations

from textual.binding import Binding

from assistant.i18n import _

HELP_KEY = "f9"

EVERYWHERE = [
    Binding(HELP_KEY, "help", _("Aide"), tooltip=_("Les touches de l'écran affiché"), priority=True),
    Binding("ctrl+n", "new_consultation", _("Nouvelle consultation"), show=False, priority=True),
    Binding("ctrl+q", "quit", _("Quitter"), tooltip=_("Quitter l'application (demande confirmation en "
                                                       "pleine consultation)"), show=False, priority=True),
]
