"""Referrals: MisAS, the Assurance maladie social service, a PASS, domiciliation.

Each referral is recommended (all its conditions hold), to check (none fails but some facts
are unknown: listed in order, the gating ones first), or excluded (with the reason).
"""

from __future__ import annotations

from assistant.engine.context import Context, Outcome


class Referral(Outcome):
    __slots__ = ("consent",)

    def __init__(self, referral_id: str):
        super().__init__(referral_id)
        self.consent: str | None = None

    def to_dict(self) -> dict:
        out = {"id": self.id, "reasons": self.reasons, "sources": self.sources}
        if self.consent:
            out["consent"] = self.consent
        if self.missing:
            out["missing"] = self.missing
        return out


def assess(ctx: Context) -> list[Referral]:
    puma, ame = ctx.outcomes["puma"], ctx.outcomes["ame"]
    return [_misas(ctx, puma, ame), _service_social(ctx, ame), _pass(ctx, puma, ame), _domiciliation(ctx)]


def _misas(ctx: Context, puma: Outcome, ame: Outcome) -> Referral:
    r = Referral("misas")
    insured = puma.status in ("open", "eligible")
    ame_beneficiary = ame.status in ("open", "eligible") and not insured
    if ame_beneficiary and not ctx.value("misas.serves_ame"):
        r.status = "excluded"
        ctx.say(r, "misas.serves_ame")
        return r
    if not (insured or ame_beneficiary):
        if puma.status == "to_check":  # may well be insured: find out first
            r.status = "to_check"
            r.need(*puma.missing)
        else:
            r.status = "excluded"
            ctx.say(r, "misas.no_rights_yet")
        return r
    difficulties = ctx.get("difficulties")
    if difficulties is None:
        r.status = "to_check"
        r.need("difficulties")
        return r
    if not difficulties:
        r.status = "excluded"
        return r
    consent = ctx.get("consent_to_referral")
    if consent is False:
        r.status = "excluded"
        return r
    labels = ctx.value("misas.difficulty_labels")
    what = ", ".join(labels[d].get(ctx.lang) or labels[d]["fr"] for d in difficulties)
    ctx.say(r, "misas.entry", what=what)
    if ame_beneficiary:
        ctx.say(r, "misas.serves_ame")
    ctx.say(r, "misas.consent")
    r.status = "recommended"
    r.consent = "given" if consent else "to_ask"
    if consent is None:
        r.need("consent_to_referral")
    return r


def _service_social(ctx: Context, ame: Outcome) -> Referral:
    r = Referral("service_social")
    checks, unknown = [], []

    def check(value, path, why=None):
        """value True: condition holds; False: excluded (why); None: unknown (path asked)."""
        if value is None:
            unknown.append(path)
        elif not value:
            checks.append(why or ctx.field_label(path))

    age = ctx.age
    ages = ctx.value("service_social.min_age")
    if age is None:
        check(None, "person.age")
    elif age < ages["adult"]:
        if age < ages["emancipated_or_apprentice"]:
            check(False, "person.age", f"{age} ans")
        else:
            emancipated = ctx.get("person.emancipated_or_apprentice")
            check(emancipated, "person.emancipated_or_apprentice", f"mineur de {age} ans non émancipé ni apprenti")
    if checks:
        return _excluded(ctx, r, checks)
    if unknown:  # age and emancipation gate the rest: a minor is not asked the other items
        r.status = "to_check"
        r.need(*unknown)
        return r
    puma = ctx.outcomes["puma"]
    if puma.status == "to_check" and ctx.get("coverage.ame") != "open":  # may well be insured
        r.status = "to_check"
        r.need(*puma.missing)
        return r
    if puma.status != "open":  # the service serves people already insured
        ame_only = ctx.get("coverage.ame") == "open" or ame.status == "eligible"
        return _excluded(ctx, r, ["bénéficiaire de l'AME" if ame_only else "pas (encore) assuré social"])
    check(ctx.get("coverage.regime_general"), "coverage.regime_general", "pas assuré du régime général")
    check(ctx.get("social.health_impacts_life"), "social.health_impacts_life", "santé sans incidence sur la vie")
    check(ctx.get("social.expressed_request"), "social.expressed_request", "pas de demande exprimée")
    items = ctx.get("social.fragility_items")
    check(None if items is None else bool(items), "social.fragility_items", "aucun item de fragilité")
    followed = ctx.get("social.followed_by") or []
    check(not followed, "social.followed_by", "déjà suivi (" + ", ".join(followed) + ")")
    check(not ctx.get("social.administrative_only"), "social.administrative_only", "problème uniquement administratif")
    check(ctx.get("consent_to_referral") is not False, "consent_to_referral", "pas d'accord de la personne")
    if checks:
        return _excluded(ctx, r, checks)
    if unknown:
        r.status = "to_check"
        r.need(*unknown)
        return r
    item_labels = ctx.value("service_social.items")
    ctx.say(r, "service_social.eligible", age=age, count=len(items),
            items="; ".join(f"{i}. {item_labels[i - 1]}" for i in sorted(set(items))))
    r.status = "recommended"
    # Exclusions are exceptions: confirm them with the person if they were not stated.
    r.need(*[p for p in ("social.followed_by", "social.administrative_only", "consent_to_referral")
             if not ctx.known(p)])
    r.consent = "given" if ctx.get("consent_to_referral") else "to_ask"
    return r


def _excluded(ctx: Context, r: Referral, why: list[str]) -> Referral:
    r.status = "excluded"
    ctx.say(r, "service_social.excluded", why="; ".join(why))
    return r


def _pass(ctx: Context, puma: Outcome, ame: Outcome) -> Referral:
    r = Referral("pass")
    css = ctx.outcomes["css"]
    covered = puma.status == "open" or ame.status == "open"
    partial = puma.status == "open" and css.status != "open" and ctx.get("coverage.complementary") == "none"
    if covered and not partial:
        r.status = "excluded"
        return r
    openable = {puma.status, ame.status} & {"eligible", "open"}
    why = []
    if not covered and not openable and "to_check" not in (puma.status, ame.status):
        why.append("aucun droit ouvrable aujourd'hui")
    if ctx.get("housing.stable_address") is False:
        why.append("sans adresse stable")
    if ctx.right_to_stay in ("no", "asylum_seeker"):
        why.append("séjour précaire (sans titre ou demande d'asile)")
    amount = ctx.get("resources.annual")
    if amount is not None and css.status in ("eligible", "not_yet") and css.participation_monthly == 0:
        why.append("ressources sous le plafond de la CSS gratuite")
    elif amount is not None and ame.status in ("eligible", "not_yet"):
        why.append("ressources sous le plafond de l'AME")
    if set(ctx.get("resources.benefits") or ()) & {"rsa"}:
        why.append("bénéficiaire du RSA")
    if set(ctx.get("difficulties") or ()) & {"care_cost", "renounced_care"}:
        why.append("renoncement aux soins ou difficulté à les payer")
    if not why:
        r.status = "excluded"
        return r
    gap = "couverture partielle (PUMa sans complémentaire)" if partial else "pas de couverture ouverte"
    ctx.say(r, "pass.recommended", why=" ; ".join([*why, gap]))
    r.status = "recommended"
    return r


def _domiciliation(ctx: Context) -> Referral:
    r = Referral("domiciliation")
    if ctx.get("housing.stable_address") is not False or ctx.get("housing.domiciliation"):
        r.status = "excluded"
        return r
    ctx.say(r, "domiciliation.needed")
    r.status = "recommended"
    if ctx.get("housing.domiciliation") is None:
        r.need("housing.domiciliation")
    return r
