"""The tricky points the scenarios illustrate, as trainers name them."""

from __future__ import annotations

from assistant.i18n import N_, _

TOPIC_NAMES = {
    "irregular_stay_vs_presence": N_("trois mois de séjour irrégulier ou trois mois en France"),
    "hospital_retroactivity": N_("limites de la rétroactivité après une hospitalisation"),
    "eu_inactive": N_("citoyens européens inactifs"),
    "asylum_first_months": N_("trois premiers mois des demandeurs d'asile"),
    "lost_right_to_stay": N_("perte du droit au séjour"),
    "minors": N_("mineurs"),
    "no_overlap": N_("droits successifs sans chevauchement"),
}


def topic_name(topic: str) -> str:
    return _(TOPIC_NAMES.get(topic, topic))
