"""`python -m assistant train check | list | summary | app`: the trainer's commands."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from assistant.cli_base import Group
from assistant.dates import parse_iso
from assistant.i18n import _

_SCENARIOS = click.option("--scenarios", "scenarios_path", type=click.Path(exists=True, path_type=Path), default=None,
                          help="Fichier ou dossier de scénarios (défaut : la bibliothèque fournie).")
_DB = click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                   help="Journal de formation (défaut : training.db du dossier de données, ou ASSISTANT_TRAINING_DB).")


@click.group(cls=Group)
def train() -> None:
    """Mode formation : scénarios, vérification, scores des stagiaires."""


def _scenarios(path: Path | None):
    from assistant.training.scenarios import TrainingError, load

    try:
        return load(path)
    except TrainingError as error:
        click.echo(_("scénarios de formation : {error}").format(error=error), err=True)
        sys.exit(2)


def _kb():
    from assistant.knowledge.base import KnowledgeError
    from assistant.knowledge.loader import load

    try:
        return load()
    except KnowledgeError as error:
        click.echo(_("base de connaissances : {error}").format(error=error), err=True)
        sys.exit(2)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=option) from None


@train.command()
@_SCENARIOS
def check(scenarios_path: Path | None) -> None:
    """Passer chaque scénario dans le moteur ; code 1 si un résultat attendu ne correspond plus."""
    from assistant.training.check import check as run_check

    scenarios = _scenarios(scenarios_path)
    mismatches = run_check(scenarios, _kb())
    for mismatch in mismatches:
        click.echo(_("{id} : le résultat attendu ne correspond plus (attendu → moteur) :").format(
            id=mismatch.scenario.id))
        for problem in mismatch.problems:
            click.echo(f"  {problem}")
    if mismatches:
        click.echo(_("Scénarios à revoir : {bad} sur {count}.").format(bad=len(mismatches), count=len(scenarios)),
                   err=True)
        sys.exit(1)
    click.echo(_("OK : les {count} scénarios donnent le résultat attendu.").format(count=len(scenarios)))


@train.command("list")
@_SCENARIOS
def list_(scenarios_path: Path | None) -> None:
    """Lister les scénarios : identifiant, famille de règles, date, titre, points abordés."""
    from assistant.training.topics import topic_name

    for scenario in _scenarios(scenarios_path):
        topics = ", ".join(topic_name(t) for t in scenario.topics)
        click.echo(f"{scenario.id}  [{scenario.family}]  {scenario.date.isoformat()}  {scenario.text('title')}"
                   + (f"  ({topics})" if topics else ""))


@train.command()
@click.option("--group", "group", default=None, help="Seulement ce groupe de stagiaires.")
@click.option("--from", "from_", metavar="AAAA-MM-JJ", help="Premier jour de la période.")
@click.option("--to", "to", metavar="AAAA-MM-JJ", help="Dernier jour de la période.")
@_DB
def summary(group: str | None, from_: str | None, to: str | None, db: Path | None) -> None:
    """Bilan du formateur : score de chaque séance et par famille de règles."""
    from assistant.training.store import TrainingLog, TrainingLogError
    from assistant.training.summary import format_summary

    start, end = _date(from_, "--from"), _date(to, "--to")
    try:
        log = TrainingLog(db, create=False)
        attempts = log.attempts(group, start, end)
        log.close()
    except TrainingLogError as error:
        raise click.ClickException(str(error)) from None
    click.echo(format_summary(attempts))


@train.command()
@click.option("--trainee", default="", help="Nom du stagiaire (modifiable à l'écran).")
@click.option("--group", "group", default="", help="Groupe de formation (modifiable à l'écran).")
@_SCENARIOS
@_DB
def app(trainee: str, group: str, scenarios_path: Path | None, db: Path | None) -> None:
    """Ouvrir le mode formation (application Textual) : rien n'est écrit dans le journal des dossiers."""
    from assistant.i18n import language
    from assistant.ui.training_app import make_training_app

    scenarios, kb = _scenarios(scenarios_path), _kb()
    app_ = make_training_app(scenarios, kb, language(), trainee=trainee, group=group, db=db)
    app_.run()
    if app_.return_code:
        sys.exit(app_.return_code)
