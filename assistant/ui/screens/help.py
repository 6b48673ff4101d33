"""The help screen: the keys of the screen it was opened from, then the keys that work everywhere.

A screen lists its own bindings (their tooltip, else their description), then the keys its
`KEY_HELP` names that are no binding (Enter in a list); the widget that has the focus adds its
own (`key_help()`: the answer line's one-key answers).
"""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from assistant.i18n import N_, _
from assistant.ui.keys import EVERYWHERE, HELP_KEY
from assistant.ui.widgets.keybar import key_label


def _rows(bindings) -> list[tuple[str, str]]:
    return [(" / ".join(key_label(k, short=False) for k in b.key.split(",")), _(b.tooltip or b.description))
            for b in bindings if isinstance(b, Binding) and b.description]


def keys_of(screen: Screen) -> list[tuple[str, str]]:
    """The keys of `screen`: its own bindings (not those Textual's Screen gives every screen),
    the keys it describes in `KEY_HELP`, and those of the focused widget."""
    rows = _rows(vars(type(screen)).get("BINDINGS", []))
    rows += [(_(key), _(text)) for key, text in getattr(screen, "KEY_HELP", ())]
    key_help = getattr(screen.focused, "key_help", None)
    return rows + (key_help() if key_help else [])


def _table(rows: list[tuple[str, str]], key_width: int) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=key_width)
    table.add_column()
    for key, text in rows:
        table.add_row(key, text)
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box { width: 90%; max-width: 80; height: auto; max-height: 90%; background: $panel;
                border: round $primary; padding: 0 1; }
    .help-title { text-style: bold underline; }
    #help-screen-keys { margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "close", N_("Fermer"))]

    def __init__(self, rows: list[tuple[str, str]]):
        """`rows`: the keys of the screen below, from `keys_of`."""
        super().__init__()
        self.rows = rows
        self._done = False

    def compose(self) -> ComposeResult:
        everywhere = _rows(EVERYWHERE)
        width = max(len(key) for key, _text in self.rows + everywhere)
        with VerticalScroll(id="help-box") as box:
            box.border_title = _("Aide : les touches")
            box.border_subtitle = _("{key} ou Échap : fermer").format(key=key_label(HELP_KEY))
            yield Static(_("Sur cet écran"), classes="help-title", markup=False)
            yield Static(_table(self.rows, width), id="help-screen-keys")
            yield Static(_("Sur tous les écrans"), classes="help-title", markup=False)
            yield Static(_table(everywhere, width), id="help-app-keys")

    def action_close(self) -> None:
        """Close once: a second key pressed fast must not close the screen below."""
        if not self._done:
            self._done = True
            self.dismiss()
