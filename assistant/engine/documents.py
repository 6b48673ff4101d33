"""The supporting documents to attach, per coverage being requested (seed 002's AME lists,
seed 000's request files, seed 003 for PUMa/CSS, seed 002 for EU inactive citizens)."""

from __future__ import annotations

from assistant.engine.context import Context

REQUESTED = ("eligible", "not_yet")


def checklist(ctx: Context) -> tuple[list[dict], list[str]]:
    """(documents, facts that would change the list)."""
    wanted: dict[str, list[str]] = {}
    needed: list[str] = []

    def add(coverage: str, *doc_ids: str) -> None:
        for doc_id in doc_ids:
            wanted.setdefault(doc_id, [])
            if coverage not in wanted[doc_id]:
                wanted[doc_id].append(coverage)

    o = ctx.outcomes
    # without a stable address the domiciliation attestation is the address (held or to get)
    no_address = ctx.get("housing.stable_address") is False or bool(ctx.get("housing.domiciliation"))
    in_hospital = ctx.get("care.hospital_admission") is not None and ctx.get("care.hospital_discharge") is None
    if o["puma"].status in REQUESTED:
        activity = ctx.get("person.activity")
        add("puma", "form_s1106", "identity")
        if ctx.nationality not in ("french", "eu"):
            add("puma", "right_to_stay_proof")
        if activity in ("employed", "self_employed"):
            add("puma", "activity_proof")
        elif activity != "student" and not ctx.get("person.family_reunification") and not ctx.is_minor:
            add("puma", "residence_3_months")
        eu_inactive = ctx.nationality == "eu" and ctx.get("person.right_to_stay") is None
        if eu_inactive and activity not in ("employed", "self_employed", "student"):
            add("puma", "form_eu_inactive", "end_of_rights_abroad", "resources_12_months", "tax_notice")
    if o["css"].status in REQUESTED:
        add("css", "form_css", "resources_12_months")
        if ctx.marks.get("css_hospital_limit"):
            add("css", "care_proof")
    ame = o["ame"]
    if ame.status in REQUESTED:
        add("ame", "form_ame", "identity")
        if ctx.age is None or ctx.age >= 16:  # photo of each person aged 16 or more
            add("ame", "photo")
        if not ctx.is_minor:
            add("ame", "residence_3_months", "resources_12_months")
            add("ame", "cohabitant_declaration")  # its label says: only if a cohabitant is declared
        if ame.effective_date and ame.effective_date < ctx.app:  # proof of the past stay or care
            add("ame", "care_proof")
        # Priority processing is for care needed now or ahead, not for a stay that is over.
        if ctx.get("care.urgent_need") or in_hospital:
            add("ame", "medical_certificate")
        elif ctx.get("care.urgent_need") is None:
            needed.append("care.urgent_need")
        if in_hospital:  # the establishment files for the person
            add("ame", "hospital_impossibility_attestation")
    dsuv = o["dsuv"]
    if dsuv.status == "eligible":
        if dsuv.basis in ("asylum", "before_puma", "puma_later"):  # no AME request: the regular stay is the proof
            add("dsuv", "right_to_stay_proof" if ctx.nationality != "eu" else "identity")
        else:
            add("dsuv", "ame_refusal")
    if wanted and no_address:
        for coverage in {c for covs in wanted.values() for c in covs}:
            add(coverage, "domiciliation_proof")
    if wanted and ctx.get("housing.stable_address") is None:
        needed.append("housing.stable_address")
    return [_document(ctx, doc_id, covs) for doc_id, covs in wanted.items()], needed


def _document(ctx: Context, doc_id: str, coverages: list[str]) -> dict:
    return {"id": doc_id, "for": coverages, **ctx.kb.document_text(doc_id, ctx.lang)}
