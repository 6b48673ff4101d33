"""What every command shares: help in the interface language, `--lang`, one-line usage errors.

Help texts are French in the source (docstrings, `help=`, `metavar=`, argument names) and
reach the catalogs through `assistant.catalog_extract`. The language is chosen at run time
(`--lang`, ASSISTANT_LANG), after the commands are built, so the texts are translated here
each time a command parses its arguments or is listed, from the sources kept on first use.
click's own strings ("Usage:", "Error: No such option") go through the same catalogs (see
`assistant.i18n`).
"""

from __future__ import annotations

import gettext
import inspect
from contextlib import contextmanager

import click

from assistant.i18n import LANGUAGES, N_, _, chosen, default_language, set_language

LANG_HELP = N_("Langue de l'interface : fr ou en (défaut : variable ASSISTANT_LANG, sinon fr).")
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMANDE [ARGUMENTS]...")
_FILE, _DIRECTORY, _PATH, _TEXT, _INTEGER, _NUMBER = (
    N_("FICHIER"), N_("RÉPERTOIRE"), N_("CHEMIN"), N_("TEXTE"), N_("ENTIER"), N_("NOMBRE"))


def _choose_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_language(value)
        localize(ctx.command)  # its texts were set before its own --lang was read
    elif not chosen():  # run without the `assistant` entry point (tests): ASSISTANT_LANG or French
        try:
            set_language(default_language())
        except ValueError as error:
            raise click.BadParameter(_("langue inconnue {value} (fr ou en)").format(value=error),
                                     param_hint="ASSISTANT_LANG") from None


@contextmanager
def _one_line():
    try:
        yield
    except click.UsageError as error:
        error.ctx = None  # one line (`Erreur : ...`), without the usage block
        raise


def lang_option() -> click.Option:
    return click.Option(["--lang"], type=click.Choice(LANGUAGES), default=None, expose_value=False,
                        is_eager=True, callback=_choose_language, help=LANG_HELP)


class _Formatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:  # "Options :" in French typography
        heading = _("{heading} :").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{heading}\n")


class _Context(click.Context):
    formatter_class = _Formatter


class Localized:
    """Mixin for click commands and groups: translated help, a `--lang` option, one-line usage errors."""

    context_class = _Context

    def __init__(self, *args, lang: bool = True, **kwargs):
        kwargs["context_settings"] = {"help_option_names": ["-h", "--help"], **(kwargs.get("context_settings") or {})}
        super().__init__(*args, **kwargs)
        if lang and not any(p.name == "lang" for p in self.params):
            self.params.insert(0, lang_option())

    def make_context(self, info_name, args, parent=None, **extra):
        localize(self)
        return super().make_context(info_name, args, parent=parent, **extra)

    def parse_args(self, ctx, args):
        with _one_line():
            return super().parse_args(ctx, args)

    def invoke(self, ctx):
        with _one_line():  # a group's unknown command, a subcommand's bad option or value
            return super().invoke(ctx)

    def get_short_help_str(self, limit: int = 45) -> str:
        localize(self)
        return super().get_short_help_str(limit)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:  # built once by click, in the language of that moment
            option.help = gettext.gettext("Show this message and exit.")
        return option


class Command(Localized, click.Command):
    pass


class Group(Localized, click.Group):
    command_class = Command
    group_class = type


def localize(command: click.Command) -> None:
    """Set the texts click shows for `command` and its parameters to the current language."""
    source = _source(command, lambda: {
        "help": command.help, "short_help": command.short_help,
        "options_metavar": command.options_metavar and OPTIONS_METAVAR,
        "subcommand_metavar": getattr(command, "subcommand_metavar", None) and SUBCOMMAND_METAVAR})
    for attr, text in source.items():
        if text:
            setattr(command, attr, _(inspect.cleandoc(text)))
    for param in command.params:
        source = _source(param, lambda p=param: {"help": getattr(p, "help", None), "metavar": p.metavar,
                                                 "derived": None if p.metavar else _derived_metavar(p)})
        if source["help"]:
            param.help = _(inspect.cleandoc(source["help"]))
        if source["metavar"]:
            param.metavar = _(source["metavar"])
        elif source["derived"]:
            param.metavar = _decorate(param, _(source["derived"]))


def _source(obj, texts) -> dict:
    """The source texts of `obj`, kept on it the first time it is localized."""
    if "_source_texts" not in obj.__dict__:
        obj._source_texts = texts()
    return obj._source_texts


def _derived_metavar(param: click.Parameter) -> str | None:
    """The source text of the metavar click derives from the name or the type, if we translate it."""
    if isinstance(param.type, click.Choice | click.DateTime) or getattr(param, "is_flag", False):
        return None  # click lists the choices or formats
    if isinstance(param, click.Argument):
        return param.name.upper()  # as catalog_extract.argument_name extracts it
    kind = param.type
    if isinstance(kind, click.Path):
        return _FILE if not kind.dir_okay else _DIRECTORY if not kind.file_okay else _PATH
    if isinstance(kind, click.File):
        return _FILE
    if isinstance(kind, click.types.IntParamType):
        return _INTEGER
    if isinstance(kind, click.types.FloatParamType):
        return _NUMBER
    if isinstance(kind, click.types.StringParamType):
        return _TEXT
    return None


def _decorate(param: click.Parameter, metavar: str) -> str:
    """What click adds around a derived metavar: `[X]` for an optional argument, `X...` for many."""
    if isinstance(param, click.Argument) and not param.required:
        metavar = f"[{metavar}]"
    if param.nargs != 1:
        metavar += "..."
    return metavar
