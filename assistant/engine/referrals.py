"""Referrals: MisAS, the Assurance maladie social service, a PASS, domiciliation.

Each referral is recommended (all its conditions hold), to check (none fails but some facts
are unknown: listed in order, the gating ones first), or excluded (always with the reason).
"""

from __future__ import annotations

from assistant.engine.context import Context, Outcome

PENDING = ("eligible", "not_yet")


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
    return [_misas(ctx, puma, ame), _service_social(ctx, puma, ame), _pass(ctx, puma, ame), _domiciliation(ctx)]


def _excluded(ctx: Context, r: Referral, item_id: str, **params) -> Referral:
    r.status = "excluded"
    ctx.say(r, item_id, **params)
    return r


def _to_check(r: Referral, *paths: str) -> Referral:
    r.status = "to_check"
    r.need(*paths)
    return r


def _coverage_first(ctx: Context, puma: Outcome) -> list[str]:
    """What to find out when the PUMa is undecided: whether the person is already covered
    (PUMa, AME) comes before the facts that would open new rights (activity, arrival)."""
    first = [path for path in ("coverage.puma", "coverage.ame") if not ctx.known(path)]
    return first or puma.missing


def _misas(ctx: Context, puma: Outcome, ame: Outcome) -> Referral:
    r = Referral("misas")
    insured = puma.status in ("open", "eligible")
    ame_beneficiary = ame.status in ("open", "eligible") and not insured
    if ame_beneficiary and not ctx.value("misas.serves_ame"):
        return _excluded(ctx, r, "misas.serves_ame")
    if not (insured or ame_beneficiary):
        if puma.status == "to_check":  # may well be insured: find out first
            return _to_check(r, *_coverage_first(ctx, puma))
        return _excluded(ctx, r, "misas.no_rights_yet")
    difficulties = ctx.get("difficulties")
    if difficulties is None:
        return _to_check(r, "difficulties")
    if not difficulties:
        return _excluded(ctx, r, "misas.no_difficulty")
    consent = ctx.get("consent_to_referral")
    if consent is False:
        return _excluded(ctx, r, "misas.no_consent")
    what = ", ".join(ctx.phrase("misas.difficulty_labels", d) for d in difficulties)
    ctx.say(r, "misas.entry", what=what)
    if ame_beneficiary:
        ctx.say(r, "misas.serves_ame")
    ctx.say(r, "misas.consent")
    r.status = "recommended"
    r.consent = "given" if consent else "to_ask"
    if consent is None:
        r.need("consent_to_referral")
    return r


def _service_social(ctx: Context, puma: Outcome, ame: Outcome) -> Referral:
    r = Referral("service_social")
    why = lambda key, **params: ctx.phrase("service_social.exclusion_labels", key, **params)  # noqa: E731
    if puma.status != "open" and (ame.status in ("open", "eligible") or ctx.get("coverage.ame") == "open"):
        # The service serves general-scheme insured people: nothing to ask a person (or a
        # child) covered by the AME alone.
        return _excluded(ctx, r, "service_social.excluded", why=why("ame"))
    checks, unknown = [], []

    def check(value, path, key, **params):
        """value True: condition holds; False: excluded (the `key` label); None: unknown (path asked)."""
        if value is None:
            unknown.append(path)
        elif not value:
            checks.append(why(key, **params))

    age = ctx.age
    ages = ctx.value("service_social.min_age")
    if age is None:
        check(None, "person.age", "")
    elif age < ages["adult"]:
        if age < ages["emancipated_or_apprentice"]:
            check(False, "person.age", "too_young", age=age)
        else:
            check(ctx.get("person.emancipated_or_apprentice"), "person.emancipated_or_apprentice",
                  "minor_not_emancipated", age=age)
    if checks:
        return _excluded(ctx, r, "service_social.excluded", why=ctx.list_separator.join(checks))
    if unknown:  # age and emancipation gate the rest: a minor is not asked the other items
        return _to_check(r, *unknown)
    if puma.status == "to_check":  # may well be insured
        return _to_check(r, *_coverage_first(ctx, puma))
    if puma.status != "open":  # the service serves people already insured
        return _excluded(ctx, r, "service_social.excluded", why=why("not_insured"))
    check(ctx.get("coverage.regime_general"), "coverage.regime_general", "not_general_scheme")
    check(ctx.get("social.health_impacts_life"), "social.health_impacts_life", "no_health_impact")
    check(ctx.get("social.expressed_request"), "social.expressed_request", "no_request")
    items = ctx.get("social.fragility_items")
    check(None if items is None else bool(items), "social.fragility_items", "no_fragility")
    followed = ctx.get("social.followed_by") or []
    who = ", ".join(ctx.phrase("service_social.followed_by_labels", f) for f in followed)
    check(not followed, "social.followed_by", "followed", who=who)
    check(not ctx.get("social.administrative_only"), "social.administrative_only", "administrative_only")
    check(ctx.get("consent_to_referral") is not False, "consent_to_referral", "no_consent")
    if checks:
        return _excluded(ctx, r, "service_social.excluded", why=ctx.list_separator.join(checks))
    if unknown:
        return _to_check(r, *unknown)
    listed = [f"{i}. {ctx.phrase('service_social.items', i - 1)}" for i in sorted(set(items))]
    ctx.say(r, "service_social.eligible", age=age, count=len(items), items=ctx.list_separator.join(listed))
    r.status = "recommended"
    # Exclusions are exceptions: confirm them with the person if they were not stated.
    r.need(*[p for p in ("social.followed_by", "social.administrative_only", "consent_to_referral")
             if not ctx.known(p)])
    r.consent = "given" if ctx.get("consent_to_referral") else "to_ask"
    return r


