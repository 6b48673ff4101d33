"""The keys bound by the app itself, so that they work on every screen: new consultation,
quit, the other language, and the help screen. F1 stays "Pourquoi ?" in the chat; F9 rather than
F10 for the help, which GNOME Terminal and Xfce Terminal keep for their menu bar.

Every binding's description is a source string (N_): the key bar and the help translate it when
they show it, so that the language can change while the app runs."""

from __future__ import annotations

from textual.binding import Binding

from assistant.i18n import N_

HELP_KEY = "f9"

EVERYWHERE = [
    Binding(HELP_KEY, "help", N_("Aide"), tooltip=N_("Les touches de l'écran affiché"), priority=True),
    Binding("f8", "switch_language", N_("English"), tooltip=N_("Passer l'interface en anglais (English)"),
            show=False, priority=True),
    Binding("ctrl+n", "new_consultation", N_("Nouvelle consultation"), show=False, priority=True),
    Binding("ctrl+q", "quit", N_("Quitter"), tooltip=N_("Quitter l'application (demande confirmation en "
                                                       "pleine consultation)"), show=False, priority=True),
]
