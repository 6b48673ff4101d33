"""`python -m assistant cases ...` and `python -m assistant report ...`.

Exit status: 0 done; 1 the case log cannot do it (busy, damaged, read-only, cannot be created);
2 bad input (option, date, value, unknown case). Every failure is one line on stderr. Before the
first case is recorded there is no file: reading commands see an empty log (see `_open`).
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import click

from assistant.cli_base import Command, Group
from assistant.dates import parse_iso
from assistant.display import escape_controls_json
from assistant.files import write_private
from assistant.i18n import _, short_date
from assistant.store import views
from assistant.store.caselog import REFERRAL_KINDS, CaseLog
from assistant.store.db import IN_MEMORY
from assistant.store.errors import CaseNotFound, InvalidValue, StoreError
from assistant.store.followup import KINDS, STATUSES
from assistant.store.report_format import render
from assistant.store.settings import settings_from_env


def _handled(command):
    """Turn store and knowledge-base errors into one line and an exit status."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from assistant.knowledge.base import KnowledgeError

        try:
            return command(*args, **kwargs)
        except (InvalidValue, CaseNotFound) as error:
            _fail(str(error), 2)
        except (StoreError, KnowledgeError) as error:
            _fail(str(error), 1)
        except OSError as error:  # e.g. a data folder this user may not enter
            where = f" {error.filename}" if error.filename else ""
            _fail(f"Accès impossible à{where} : {error.strerror} (vérifiez les droits du dossier de données).", 1)

    return wrapper


def _fail(message: str, status: int):
    click.echo(message, err=True)
    raise SystemExit(status)


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError as error:
        _fail(f"{option} : {error}", 2)


def _open(ctx: click.Context, *, create: bool = False) -> CaseLog:
    """The case log; before the first case is recorded there is no file yet: reading commands
    then see an empty log held in memory (nothing is created on disk), and say so."""
    settings, read_only = ctx.obj
    path = settings.resolved_db_path()
    if not create and not path.exists():
        click.echo(_("Aucun dossier encore enregistré : le journal {path} sera créé au premier dossier.").format(
            path=path), err=True)
        return ctx.with_resource(CaseLog(IN_MEMORY, settings=settings))
    return ctx.with_resource(CaseLog(path, read_only=read_only, settings=settings))


def _kb():
    from assistant.knowledge.loader import load

    return load()


def _json_out(data) -> None:
    click.echo(escape_controls_json(json.dumps(data, ensure_ascii=False, indent=2, default=str)))


_db_option = click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
                          help="Fichier de la base (défaut : ASSISTANT_DB, sinon le dossier de données de l'utilisateur).")
_ro_option = click.option("--read-only", is_flag=True, help="Ouvrir la base en lecture seule.")


@click.group(cls=Group)
@_db_option
@_ro_option
@click.pass_context
def cases(ctx: click.Context, db: Path | None, read_only: bool) -> None:
    """Journal des dossiers : suivi, échéances, revérification, effacement, export."""
    ctx.obj = (settings_from_env(db_path=db), read_only)


