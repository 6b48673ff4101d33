"""Where a slip's facts come from besides the assessment: the site settings (structure, agent,
département), the local directory, and, for `cases slip`, the case log's record."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from assistant.directory.lookup import Directory, load
from assistant.site import SiteSettings, SiteSettingsError, load_site
from assistant.slip.content import Context, Slip, build


@dataclass(frozen=True)
class Place:
    """The site as its settings and its directory describe it."""

    site: SiteSettings
    directory: Directory
    problems: list[str] = field(default_factory=list)  # settings that could not be read, to tell the agent


def place() -> Place:
    """The data folder's settings and directory; a damaged file is told, never raised."""
    try:
        site, problems = load_site(), []
    except SiteSettingsError as error:
        site, problems = SiteSettings(), [str(error)]
    return Place(site, load(site.departement), problems)


def checklist(dialog: dict | None) -> dict[str, bool]:
    """Document id -> whether the person has it, from a saved dialog state (its checklist answers)."""
    from assistant.dialogs.model import CASE
    from assistant.dialogs.runner import CHECKLIST

    out = {}
    for question_id, answer in ((dialog or {}).get("answers") or {}).items():
        if question_id.startswith(CHECKLIST) and isinstance(answer, dict) and not answer.get("unknown"):
            doc_id = question_id.removeprefix(CHECKLIST)
            value = (answer.get("set") or {}).get(f"{CASE}has_{doc_id}")
            if isinstance(value, bool):
                out[doc_id] = value
    return out


def from_case(case: dict, where: Place) -> Slip:
    """The slip of a case of the log (`CaseLog.get_case`); the case must have an assessment."""
    assessment = case["assessment"]
    day = assessment.get("evaluated_on") or case.get("opened_on")
    context = Context(
        on=date.fromisoformat(day) if day else date.today(),
        case_id=case.get("id"),
        agent=case.get("agent") or where.site.agent,
        structure=where.site.structure,
        checklist=checklist(case.get("dialog")),
    )
    return build(assessment, context, where.directory)
