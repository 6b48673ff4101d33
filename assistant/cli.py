"""Command line: the chat app (default), `evaluate`, `kb`, and the case-log commands.

Subcommands are imported only when invoked, so `evaluate` starts without Textual or the store.
`assistant.__main__.main` is the entry point: it chooses the language and turns any failure
into one line; `run()` here is its click half.
"""

from __future__ import annotations

import importlib

import click

from assistant.cli_base import Command, Group
from assistant.i18n import N_, _

_LAZY = {  # name: (module:attribute, one-line help shown without importing the module)
    "app": ("assistant.ui.cli:app",
            N_("Ouvrir le dialogue de la consultation (application Textual, commande par défaut).")),
    "kb": ("assistant.knowledge.cli:kb", N_("Base de connaissances : vérifier, afficher une règle ou un montant.")),
    "ask": ("assistant.knowledge.ask_cli:ask",
            N_("Chercher dans le glossaire, la FAQ, les règles et les pièces, avec leurs sources.")),
    "cases": ("assistant.store.cli:cases",
              N_("Journal des dossiers : liste, suivi, échéances, revérification, effacement, export.")),
    "report": ("assistant.store.cli:report", N_("Rapport d'activité pour l'ARS et la CPAM.")),
    "train": ("assistant.training.cli:train", N_("Mode formation : scénarios, vérification, scores des stagiaires.")),
    "config": ("assistant.config_cli:config",
               N_("Réglages du site : structure, département, codes, langue, dossier des fiches.")),
    "directory": ("assistant.directory.cli:directory",
                  N_("Annuaire local des structures et services du territoire (data·inclusion).")),
    "serve": ("assistant.web.cli:serve",
              N_("L'application dans le navigateur, pour les agents du site qui se connectent (textual-serve).")),
}


class LazyGroup(Group):
    def list_commands(self, ctx):
        return sorted(set(super().list_commands(ctx)) | set(_LAZY))

    def get_command(self, ctx, name):
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        if name not in _LAZY:
            return None
        module, attr = _LAZY[name][0].split(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx, formatter):
        limit = formatter.width - 6 - max(map(len, self.list_commands(ctx)))  # as click.Group does
        rows = [(name, _(_LAZY[name][1])) for name in _LAZY]
        rows += [(name, cmd.get_short_help_str(limit)) for name, cmd in self.commands.items()]
        with formatter.section(_("Commandes")):
            formatter.write_dl(sorted(rows))


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Assistant couverture santé : triage PUMa, CSS, AME, soins urgents, PASS."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "app"))


@cli.command(cls=Command, lang=False, add_help_option=False,
             context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def evaluate(ctx: click.Context) -> None:
    """Évaluer une situation JSON (voir evaluate --help)."""
    from assistant.evaluate_cli import main as run_evaluate

    ctx.exit(run_evaluate(ctx.args))


@cli.command(cls=Command, lang=False, add_help_option=False,
             context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.pass_context
def dialog(ctx: click.Context) -> None:
    """La consultation sans écran, en JSON Lines (voir dialog --help)."""
    from assistant.dialog_cli import main as run_dialog

    ctx.exit(run_dialog(ctx.args))


def run(args: list[str]) -> None:
    """Run the click group on `args`; exits with the command's status (click prints its errors)."""
    cli.main(args=_with_default_command(args), prog_name="assistant")


def _with_default_command(args: list[str]) -> list[str]:
    """`assistant --db PATH` opens the app, the default command; `--lang` stays the group's."""
    i = 0
    while i < len(args) and (args[i] == "--lang" or args[i].startswith("--lang=")):
        i += 2 if args[i] == "--lang" else 1
    if i < len(args) and args[i].startswith("-") and args[i] not in ("-h", "--help"):
        return [*args[:i], "app", *args[i:]]
    return args
