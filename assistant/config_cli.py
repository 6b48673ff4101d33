"""`python -m assistant config show | set KEY VALUE | unset KEY | agent add|remove|list`: the site's settings
and the agents who sign in to `serve`."""

from __future__ import annotations

import json
from datetime import date

import click

from assistant.cli_base import Group
from assistant.i18n import _, short_date
from assistant.site import KEYS, SiteSettingsError, load_site, set_value, settings_path


def _fail(error: Exception) -> None:
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


@config.group()
def agent() -> None:
    """Agents qui se connectent au navigateur (serve) : code agent et code personnel."""


@agent.command("add")
@click.argument("code")
@click.option("--replace", is_flag=True, help="Donner un nouveau code personnel à un agent existant.")
def agent_add(code: str, replace: bool) -> None:
    """Ajouter l'agent CODE ; son code personnel est demandé deux fois, sans écho."""
    from assistant.agents import MIN_LENGTH, AgentsError, add_agent, agent_code, agents_path, find, load_agents

    try:
        agent_code(code)  # a bad or taken agent code is refused before the personal code is asked
        known = find(load_agents(), code)
        if known is not None and not replace:
            raise AgentsError(_("{code} : cet agent existe déjà ({known}) ; --replace pour changer son code "
                                "personnel").format(code=code, known=known.code))
        personal = click.prompt(_("Code personnel de {code} ({low} caractères au moins)").format(
            code=code, low=MIN_LENGTH), hide_input=True,
            confirmation_prompt=_("Le même, encore une fois"))
        added = add_agent(code, personal, replace=replace)
    except AgentsError as error:
        _fail(error)
    click.echo(_("Agent {code} enregistré ({path}).").format(code=added.code, path=agents_path()))


@agent.command("remove")
@click.argument("code")
def agent_remove(code: str) -> None:
    """Retirer l'agent CODE (ses consultations lui restent attribuées dans le journal)."""
    from assistant.agents import AgentsError, remove_agent

    try:
        removed = remove_agent(code)
    except AgentsError as error:
        _fail(error)
    click.echo(_("Agent {code} retiré.").format(code=removed))


@agent.command("list")
def agent_list() -> None:
    """Lister les agents (jamais leurs codes personnels)."""
    from assistant.agents import AgentsError, agents_path, load_agents

    try:
        agents = load_agents()
    except AgentsError as error:
        _fail(error)
    if not agents:
        click.echo(_("Aucun agent ({path}) : ajoutez-en un avec `config agent add CODE`.").format(path=agents_path()))
        return
    click.echo(_("Agents ({path}) :").format(path=agents_path()))
    for code, entry in sorted(agents.items(), key=lambda item: item[0].casefold()):
        click.echo(_("  {code}  ajouté le {day}").format(code=code, day=short_date(date.fromisoformat(entry.added_on))))
