"""The knowledge-base entries the code names by id: a base that lacks any of them is refused.

`load()` checks every base against these lists (so `kb validate`, `evaluate`, the app and the
dialogs refuse an incomplete one, naming what is missing). tests/knowledge/test_required.py
scans the engine, dialogs, store and app (code and dialog data) for the ids they name, and
fails when these lists and the code disagree, in either direction.
"""

from __future__ import annotations

ITEMS = frozenset({
    "ame.after_puma_maintenance", "ame.after_puma_maintenance_early",
    "ame.after_puma_maintenance_ended", "ame.after_puma_maintenance_ended_oqtf_unknown",
    "ame.duration_deemed", "ame.duration_months", "ame.effective_filing", "ame.eu_inactive",
    "ame.eu_not_yet", "ame.first_request_deposit", "ame.implicit_refusal_months",
    "ame.min_irregular", "ame.minor", "ame.minor_evaluation", "ame.national",
    "ame.not_yet_3_months", "ame.open", "ame.open_no_end", "ame.processing", "ame.puma_open",
    "ame.regular_stay", "ame.regularised", "ame.renewal_late", "ame.renewal_window_months",
    "ame.resources_ok", "ame.resources_ok_any_household", "ame.resources_over",
    "ame.retro_after_prior", "ame.retro_after_prior_in_hospital", "ame.retro_already_covered",
    "ame.retro_conditions_not_met", "ame.retro_too_late", "ame.retro_window",
    "ame.retro_window_in_hospital", "ame.visa", "ame.visa_parents", "ame.waiting_period_months",
    "css.benefit_aah", "css.benefit_aah_household", "css.benefit_activity", "css.benefit_asi",
    "css.benefit_aspa", "css.benefit_free_if_under", "css.benefit_rsa", "css.ceiling_margin",
    "css.contributive", "css.duration_months", "css.during_maintenance", "css.effective_default",
    "css.effective_urgent", "css.exists", "css.free", "css.free_any_household", "css.free_ceiling",
    "css.hospital_retro", "css.hospital_too_late", "css.household_coefficients", "css.needs_puma",
    "css.no_new_during_maintenance", "css.not_before_arrival", "css.not_before_previous",
    "css.not_before_puma", "css.open", "css.open_capped", "css.open_capped_no_end",
    "css.open_no_end", "css.over_ceiling", "css.overseas_majoration", "css.participation_factor",
    "css.participation_monthly", "css.private_contract", "css.processing", "css.renewal_automatic",
    "css.renewal_during_maintenance", "css.renewal_window_months", "css.start_needs_puma_since",
    "css.start_with_activity", "deadline.ame_anticipated_filing", "deadline.ame_decision",
    "deadline.ame_eligible_from", "deadline.ame_implicit_refusal", "deadline.ame_renewal_window",
    "deadline.ame_retro_filing_limit", "deadline.ame_waiting_period_end", "deadline.css_decision",
    "deadline.css_hospital_retro_limit", "deadline.css_renewal_window", "deadline.dsuv_asylum_end",
    "deadline.missing_documents", "deadline.pass_transmission", "deadline.puma_eligible_from",
    "deadline.puma_maintenance_end", "domiciliation.held", "domiciliation.needed",
    "domiciliation.stable_address", "dsuv.after_ame_refusal", "dsuv.ame_possible_then",
    "dsuv.asylum_after", "dsuv.asylum_first_months", "dsuv.before_ame", "dsuv.before_puma",
    "dsuv.covered_ame", "dsuv.covered_ame_open", "dsuv.covered_ame_previous", "dsuv.covered_puma",
    "dsuv.covered_puma_maintained", "dsuv.covered_puma_open", "dsuv.eligible",
    "dsuv.eu_free_movement", "dsuv.hospital_only", "dsuv.minor_evaluation", "dsuv.national",
    "dsuv.no_hospital_stay", "dsuv.not_urgent", "dsuv.pregnancy", "dsuv.puma_later",
    "dsuv.rights_abroad", "dsuv.visa", "fields.labels", "misas.consent", "misas.difficulty_labels",
    "misas.entry", "misas.no_consent", "misas.no_difficulty", "misas.no_rights_yet",
    "misas.serves_ame", "pass.covered", "pass.covered_ame", "pass.partial_not_precarious",
    "pass.reason_labels", "pass.recommended_no_coverage", "pass.recommended_no_rights",
    "pass.recommended_partial", "pass.recommended_pending", "pass.rights_abroad",
    "pass.transmission_days", "pass.visa", "puma.activity", "puma.asylum_wait",
    "puma.carte_vitale_days", "puma.eu_free_movement", "puma.eu_inactive_insufficient",
    "puma.eu_inactive_sufficient", "puma.eu_posted", "puma.eu_rights_abroad", "puma.eu_worker",
    "puma.exempt_family", "puma.exempt_minor_asylum", "puma.exempt_student", "puma.irregular",
    "puma.maintenance", "puma.maintenance_after_asylum", "puma.maintenance_ended",
    "puma.maintenance_ended_oqtf_unknown", "puma.maintenance_if_insured",
    "puma.maintenance_oqtf_unknown", "puma.minor_ase", "puma.minor_evaluation",
    "puma.minor_parents_irregular", "puma.minor_with_parents", "puma.no_retroactivity", "puma.open",
    "puma.open_no_date", "puma.residence", "puma.residence_not_yet", "puma.visa",
    "residence.min_duration", "service_social.eligible", "service_social.excluded",
    "service_social.exclusion_labels", "service_social.followed_by_labels", "service_social.items",
    "service_social.min_age", "to_check.missing", "warning.age_band_edge", "warning.stale_figure",
    "warning.unknown_figure",
})

DOCUMENTS = frozenset({
    "activity_proof", "ame_refusal", "care_proof", "cohabitant_declaration", "domiciliation_proof",
    "end_of_rights_abroad", "form_ame", "form_css", "form_eu_inactive", "form_s1106",
    "hospital_impossibility_attestation", "identity", "medical_certificate", "photo",
    "residence_3_months", "resources_12_months", "right_to_stay_proof", "tax_notice",
})


def missing(items, documents) -> list[str]:
    """The required ids absent from a base's `items` and `documents` (mappings or sets of ids)."""
    return sorted((ITEMS - set(items)) | (DOCUMENTS - set(documents)))