def _pass(ctx: Context, puma: Outcome, ame: Outcome) -> Referral:
    """A PASS while no coverage can be used for care now: no rights at all, rights pending, or
    the PUMa alone (no complementary) in a precarious situation. Never on income alone."""
    r = Referral("pass")
    css = ctx.outcomes["css"]
    if ame.status == "open":
        return _excluded(ctx, r, "pass.covered_ame")
    if "visa" in (puma.block, ame.block):
        return _excluded(ctx, r, "pass.visa")
    if puma.block in ("posted", "rights_abroad"):
        return _excluded(ctx, r, "pass.rights_abroad")
    complementary = ctx.get("coverage.complementary")
    signs = _precarity(ctx, puma, ame, css)
    if puma.status == "open":
        if complementary == "private" or css.status == "open":
            return _excluded(ctx, r, "pass.covered")
        if complementary is None:
            return _to_check(r, "coverage.complementary")
        if css.status in PENDING:
            gap = "partial_pending"
        elif css.status == "to_check" and css.missing:
            return _to_check(r, *css.missing)
        elif set(signs) - {"under_css_ceiling", "under_ame_ceiling"}:  # not on income alone
            gap = "partial"  # PUMa alone with no CSS in sight, in a precarious situation
        else:
            return _excluded(ctx, r, "pass.partial_not_precarious")
    elif "eligible" in (puma.status, ame.status):  # to request now, not usable yet
        gap = "pending"
    elif puma.status == "to_check":  # may well be insured: find out first
        return _to_check(r, *_coverage_first(ctx, puma))
    elif ame.status == "to_check":  # no usable coverage today, whatever the AME turns out to be
        gap = "no_coverage"
    else:
        gap = "no_rights"
    why = ctx.list_separator.join([ctx.phrase("pass.reason_labels", gap),
                                   *(ctx.phrase("pass.reason_labels", s) for s in signs)])
    item = {"no_rights": "pass.recommended_no_rights", "partial": "pass.recommended_partial",
            "no_coverage": "pass.recommended_no_coverage"}.get(gap, "pass.recommended_pending")
    ctx.say(r, item, why=why)
    r.status = "recommended"
    return r


def _precarity(ctx: Context, puma: Outcome, ame: Outcome, css: Outcome) -> list[str]:
    """Signs of precarity other than the coverage gap (labels of `pass.reason_labels`)."""
    signs = []
    if ctx.get("housing.stable_address") is False:
        signs.append("no_address")
    if ctx.right_to_stay in ("no", "asylum_seeker") or ctx.maintenance is not None:
        signs.append("precarious_stay")
    if css.status in PENDING and css.participation_monthly == 0:
        signs.append("under_css_ceiling")
    elif ame.status in PENDING:
        signs.append("under_ame_ceiling")
    if "rsa" in (ctx.get("resources.benefits") or ()):
        signs.append("rsa")
    if set(ctx.get("difficulties") or ()) & {"care_cost", "renounced_care"}:
        signs.append("renounced_care")
    in_hospital = ctx.get("care.hospital_admission") and not ctx.get("care.hospital_discharge")
    if ctx.get("care.urgent_need") or in_hospital:
        signs.append("care_needed_now")
    return signs


def _domiciliation(ctx: Context) -> Referral:
    r = Referral("domiciliation")
    stable = ctx.get("housing.stable_address")
    if stable:
        return _excluded(ctx, r, "domiciliation.stable_address")
    if ctx.get("housing.domiciliation"):
        return _excluded(ctx, r, "domiciliation.held")
    if stable is None:
        return _to_check(r, "housing.stable_address")
    ctx.say(r, "domiciliation.needed")
    r.status = "recommended"
    if ctx.get("housing.domiciliation") is None:
        r.need("housing.domiciliation")
    return r
