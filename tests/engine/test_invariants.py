"""Property tests: periods never overlap the rights they follow, whatever the situation.

Each generated situation is evaluated and the output compared with the input: an AME or CSS
start never falls on or before the end of the AME or CSS the person held, nor inside a
maintained PUMa; no start precedes the arrival in France; a CSS never starts before the PUMa
it rests on and never outlives it; urgent care only for a foreign person's hospital stay.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from assistant.dates import add_days, add_months
from assistant.engine import evaluate
from assistant.validation import SituationError, parse_situation
from tests.engine.strategies import SITUATIONS, TIMELINES


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def maintained_until(s: dict, app: date) -> date | None:
    """End of the PUMa rights maintained after losing the right to stay, computed from the
    input alone (seed 003: 6 months, 2 after a final OQTF), for a person said to be insured."""
    person, coverage = s.get("person", {}), s.get("coverage", {})
    if coverage.get("puma") != "open" or person.get("nationality") == "french":
        return None
    if person.get("right_to_stay") in ("yes", "asylum_seeker") or person.get("oqtf_final") is None:
        return None
    lost = [_day(person[k]) for k in ("permit_expired_on", "asylum_ended_on") if person.get(k)]
    if not lost and person.get("irregular_since"):
        lost = [add_days(_day(person["irregular_since"]), -1)]
    if not lost:
        return None
    return add_months(max(lost), 2 if person["oqtf_final"] else 6)


def overlaps(s: dict, out: dict) -> list[str]:
    found = []
    person, coverage, care = s.get("person", {}), s.get("coverage", {}), s.get("care", {})
    dated = ("effective_date", "eligible_from", "until")
    covs = {c["id"]: {k: _day(v) if k in dated else v for k, v in c.items()} for c in out["coverages"]}
    puma, css, ame, dsuv = covs["puma"], covs["css"], covs["ame"], covs["dsuv"]
    app = _day(out["application_date"])
    arrival = _day(person.get("arrival_date"))
    for c in covs.values():
        if arrival and c["effective_date"] and c["effective_date"] < arrival:
            found.append(f"{c['id']} starts {c['effective_date']}, before the arrival {arrival}")
    ame_until = _day(coverage.get("ame_until"))
    if coverage.get("ame") == "open" and ame_until and ame_until < app and ame["effective_date"]:
        if ame["effective_date"] <= ame_until:
            found.append(f"AME from {ame['effective_date']} while the previous AME ran until {ame_until}")
    css_until = _day(coverage.get("css_until"))
    if coverage.get("complementary") == "css" and css_until and css_until < app and css["effective_date"]:
        if css["effective_date"] <= css_until:
            found.append(f"CSS from {css['effective_date']} while the previous CSS ran until {css_until}")
    end = maintained_until(s, app)
    if end and ame["effective_date"] and ame["effective_date"] <= end:
        found.append(f"AME from {ame['effective_date']} inside the PUMa maintained until {end}")
    if end and app <= end and coverage.get("complementary") != "css" and css["status"] in ("eligible", "not_yet"):
        found.append(f"a new CSS offered during the PUMa maintained until {end}")
    since = _day(coverage.get("puma_since"))
    if css["effective_date"]:
        if puma["status"] == "open" and since and css["effective_date"] < since:
            found.append(f"CSS from {css['effective_date']} before the PUMa open since {since}")
        if puma["status"] == "eligible" and (puma["effective_date"] is None or css["effective_date"] < puma["effective_date"]):
            found.append(f"CSS from {css['effective_date']} before the PUMa it rests on ({puma['effective_date']})")
    if puma["until"] and css["until"] and css["until"] > puma["until"]:
        found.append(f"CSS until {css['until']} outlives the PUMa until {puma['until']}")
    if dsuv["status"] == "eligible":
        if person.get("nationality") == "french" or not care.get("hospital_admission"):
            found.append("urgent care for a French national or without a hospital stay")
        since_then = since is None or since <= _day(care["hospital_admission"])
        if ame["status"] == "open" or (puma["status"] == "open" and since_then):
            found.append("urgent care for a stay the PUMa or the AME covered")
    if person.get("nationality") == "french" and ame["status"] in ("eligible", "not_yet", "open"):
        found.append(f"AME {ame['status']} for a French national")
    return found


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(TIMELINES, TIMELINES, TIMELINES, SITUATIONS))
def test_periods_never_overlap_the_rights_they_follow(kb, data):
    situation, on = data
    try:
        parsed = parse_situation(situation, on)
    except SituationError:
        event("refused as incoherent input")
        return
    event("evaluated")
    out = evaluate(parsed, on=on, kb=kb)
    assert overlaps(situation, out) == []
