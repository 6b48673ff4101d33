"""Activity report over a period: the indicators seeds 000 and 001 ask for, with their source.

Only columns that survive erasure are read (dates, site, anonymous profile, requests,
referrals proposed and made), so erasing or purging cases never changes a report. Statuses are
taken as they stood at the end of the period, from their dates. Demonstrations (the app run on
another date with `--on`) are left out unless asked for, and counted apart.
"""

from __future__ import annotations

from datetime import date

import sqlite_utils

from assistant.dates import add_months, numeric_date
from assistant.knowledge.base import format_source
from assistant.store.outcome import REFERRAL_KINDS

# Each indicator keeps its sources as the knowledge base cites them (for tracing, in JSON) and
# as people read them (`source`: issuer, document, year, section).
S000_VI = {"doc": "000_af8b0dd11f2dd870.txt", "ref": "§ VI Suivi et évaluation"}
S000_ART5 = {"doc": "000_af8b0dd11f2dd870.txt", "ref": "Annexe 1, Article 5 - COPIL, suivi et évaluation du partenariat"}
S001_ART5 = {"doc": "001_7b69e7b19a2c174c.txt", "ref": "Article 5 - COPIL, suivi et évaluation du partenariat"}

_OUTCOME = """CASE WHEN status = 'granted' AND decided_on <= :e THEN 'granted'
                   WHEN status = 'refused' AND decided_on <= :e THEN 'refused'
                   WHEN status = 'closed' AND closed_on <= :e THEN 'closed'
                   ELSE 'pending' END"""
_RECEIPT = "CASE WHEN via_pass THEN transmitted_on ELSE filed_on END"


