"""`python -m assistant config show | set KEY VALUE | unset KEY`: the site's settings."""

from __future__ import annotations

import json

import click

from assistant.cli_base import Group

from assistant.i18n import _
from assistant.site import KEYS, SiteSettingsError, load_site, set_value, settings_path


def _fail(error: SiteSettingsError) -> None:
    click.echo(str(error), err=True)
    raise SystemExit(2)


@click.group(cls=Group)
def config() -> None:
    """Réglages du site : structure, département, codes, langue, dossier des fiches."""


@config.command()
@click.option("--json", "as_json", is_flag=True, help="Afficher en JSON.")
def show(as_json: bool) -> None:
    """Afficher les réglages et le fichier qui les garde."""
    try:
        settings = load_site()
    except SiteSettingsError as error:
        _fail(error)
    values = settings.values()
    if as_json:
        click.echo(json.dumps({**values, "territory_in_force": settings.territory, "file": str(settings_path())},
                              ensure_ascii=False, indent=2))
        return
    click.echo(_("Réglages du site ({path}) :").format(path=settings_path()))
    width = max(len(name) for name in KEYS)
    for name, key in KEYS.items():
        value = values[name]
        if name == "territory" and value is None and settings.territory:
            shown = _("{value} (déduit du département)").format(value=settings.territory)
        else:
            shown = value if value is not None else _("(non réglé)")
        click.echo(f"  {name.ljust(width)}  {shown}    # {_(key.label)}")


@config.command("set")
@click.argument("key", type=click.Choice(list(KEYS)))
@click.argument("value")
def set_(key: str, value: str) -> None:
    """Régler KEY à VALUE (vérifié avant d'être enregistré)."""
    try:
        settings = set_value(key, value)
    except SiteSettingsError as error:
        _fail(error)
    stored = settings.values()[key]
    click.echo(_("{key} = {value}").format(key=key, value=stored))


@config.command()
@click.argument("key", type=click.Choice(list(KEYS)))
def unset(key: str) -> None:
    """Revenir à la valeur par défaut de KEY."""
    try:
        set_value(key, None)
    except SiteSettingsError as error:
        _fail(error)
    click.echo(_("{key} : valeur par défaut").format(key=key))
