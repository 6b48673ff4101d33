"""`python -m assistant cases ...` and `python -m assistant report ...`.

Exit status: 0 done; 1 the case log cannot do it (busy, damaged, read-only, missing file);
2 bad input (option, date, value, unknown case). Every failure is one line on stderr.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import click

from assistant.dates import parse_iso
from assistant.store import views
from assistant.store.caselog import REFERRAL_KINDS, CaseLog
from assistant.store.errors import CaseNotFound, InvalidValue, StoreError
from assistant.store.followup import KINDS, STATUSES
from assistant.store.report_format import render
from assistant.store.settings import settings_from_env


class _OneLineErrors:
    """Usage errors as one line (`Error: ...`), without the usage block."""

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            error.ctx = None
            raise


class _Command(_OneLineErrors, click.Command):
    pass


class _Group(_OneLineErrors, click.Group):
    command_class = _Command


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
    settings, read_only = ctx.obj
    path = settings.resolved_db_path()
    if not create and not path.is_file():
        _fail(f"Base introuvable : {path} (aucun dossier encore enregistré ?)", 1)
    return ctx.with_resource(CaseLog(path, read_only=read_only, settings=settings))


def _kb():
    from assistant.knowledge.loader import load

    return load()


def _json_out(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


_db_option = click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
                          help="Fichier de la base (défaut : ASSISTANT_DB, sinon le dossier de données de l'utilisateur).")
_ro_option = click.option("--read-only", is_flag=True, help="Ouvrir la base en lecture seule.")


@click.group(cls=_Group)
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
    log = _open(ctx, create=True)
    case_id = log.create_case(initials=initials, agent=agent, site=site)
    log.save_assessment(case_id, assessment, situation=situation)
    click.echo(case_id)


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
    """Enregistrer une orientation (MisAS, service social, PASS, domiciliation)."""
    _open(ctx).refer(case_id, kind, on=_date(on, "--on"))


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
        log.erase(case_id)
        click.echo(f"Dossier {case_id} effacé (seuls des comptes anonymes sont conservés).")


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


@cases.command()
@click.argument("case_id")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Fichier à créer, lisible par vous seul (jamais écrasé : nom-2... s'il existe) ; défaut : sortie standard.")
@click.pass_context
@_handled
def export(ctx, case_id: str, output: Path | None) -> None:
    """Exporter un dossier en JSON (droit d'accès de la personne)."""
    text = json.dumps(_open(ctx).export_case(case_id), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    from assistant.exports import write_new

    try:
        written = write_new(output, text)
    except OSError as error:
        _fail(f"Impossible d'écrire {output} : {error.strerror}", 1)
    click.echo(f"Dossier exporté : {written}")


@cases.command()
@click.argument("case_id")
@click.option("--format", "fmt", type=click.Choice(["pdf", "html", "md", "ics"]), default="pdf", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Fichier à créer (jamais écrasé : nom-2, nom-3... s'il existe). Défaut : sortie standard, "
                   "ou pour le PDF le dossier des fiches.")
@click.pass_context
@_handled
def slip(ctx, case_id: str, fmt: str, output: Path | None) -> None:
    """La fiche de liaison d'un dossier (PDF, HTML, Markdown ou calendrier .ics)."""
    from assistant.exports import export_folder, write_new
    from assistant.slip.export import render
    from assistant.slip.local import from_case, place

    case = _open(ctx).get_case(case_id)
    if not case["assessment"]:
        _fail(f"Dossier {case_id} sans résultat enregistré : pas encore de fiche à remettre.", 2)
    where = place()
    for problem in where.problems:
        click.echo(problem, err=True)
    data = render(from_case(case, where), case["assessment"], fmt)
    if output is None and fmt != "pdf":
        click.echo(data.decode("utf-8"), nl=False)
        return
    target = output or export_folder(where.site.export_dir) / f"fiche-{case_id}.pdf"
    try:
        written = write_new(target, data)
    except OSError as error:
        _fail(f"Impossible d'écrire {target} : {error.strerror}", 1)
    click.echo(f"Fiche enregistrée : {written}")


@cases.command()
@click.pass_context
@_handled
def repair(ctx) -> None:
    """Sauvegarder puis réparer une base endommagée (récupère les lignes lisibles)."""
    from assistant.store.repair import repair as run

    settings, _ = ctx.obj
    click.echo(views.repair_report(run(settings.resolved_db_path())))


@click.command(cls=_Command)
@click.option("--from", "start", required=True, metavar="AAAA-MM-JJ", help="Premier jour de la période.")
@click.option("--to", "end", required=True, metavar="AAAA-MM-JJ", help="Dernier jour de la période.")
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Fichier à créer, lisible par vous seul (jamais écrasé : nom-2... s'il existe).")
@_db_option
@_ro_option
@click.pass_context
@_handled
def report(ctx, start: str, end: str, fmt: str, output: Path | None, db: Path | None, read_only: bool) -> None:
    """Rapport d'activité (ARS, CPAM) : chaque indicateur avec sa source."""
    start_date, end_date = _date(start, "--from"), _date(end, "--to")
    ctx.obj = (settings_from_env(db_path=db), read_only)
    text = render(_open(ctx).report(start_date, end_date), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    from assistant.exports import write_new

    try:
        written = write_new(output, text)
    except OSError as error:
        _fail(f"Impossible d'écrire {output} : {error.strerror}", 1)
    click.echo(f"Rapport enregistré : {written}")
