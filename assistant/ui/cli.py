"""`python -m assistant app`: the chat for the reception desk (also the default command)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from assistant.cli_base import Command
from assistant.i18n import _, language


@click.command(cls=Command)
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date d'évaluation AAAA-MM-JJ (par défaut : aujourd'hui).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Journal des dossiers (SQLite ; par défaut : dossier de données de l'utilisateur).")
@click.option("--case", "case_id", default=None, help="Reprendre ce dossier du journal.")
@click.option("--no-log", is_flag=True, help="Ne rien enregistrer dans le journal des dossiers.")
@click.option("--export-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des fiches exportées (par défaut : réglage export_dir, sinon Documents/assistant-couverture).")
@click.option("--agent", default=None, help="Code de l'agent (par défaut : celui des réglages du site).")
@click.pass_context
def app(ctx: click.Context, on, db: Path | None, case_id: str | None, no_log: bool, export_dir: Path | None,
        agent: str | None) -> None:
    """Ouvrir le dialogue de la consultation (application Textual, commande par défaut)."""
    from assistant.dialogs.engine import EngineAssess
    from assistant.knowledge.base import KnowledgeError
    from assistant.knowledge.loader import load

    lang = language()  # chosen by --lang or ASSISTANT_LANG (assistant.cli_base)
    try:  # refuse to start on an unusable base rather than stop after the first question
        kb = load()
    except KnowledgeError as error:
        raise click.ClickException(_("base de connaissances : {error}").format(error=error)) from None
    from assistant.ui.app import make_app
    from assistant.ui.config import Launch

    from assistant.paths import export_folder
    from assistant.site import KEYS, SiteSettingsError, load_site

    try:
        site = load_site()
        agent = KEYS["agent"].parse(agent) if agent is not None else None
    except SiteSettingsError as error:
        raise click.ClickException(_("réglages du site : {error}").format(error=error)) from None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--agent") from None
    if export_dir is None:  # the site's folder (config set export_dir), else Documents/assistant-couverture
        export_dir = export_folder(site.export_dir)
    # Another day than today (--on) is a demonstration: recorded as such, left out of reports.
    launch = Launch(on=on.date() if on else date.today(), lang=lang, db=db, case_id=case_id,
                    record=not no_log, export_dir=export_dir, demo=on is not None and on.date() != date.today(),
                    site=site, agent=agent)
    try:
        app_ = make_app(launch, assess=lambda when: EngineAssess(when, lang, kb=kb))
    except Exception as error:  # opening the case log: damaged, locked, unwritable; or no such case
        from assistant.store.errors import CaseNotFound, StoreError

        if isinstance(error, CaseNotFound):
            click.echo(str(error), err=True)
            raise SystemExit(2) from None
        if not isinstance(error, StoreError):
            raise
        raise click.ClickException(
            _("{error}\nPour consulter sans journal : --no-log ; pour réparer : "
              "python -m assistant cases repair (une copie de sauvegarde est faite d'abord).").format(error=error)
        ) from None
    app_.run()
    if app_.return_code:  # the app stopped on an error: it said so in one line (ui.crash)
        ctx.exit(app_.return_code)
