"""A knowledge entry in full (from the search or the glossary), and the glossary of the
acronyms on screen: pick one with the arrows, its definition shows below, Enter opens it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.i18n import N_, _
from assistant.knowledge.entries import changed_text, kind_label, sources_line


def entry_text(entry: dict) -> Text:
    """Title, texts, the change (if a later text changed the answer), sources."""
    text = Text(f"{kind_label(entry['kind'])} · ", style="dim")
    text.append(entry["title"], style="bold")
    if entry["subtitle"]:
        text.append(f" — {entry['subtitle']}")
    for paragraph in entry["body"]:
        text.append(f"\n\n{paragraph}")
    if entry["changed"]:
        text.append("\n\n" + changed_text(entry["changed"]), style="bold yellow")
        text.append("\n" + _("Source du changement : {sources}").format(sources=sources_line(entry["changed"]["by"])),
                    style="dim italic")
    text.append("\n\n" + _("Source : {sources}").format(sources=sources_line(entry["sources"])), style="dim italic")
    return text


class EntryScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    EntryScreen { align: center middle; }
    #entry-box { width: 95%; max-width: 100; height: auto; max-height: 90%; border: round $accent;
                 background: $surface; padding: 0 1; }
    #entry-scroll { height: auto; max-height: 100%; }
    #entry-hint { color: $text-muted; height: 1; }
    """
    BINDINGS = [Binding("escape,enter", "dismiss(None)", N_("Fermer"))]

    def __init__(self, entry: dict):
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        with Vertical(id="entry-box"):
            with VerticalScroll(id="entry-scroll"):
                yield Static(entry_text(self.entry), id="entry-text")
            yield Static(_("↑↓ : faire défiler · Échap : fermer"), id="entry-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#entry-scroll").focus()


class GlossaryScreen(ModalScreen[None]):
    """The glossary entries of `entries` (those of the acronyms on screen, or all)."""

    DEFAULT_CSS = """
    GlossaryScreen { align: center middle; }
    #glossary-box { width: 95%; max-width: 100; height: auto; max-height: 90%; border: round $accent;
                    background: $surface; padding: 0 1; }
    #glossary-title { text-style: bold; }
    #glossary-list { height: auto; max-height: 8; }
    #glossary-definition { height: auto; max-height: 8; margin-top: 1; }
    #glossary-hint { color: $text-muted; height: 1; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", N_("Fermer"))]

    def __init__(self, entries: list[dict], on_screen: bool):
        super().__init__()
        self.entries = {e["id"]: e for e in entries}
        self.on_screen = on_screen

    def compose(self) -> ComposeResult:
        with Vertical(id="glossary-box"):
            yield Static(_("Sigles à l'écran") if self.on_screen else _("Glossaire (aucun sigle à l'écran)"),
                         id="glossary-title", markup=False)
            yield OptionList(*(Option(f"{e['title']} — {e['subtitle']}", id=entry_id)
                               for entry_id, e in self.entries.items()), id="glossary-list")
            with VerticalScroll(id="glossary-definition"):
                yield Static("", id="glossary-text")
            yield Static(_("↑↓ : choisir · Entrée : fiche complète avec sources · Échap : fermer"),
                         id="glossary-hint", markup=False)

    def on_mount(self) -> None:
        choices = self.query_one("#glossary-list", OptionList)
        choices.focus()
        if self.entries:
            choices.highlighted = 0

    @on(OptionList.OptionHighlighted, "#glossary-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#glossary-text", Static).update(Text(self.entries[event.option.id]["body"][0]))

    @on(OptionList.OptionSelected, "#glossary-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.app.push_screen(EntryScreen(self.entries[event.option.id]))
