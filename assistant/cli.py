"""Command line: the chat app (default), `evaluate`, `kb`, and the case-log commands.

Subcommands are imported only when invoked, so `evaluate` starts without Textual or the store.
"""

from __future__ import annotations

import importlib
import sys

import click

_LAZY = {  # name: (module:attribute, one-line help shown without importing the module)
    "app": ("assistant.ui.cli:app", "Open the chat triage app (default command)."),
    "kb": ("assistant.knowledge.cli:kb", "Knowledge base: validate, show a rule or figure."),
    "cases": ("assistant.store.cli:cases", "Case log: list, show, follow-up, recheck, erase, purge, export."),
    "report": ("assistant.store.cli:report", "Activity report for the ARS and the CPAM."),
    "config": ("assistant.config_cli:config", "Site settings: structure, département, codes, language, export folder."),
    "serve": ("assistant.web.cli:serve", "The app in a browser for the site's signed-in agents (textual-serve)."),
}


class LazyGroup(click.Group):
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
        rows = [(name, _LAZY[name][1]) for name in _LAZY]
        rows += [(name, cmd.get_short_help_str()) for name, cmd in self.commands.items()]
        with formatter.section("Commands"):
            formatter.write_dl(sorted(rows))


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Assistant couverture santé : triage PUMa, CSS, AME, soins urgents, PASS."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "app"))


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
             add_help_option=False)
@click.pass_context
def evaluate(ctx: click.Context) -> None:
    """Evaluate a situation JSON file (contract of EVALUATE.md); see `evaluate --help`."""
    from assistant.evaluate_cli import main as run

    ctx.exit(run(ctx.args))


def main() -> None:
    args = sys.argv[1:]
    if args and args[0].startswith("-") and args[0] not in ("--help", "-h"):
        args = ["app", *args]  # `assistant --db PATH` opens the app, the default command
    try:
        cli(args=args, prog_name="assistant")
    except Exception as e:  # no traceback ever reaches a user; the message says what broke
        click.echo(f"erreur interne : {type(e).__name__}: {e}", err=True)
        raise SystemExit(1) from None
