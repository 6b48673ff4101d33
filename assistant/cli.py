"""Command line: the chat app (default), `evaluate`, `kb`, and the case-log commands.

Subcommands are imported only when invoked, so `evaluate` starts without Textual or the store.
"""

from __future__ import annotations

import importlib

import click

_LAZY = {
    "app": "assistant.ui.cli:app",
    "evaluate": "assistant.evaluate_cli:evaluate",
    "kb": "assistant.knowledge.cli:kb",
    "cases": "assistant.store.cli:cases",
    "report": "assistant.store.cli:report",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(_LAZY)

    def get_command(self, ctx, name):
        target = _LAZY.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Assistant couverture santé : triage PUMa, CSS, AME, soins urgents, PASS."""
    if ctx.invoked_subcommand is None:
        ctx.invoke(cli.get_command(ctx, "app"))


def main() -> None:
    try:
        cli(prog_name="assistant")
    except Exception as e:  # no traceback ever reaches a user; the message says what broke
        click.echo(f"erreur interne : {type(e).__name__}: {e}", err=True)
        raise SystemExit(1) from None
