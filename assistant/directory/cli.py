"""`python -m assistant directory import FILE... | list | validate`: the territory's contacts."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assistant.cli_base import Group
from assistant.directory.roles import ROLES
from assistant.directory.store import DirectoryError, directory_path, read
from assistant.i18n import _, ngettext
from assistant.site import SiteSettingsError, load_site


def _fail(message: str, status: int) -> None:
    click.echo(message, err=True)
    raise SystemExit(status)


def _departement(given: str | None) -> str | None:
    if given:
        from assistant.site import KEYS

        try:
            return KEYS["departement"].parse(given)
        except ValueError as error:
            _fail(f"--departement : {error}", 2)
    try:
        return load_site().departement
    except SiteSettingsError as error:
        _fail(str(error), 2)


_dept_option = click.option("--departement", metavar="CODE",
                             help="Département (défaut : celui des réglages du site, config set departement).")


@click.group(cls=Group)
def directory() -> None:
    """Annuaire local des structures et services (modèle data·inclusion)."""


@directory.command("import")
@click.argument("files", metavar="[FICHIER]...", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sample", is_flag=True, help="Importer l'annuaire d'exemple d'un site FICTIF (pour essayer).")
@click.option("--replace", is_flag=True, help="Repartir d'un annuaire vide (sinon : ajout, même id remplacé).")
@_dept_option
def import_(files: tuple[Path, ...], sample: bool, replace: bool, departement: str | None) -> None:
    """Importer un export data·inclusion (JSON, JSON Lines ou CSV) : services du département utiles à l'assistant."""
    from assistant.directory.importing import SAMPLE, SAMPLE_DEPARTEMENT, import_files, shown_refusals

    paths = [*files, *([SAMPLE] if sample else [])]
    if not paths:
        _fail(_("Indiquez un fichier à importer (ou --sample pour l'annuaire d'exemple fictif)."), 2)
    dept = SAMPLE_DEPARTEMENT if sample and not files and not departement else _departement(departement)
    if dept is None:
        _fail(_("Département inconnu : réglez-le (python -m assistant config set departement CODE) "
                "ou passez --departement CODE."), 2)
    try:
        report = import_files(paths, dept, replace=replace)
    except DirectoryError as error:
        _fail(str(error), 1)
    for line in shown_refusals(report):
        click.echo(line, err=True)
    click.echo(ngettext("{n} enregistrement lu", "{n} enregistrements lus", report.read).format(n=report.read)
               + " ; " + ngettext("{n} service gardé pour le département {dept}",
                                  "{n} services gardés pour le département {dept}",
                                  report.kept_services).format(n=report.kept_services, dept=dept)
               + " ; " + ngettext("{n} refusé", "{n} refusés", len(report.refused)).format(n=len(report.refused)) + ".")
    for role in ROLES:
        if report.by_role.get(role.id):
            click.echo(f"  {_(role.label)} : {report.by_role[role.id]}")
    if sample:
        click.echo(_("Annuaire d'exemple FICTIF (Fictiville, département {dept}) : à remplacer par celui du "
                     "territoire.").format(dept=SAMPLE_DEPARTEMENT))
    click.echo(_("Annuaire enregistré : {path}").format(path=report.path))


@directory.command("list")
@_dept_option
@click.option("--json", "as_json", is_flag=True, help="Afficher en JSON.")
def list_(departement: str | None, as_json: bool) -> None:
    """Les contacts de l'annuaire pour chaque besoin de l'assistant, dans le département."""
    from assistant.directory.lookup import Directory

    dept = _departement(departement)
    try:
        found = Directory(read(), dept)
    except DirectoryError as error:
        _fail(str(error), 1)
    if as_json:
        click.echo(json.dumps({role.id: [c.__dict__ for c in found.by_role.get(role.id, [])] for role in ROLES},
                              ensure_ascii=False, indent=2))
        return
    click.echo(_("Annuaire {path}, département {dept} :").format(path=directory_path(), dept=dept or "?"))
    for role in ROLES:
        contacts = found.by_role.get(role.id, [])
        click.echo(f"\n{_(role.label)}")
        if not contacts:
            click.echo("  " + found.none_text((role.id,)))
        for c in contacts:
            click.echo(f"  {c.name}")
            for line in c.lines():
                click.echo(f"    {line}")


@directory.command()
@click.argument("file", metavar="[FICHIER]", required=False, type=click.Path(dir_okay=False, path_type=Path))
@_dept_option
def validate(file: Path | None, departement: str | None) -> None:
    """Vérifier l'annuaire (ou FICHIER) avec le schéma data·inclusion ; code de sortie 2 si un enregistrement est refusé."""
    from assistant.directory.importing import read_records
    from assistant.directory.importing import validate as problems_of
    from assistant.directory.lookup import Directory

    try:
        if file is None:
            data = read()
        else:
            records = read_records(file)
            data = {"services": [r for r in records if "structure_id" in r],
                    "structures": [r for r in records if "structure_id" not in r]}
    except DirectoryError as error:
        _fail(str(error), 1)
    problems = problems_of(data)
    for line in problems:
        click.echo(line, err=True)
    dept = _departement(departement)
    found = Directory(data, dept)
    missing = [role for role in ROLES if role.id not in found.by_role]
    n = len(data.get("services", []))
    click.echo(ngettext("{n} service", "{n} services", n).format(n=n) + ", "
               + ngettext("{n} problème", "{n} problèmes", len(problems)).format(n=len(problems)) + ".")
    for role in missing:
        click.echo(_("À compléter : {what}").format(what=found.none_text((role.id,))))
    if problems:
        raise SystemExit(2)