def build_report(db: sqlite_utils.Database, start: date, end: date, *, lost_after_months: int,
                 include_demo: bool = False) -> dict:
    """The report of [start, end] (both included) as plain JSON-ready data."""
    p = {"s": start.isoformat(), "e": end.isoformat(), "cutoff": add_months(end, -lost_after_months).isoformat()}
    active = "opened_on <= :e AND last_activity_on >= :s"
    demo_cases = db.execute(f"SELECT count(*) FROM cases WHERE demo = 1 AND {active}", p).fetchone()[0]
    any_demo = db.execute("SELECT 1 FROM cases WHERE demo = 1 LIMIT 1").fetchone() is not None
    if include_demo:
        real, linked = "", ""
    else:  # the rows of other tables are filtered only when there is a demonstration to leave out
        real = " AND demo = 0"
        linked = " AND case_id NOT IN (SELECT id FROM cases WHERE demo = 1)" if any_demo else ""
    active += real
    indicators = []

    def add(id_, label, sources, definition, value=None, breakdown=None):
        sources = sources if isinstance(sources, list) else [sources]
        indicators.append({"id": id_, "label": label, "source": " ; ".join(format_source(s) for s in sources),
                           "sources": sources, "definition": definition, "value": value, "breakdown": breakdown})

    composition = list(db.query(
        f"SELECT age_band, sex, coverage_at_entry, count(*) AS n FROM cases WHERE {active} "
        "GROUP BY age_band, sex, coverage_at_entry", p))
    add("file_active", "File active", S000_VI,
        f"Personnes suivies pendant la période : dossier ouvert au plus tard le {numeric_date(end, 'fr')} "
        f"et dernière activité à partir du {numeric_date(start, 'fr')}.", value=sum(r["n"] for r in composition))
    for column, label in (("age_band", "File active par tranche d'âge"), ("sex", "File active par sexe"),
                          ("coverage_at_entry", "File active par couverture à l'entrée")):
        add(f"file_active.{column}", label, S000_VI, "Répartition de la file active.",
            breakdown=_sum_by(composition, column))
    add("new_cases", "Nouvelles personnes accompagnées", S000_VI, "Dossiers ouverts pendant la période.",
        value=db.execute(f"SELECT count(*) FROM cases WHERE opened_on BETWEEN :s AND :e{real}", p).fetchone()[0])

    filed = list(db.query(
        f"SELECT kind, {_OUTCOME} AS outcome, count(*) AS n, "
        "sum(documents_requested_on IS NOT NULL AND documents_requested_on <= :e) AS docs "
        f"FROM requests WHERE filed_on BETWEEN :s AND :e{linked} GROUP BY kind, outcome", p))
    add("requests.filed", "Demandes déposées par prestation", [S000_ART5, S001_ART5],
        "Demandes déposées pendant la période (PUMa, CSS, AME, soins urgents).", breakdown=_sum_by(filed, "kind"))
    outcomes = {f"{r['kind']}.{r['outcome']}": r["n"] for r in filed}
    for kind, docs in _sum_by(filed, "kind", "docs").items():
        outcomes[f"{kind}.documents_requested"] = docs
    add("requests.outcomes", "Résultat de l'instruction des demandes déposées", S000_ART5,
        "Demandes déposées pendant la période, selon leur état à la fin de la période ; "
        "« pièces demandées » compte celles qui ont reçu une demande de pièces, quel que soit leur résultat.",
        breakdown=dict(sorted(outcomes.items())))

    referrals = {r["kind"]: r["n"] for r in db.query(
        f"SELECT kind, count(*) AS n FROM referrals WHERE referred_on BETWEEN :s AND :e{linked} GROUP BY kind", p)}
    add("referrals.misas", "Orientations vers la Mission accompagnement santé", [S000_ART5, S001_ART5],
        "Orientations faites pendant la période.", value=referrals.get("misas", 0))
    add("referrals.service_social", "Orientations vers le service social de l'Assurance maladie", S001_ART5,
        "Orientations faites pendant la période.", value=referrals.get("service_social", 0))
    add("referrals.made", "Orientations faites", [S000_ART5, S001_ART5],
        "Orientations faites pendant la période, proposées par l'évaluation ou non.",
        breakdown={kind: referrals.get(kind, 0) for kind in REFERRAL_KINDS})
    waiting = {r["kind"]: r["n"] for r in db.query(
        "SELECT p.kind, count(*) AS n FROM referral_proposals p LEFT JOIN referrals r ON r.id = p.referral_id "
        f"WHERE p.proposed_on BETWEEN :s AND :e AND (r.id IS NULL OR r.referred_on > :e){linked.replace('case_id', 'p.case_id')} "
        "GROUP BY p.kind", p)}
    add("referrals.not_made", "Orientations proposées restées sans suite", [S000_ART5, S001_ART5],
        "Orientations proposées par l'évaluation pendant la période et pas faites à la fin de la période.",
        breakdown={kind: waiting.get(kind, 0) for kind in REFERRAL_KINDS})

    delays = {r["kind"]: {"mean_days": _round(r["mean"]), "count": r["n"]} for r in db.query(
        f"SELECT kind, count(*) AS n, avg(julianday(decided_on) - julianday({_RECEIPT})) AS mean FROM requests "
        f"WHERE status IN ('granted', 'refused') AND decided_on BETWEEN :s AND :e AND {_RECEIPT} IS NOT NULL{linked} "
        "GROUP BY kind", p)}
    add("delay.decision", "Délai moyen entre réception par la caisse et décision (jours)", [S001_ART5, S000_VI],
        "Décisions (accord ou refus) de la période ; réception = dépôt, ou transmission quand le dossier "
        "a été déposé dans une PASS.", breakdown=delays)
    row = db.execute("SELECT count(*), avg(julianday(transmitted_on) - julianday(filed_on)) FROM requests "
                     f"WHERE via_pass AND transmitted_on BETWEEN :s AND :e{linked}", p).fetchone()
    add("delay.pass_transmission", "Délai moyen de transmission à la CPAM des demandes reçues en PASS (jours)",
        S000_ART5, "Transmissions de la période.", breakdown={"mean_days": _round(row[1]), "count": row[0]})

    lost = db.execute(
        f"SELECT count(*) FROM cases c WHERE {active} AND last_activity_on < :cutoff "
        "AND (closed_on IS NULL OR closed_on > :e) AND EXISTS (SELECT 1 FROM requests "
        f"WHERE case_id = c.id AND created_on <= :e AND {_OUTCOME} = 'pending')", p).fetchone()[0]
    add("lost_to_follow_up", "Personnes perdues de vue", S000_VI,
        f"Personnes de la file active avec une demande en cours à la fin de la période et sans activité "
        f"depuis plus de {lost_after_months} mois (depuis le {numeric_date(date.fromisoformat(p['cutoff']), 'fr')}).", value=lost)

    return {"period": {"from": p["s"], "to": p["e"]}, "indicators": indicators,
            "demonstrations": {"included": include_demo, "cases": demo_cases}}


def _sum_by(rows: list[dict], key: str, value: str = "n") -> dict:
    totals: dict = {}
    for row in rows:
        totals[row[key]] = totals.get(row[key], 0) + row[value]
    return dict(sorted(totals.items()))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