@cases.command("list")
@click.option("--all", "include_closed", is_flag=True, help="Inclure les dossiers clos.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_handled
def list_(ctx, include_closed: bool, limit: int, as_json: bool) -> None:
    """Dossiers, les plus récemment actifs d'abord."""
    rows = _open(ctx).list_cases(include_closed=include_closed, limit=limit)
    _json_out(rows) if as_json else click.echo(views.case_list(rows))


@cases.command()
@click.argument("case_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_handled
def show(ctx, case_id: str, as_json: bool) -> None:
    """Un dossier : réponses, demandes et échéances, historique."""
    log = _open(ctx)
    case = log.get_case(case_id)
    if as_json:
        _json_out(case)
    else:
        click.echo(views.case_detail(case, log.timeline(case_id), _kb()))


@cases.command()
@click.argument("situation_file", type=click.File("rb"))
@click.option("--initials", help="1 à 4 lettres (jamais le nom).")
@click.option("--agent", help="Code de l'agent.")
@click.option("--site", help="Code du site.")
@click.option("--on", "on", metavar="AAAA-MM-JJ", help="Date d'évaluation (défaut : aujourd'hui).")
@click.pass_context
@_handled
def add(ctx, situation_file, initials, agent, site, on) -> None:
    """Enregistrer un dossier à partir d'une situation JSON (évaluée avec la base actuelle)."""
    from assistant.engine import evaluate
    from assistant.validation import SituationError, parse_situation

    when = _date(on, "--on") or date.today()
    try:
        situation = parse_situation(situation_file.read(), on=when)
    except SituationError as error:
        _fail(f"{error.field} : {error.message}", 2)
    assessment = evaluate(situation, on=when, kb=_kb())
    # A past consultation entered for real (--on): it counts in reports, unlike the app's --on.
    click.echo(_open(ctx, create=True).add_case(assessment, situation, initials=initials, agent=agent, site=site))


@cases.command()
@click.argument("case_id")
@click.argument("text")
@click.pass_context
@_handled
def note(ctx, case_id: str, text: str) -> None:
    """Ajouter une note au dossier."""
    _open(ctx).add_note(case_id, text)


@cases.command()
@click.argument("case_id")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("status", type=click.Choice((*STATUSES, "transmitted")))
@click.option("--on", "on", metavar="AAAA-MM-JJ", help="Date de l'événement (décision pour granted/refused).")
@click.option("--from", "from_", metavar="AAAA-MM-JJ", help="granted : début des droits (défaut : --on).")
@click.option("--until", metavar="AAAA-MM-JJ", help="granted : fin des droits.")
@click.option("--via-pass", is_flag=True, help="filed : demande reçue par une PASS (à transmettre sous 8 jours).")
@click.option("--urgent", is_flag=True, help="filed : instruction prioritaire (certificat médical).")
@click.pass_context
@_handled
def request(ctx, case_id, kind, status, on, from_, until, via_pass, urgent) -> None:
    """Suivi d'une demande : to_file, filed, documents_requested, granted, refused, closed, transmitted."""
    log, on = _open(ctx), _date(on, "--on")
    if status == "transmitted":
        row = log.record_transmission(case_id, on=on, kind=kind)
    else:
        row = log.update_request(case_id, kind, status, on=on, granted_from=_date(from_, "--from"),
                                 rights_until=_date(until, "--until"), via_pass=via_pass, urgent=urgent)
    click.echo(views.request_line(row, _kb()))


@cases.command()
@click.argument("case_id")
@click.argument("kind", type=click.Choice(REFERRAL_KINDS))
@click.option("--on", "on", metavar="AAAA-MM-JJ")
@click.pass_context
@_handled
def refer(ctx, case_id: str, kind: str, on: str | None) -> None:
    """Enregistrer une orientation faite (MisAS, service social, PASS, domiciliation) : la
    proposition de l'évaluation est marquée faite, ou l'orientation est notée sans proposition."""
    click.echo(views.referral_line(_open(ctx).refer(case_id, kind, on=_date(on, "--on"))))


@cases.command()
@click.argument("case_id")
@click.option("--on", "on", metavar="AAAA-MM-JJ")
@click.pass_context
@_handled
def close(ctx, case_id: str, on: str | None) -> None:
    """Clore le suivi d'un dossier (toute nouvelle activité le rouvre)."""
    _open(ctx).close_case(case_id, on=_date(on, "--on"))


@cases.command()
@click.option("--on", "on", metavar="AAAA-MM-JJ", help="Date de référence (défaut : aujourd'hui).")
@click.option("--days", type=click.IntRange(0, 366), default=7, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_handled
def due(ctx, on: str | None, days: int, as_json: bool) -> None:
    """Échéances des jours à venir (et celles déjà passées) des dossiers ouverts."""
    log = _open(ctx)
    on_date = _date(on, "--on") or log.today()
    found = log.due(_kb(), on=on_date, days=days)
    _json_out([d.__dict__ for d in found]) if as_json else click.echo(views.due_list(found, on_date))


@cases.command()
@click.option("--on", "on", metavar="AAAA-MM-JJ", help="Réévaluer à cette date (défaut : date de la première évaluation).")
@click.option("--dry-run", is_flag=True, help="Lister sans enregistrer.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
@_handled
def recheck(ctx, on: str | None, dry_run: bool, as_json: bool) -> None:
    """Réévaluer les dossiers ouverts avec la base de connaissances actuelle."""
    from assistant.store.recheck import recheck as run

    result = run(_open(ctx), _kb(), on=_date(on, "--on"), dry_run=dry_run)
    _json_out(result.__dict__) if as_json else click.echo(views.recheck_result(result))


@cases.command()
@click.argument("case_id")
@click.option("--yes", is_flag=True, help="Ne pas demander confirmation.")
@click.pass_context
@_handled
def erase(ctx, case_id: str, yes: bool) -> None:
    """Effacer les données personnelles d'un dossier (les comptes anonymes restent)."""
    log = _open(ctx)
    log.get_case(case_id)  # unknown id: say so before asking
    if yes or click.confirm(f"Effacer définitivement le dossier {case_id} ?"):
        residue = log.erase(case_id)
        click.echo(f"Dossier {case_id} effacé (seuls des comptes anonymes sont conservés).")
        _tell_residue(residue)


def _tell_residue(residue) -> None:
    """Erased data still on the disk: where, and how it goes away (status 1)."""
    if residue.live:
        click.echo("Les données effacées restent sur le disque dans " + ", ".join(map(str, residue.live))
                   + " tant qu'une autre instance de l'assistant garde la base ouverte : elles disparaîtront "
                   "quand elle la fermera.", err=True)
    if residue.backups:
        click.echo("Des copies de sauvegarde de réparation les contiennent encore : " + ", ".join(map(str, residue.backups))
                   + " (supprimez-les quand elles ne servent plus).", err=True)
    if residue.live or residue.backups:
        raise SystemExit(1)


@cases.command()
@click.option("--older-than", "months", type=click.IntRange(1, 240),
              help="Mois sans activité (défaut : durée de conservation des réglages, 24).")
@click.option("--on", "on", metavar="AAAA-MM-JJ")
@click.option("--yes", is_flag=True, help="Ne pas demander confirmation.")
@click.pass_context
@_handled
def purge(ctx, months: int | None, on: str | None, yes: bool) -> None:
    """Anonymiser les dossiers sans activité depuis la durée de conservation."""
    log = _open(ctx)
    months = months or log.settings.retention_months
    if yes or click.confirm(f"Anonymiser les dossiers sans activité depuis {months} mois ?"):
        count = log.purge(older_than_months=months, on=_date(on, "--on"))
        click.echo(f"{count} dossier(s) anonymisé(s).")
        _tell_residue(log.last_residue)


@cases.command()
@click.argument("case_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Fichier à créer, lisible par vous seul (un fichier existant est refusé) ; "
                   "défaut : sortie standard.")
@click.pass_context
@_handled
def export(ctx, case_id: str, output: Path | None) -> None:
    """Exporter un dossier en JSON (droit d'accès de la personne)."""
    text = escape_controls_json(json.dumps(_open(ctx).export_case(case_id), ensure_ascii=False, indent=2)) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    _write_output(output, text.encode("utf-8"))
    click.echo(_("Dossier exporté : {path}").format(path=output))


def _write_output(path: Path, data: bytes) -> None:
    """`-o FILE`: a new owner-only file at the very name asked; an existing file (or a link) is
    refused, never replaced nor renamed behind the back of a script that reads it afterwards."""
    try:
        write_private(path, data)
    except FileExistsError:
        _fail(_("{path} existe déjà : choisissez un autre nom (rien n'a été écrit).").format(path=path), 1)
    except OSError as error:
        _fail(_("Impossible d'écrire {path} : {reason}").format(path=path, reason=error.strerror), 1)


@cases.command()
@click.argument("case_id")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "md", "ics"]), default="pdf", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Fichier à créer (un fichier existant est refusé). Défaut : sortie standard, ou pour le PDF "
                   "un nouveau fichier du dossier des fiches (fiche-DOSSIER-2.pdf... s'il existe).")
@click.pass_context
@_handled
def slip(ctx, case_id: str, fmt: str, output: Path | None) -> None:
    """La fiche de liaison d'un dossier (PDF, HTML, Markdown ou calendrier .ics)."""
    from assistant.files import write_new
    from assistant.paths import export_folder
    from assistant.slip.export import render
    from assistant.slip.local import from_case, place

    case = _open(ctx).get_case(case_id)
    if not case["assessment"]:
        _fail(_("Dossier {case_id} sans résultat enregistré : pas encore de fiche à remettre.").format(
            case_id=case_id), 2)
    where = place()
    for problem in where.problems:
        click.echo(problem, err=True)
    data = render(from_case(case, where), case["assessment"], fmt)
    if output is not None:
        _write_output(output, data)
        written = output
    elif fmt != "pdf":
        click.echo(data.decode("utf-8"), nl=False)
        return
    else:
        folder = export_folder(where.site.export_dir)
        try:
            [written] = write_new(folder, [f"fiche-{case['id']}.pdf"], [data])
        except OSError as error:
            _fail(_("Impossible d'écrire dans {path} : {reason}").format(path=folder, reason=error.strerror), 1)
    click.echo(_("Fiche enregistrée : {path}").format(path=written))


@cases.command()
@click.pass_context
@_handled
def repair(ctx) -> None:
    """Sauvegarder puis réparer une base endommagée (récupère les lignes lisibles)."""
    from assistant.store.repair import repair as run

    settings, _read_only = ctx.obj
    report = run(settings.resolved_db_path())
    click.echo(views.repair_report(report))
    if report.lost:
        raise SystemExit(1)


@click.command(cls=Command)
@click.option("--from", "start", metavar="AAAA-MM-JJ",
              help="Premier jour de la période (défaut : 1er janvier de l'année de --to, "
                   "sinon de l'année en cours).")
@click.option("--to", "end", metavar="AAAA-MM-JJ",
              help="Dernier jour de la période (défaut : 31 décembre de l'année de --from, "
                   "sinon de l'année en cours).")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.option("--include-demo", is_flag=True,
              help="Compter aussi les consultations de démonstration (application lancée avec --on).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Fichier à créer, lisible par vous seul (un fichier existant est refusé) ; "
                   "défaut : sortie standard.")
@_db_option
@_ro_option
@click.pass_context
@_handled
def report(ctx, start: str | None, end: str | None, fmt: str, include_demo: bool, output: Path | None,
           db: Path | None, read_only: bool) -> None:
    """Rapport d'activité (ARS, CPAM) : chaque indicateur avec sa source ; par défaut, l'année civile en cours."""
    start_date, end_date = _date(start, "--from"), _date(end, "--to")
    ctx.obj = (settings_from_env(db_path=db), read_only)
    log = _open(ctx)
    start_date, end_date = _period(start_date, end_date, log.today())
    text = render(log.report(start_date, end_date, include_demo=include_demo), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    _write_output(output, text.encode("utf-8"))
    click.echo(_("Rapport enregistré : {path}").format(path=output))


def _period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The calendar year of the one date given (of today if none); says which period it chose."""
    if start is not None and end is not None:
        return start, end
    year = (start or end or today).year
    start, end = start or date(year, 1, 1), end or date(year, 12, 31)
    click.echo(_("Période : du {start} au {end}.").format(start=short_date(start), end=short_date(end)), err=True)
    return start, end
