"""`python -m assistant app`: the chat for the reception desk (also the default command)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click


def _agent(value: str | None) -> str | None:
    from assistant.agents import AgentsError, agent_code

    try:
        return value if value is None else agent_code(value)
    except AgentsError as error:
        raise click.BadParameter(str(error)) from None


@click.command()
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True, help="Langue de l'interface.")
@click.option("--on", "on", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date d'évaluation AAAA-MM-JJ (par défaut : aujourd'hui).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Journal des dossiers (SQLite ; par défaut : dossier de données de l'utilisateur).")
@click.option("--case", "case_id", default=None, help="Reprendre ce dossier du journal.")
@click.option("--agent", default=None, callback=lambda ctx, param, value: _agent(value),
              help="Code de l'agent à qui attribuer les nouveaux dossiers (serve : l'agent connecté).")
@click.option("--no-log", is_flag=True, help="Ne rien enregistrer dans le journal des dossiers.")
@click.option("--export-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier des fiches exportées (par défaut : Documents/assistant-couverture).")
def app(lang: str, on, db: Path | None, case_id: str | None, agent: str | None, no_log: bool,
        export_dir: Path | None) -> None:
    """Ouvre le dialogue de la consultation (application Textual)."""
    from assistant.i18n import set_language

    set_language(lang)  # before the screens are imported: their key labels are translated then
    from assistant.ui.app import make_app
    from assistant.ui.config import Launch

    if export_dir is None:
        from platformdirs import user_documents_dir

        export_dir = Path(user_documents_dir()) / "assistant-couverture"
    launch = Launch(on=on.date() if on else date.today(), lang=lang, db=db, case_id=case_id,
                    agent=agent, record=not no_log, export_dir=export_dir)
    try:
        app_ = make_app(launch)
    except Exception as error:  # opening the case log: damaged, locked, unwritable
        from assistant.store.errors import StoreError

        if not isinstance(error, StoreError):
            raise
        raise click.ClickException(
            f"{error}\nPour consulter sans journal : --no-log ; pour réparer : "
            "python -m assistant cases repair (une copie de sauvegarde est faite d'abord).") from None
    app_.run()
