"""What the app's consultation records: case number on the result, referrals made with Ctrl+R,
a follow-up from the result that asks before replacing it, resuming by number, demonstrations."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from chat_driver import asking, bubbles, type_answer
from click.testing import CliRunner
from textual.widgets import Static

from assistant.store.caselog import CaseLog
from assistant.store.errors import CaseNotFound
from assistant.ui.app import make_app
from assistant.ui.screens.referral_made import ReferralMadeScreen
from assistant.ui.screens.replace_result import ReplaceResultScreen
from assistant.ui.screens.result import ResultScreen

SIZE = (100, 32)
MISAS = {"purpose": "4", "age": "40", "nationality": "française", "activity": "salarié", "arrival_date": "il y a 20 ans", "difficulties": "droits, renoncement", "regime_general": "oui",
         "health_impacts_life": "oui", "expressed_request": "non", "stable_address": "non", "domiciliation": "non",
         "consent": "oui", "puma": "oui"}
AME_RETRO = {"purpose": "1", "nationality": "hors UE", "right_to_stay": "sans papiers", "age": "30", "sex": "femme",
             "puma": "non", "irregular_since": "il y a 5 mois", "arrival_date": "12/09/2024", "ame": "non",
             "annual_resources": "800 par mois", "hospital_admission": "1", "care_date": "12 février 2025",
             "urgent_need": "non", "vital_emergency": "non"}


async def answer_all(app, pilot, answers: dict) -> None:
    await pilot.pause()
    for _ in range(40):
        if asking(app) is None:
            break
        await type_answer(pilot, answers.get(asking(app), "?"))
    assert isinstance(app.screen, ResultScreen), bubbles(app)[-4:]


async def test_the_result_shows_the_case_number_and_ctrl_r_marks_a_referral_made(launch, tmp_path):
    app = make_app(launch())
    async with app.run_test(size=SIZE) as pilot:
        await answer_all(app, pilot, MISAS)
        case_id = app.consultation.case_id
        assert f"dossier n° {case_id}" in str(app.screen.query_one("#result-title", Static).render())
        await pilot.press("r")  # a letter too many after the last answer does nothing
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ReferralMadeScreen)  # MisAS and domiciliation proposed: which one?
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        await pilot.press("ctrl+r")  # the one left needs no choice
        await pilot.pause()
    with CaseLog(tmp_path / "cases.db") as log:
        referrals = log.get_case(case_id)["referrals"]
    assert [(r["kind"], r["status"]) for r in referrals] == [("misas", "made"), ("domiciliation", "made")]


async def test_the_slip_carries_the_case_number(launch, tmp_path):
    app = make_app(launch())
    async with app.run_test(size=SIZE) as pilot:
        await answer_all(app, pilot, MISAS)
        app.screen.action_export()
        await app.workers.wait_for_complete()  # the slip is written in a thread
        case_id = app.consultation.case_id
    assert f"Dossier n° : {case_id}" in (tmp_path / "fiches" / f"fiche-{case_id}.md").read_text(encoding="utf-8")


async def test_a_follow_up_from_the_result_asks_before_replacing_it(launch, tmp_path):
    app = make_app(launch())
    async with app.run_test(size=SIZE) as pilot:
        await answer_all(app, pilot, AME_RETRO)
        case_id = app.consultation.case_id
        app.screen.dismiss("renewal")  # the follow-up dialog, opened from the result
        await pilot.pause()
        assert asking(app) == "followup"
        await pilot.press("1")  # "an AME that ends": the AME would be open, not to request
        await pilot.pause()
        assert isinstance(app.screen, ReplaceResultScreen)
        await pilot.press("enter")  # the focus is on "keep": a stray Enter keeps the result
        await pilot.pause()
        assert asking(app) == "followup" and "Réponse non prise en compte" in bubbles(app, "note")[-1]
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("tab", "enter")  # replacing takes a move first
        await pilot.pause()
        assert not isinstance(app.screen, ReplaceResultScreen) and asking(app) != "followup"
        await answer_all(app, pilot, {"ame_until": "30/06/2025"})  # no more asking: the agent chose to replace
    with CaseLog(tmp_path / "cases.db") as log:
        coverages = {c["id"]: c["status"] for c in log.get_case(case_id)["assessment"]["coverages"]}
    assert coverages["ame"] == "open"


async def test_a_case_resumes_by_its_number_typed_in_lower_case(launch, tmp_path):
    with CaseLog(tmp_path / "cases.db") as log:
        case_id = log.create_case(dialog={"format": 1, "on": "2025-02-01", "transcript": ["purpose"], "added": [],
                                          "answers": {"purpose": {"set": {"case.purpose": "rights"}, "option": "rights"}}})
    app = make_app(launch(case_id=case_id.lower().replace("-", "")))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.consultation.case_id == case_id and asking(app) == "nationality"
    with pytest.raises(CaseNotFound, match="Le dossier ZZZZ-ZZZZ n'existe pas."):
        make_app(launch(case_id="ZZZZ-ZZZZ"))


def test_app_case_unknown_says_plainly_it_does_not_exist(tmp_path):
    from assistant.cli import cli

    CaseLog(tmp_path / "cases.db").close()
    result = CliRunner().invoke(cli, ["app", "--db", str(tmp_path / "cases.db"), "--case", "UNKNOWN"])
    assert (result.exit_code, result.stderr) == (2, "Le dossier UNKNOWN n'existe pas.\n")


async def test_the_report_screen_leaves_demonstrations_out_unless_asked(launch, tmp_path):
    clock = lambda: datetime(2025, 2, 1, 10, tzinfo=timezone.utc)  # noqa: E731
    with CaseLog(tmp_path / "cases.db", clock=clock) as log:
        log.create_case(demo=True)
        log.refer(log.create_case(), "misas", on=date(2025, 2, 1))
    app = make_app(launch())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#report-text", Static).render())
        assert "1 consultation(s) de démonstration (--on) laissée(s) de côté." in text
        assert "File active : 1" in text
        await pilot.press("f3")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one("#report-text", Static).render())
        assert "1 consultation(s) de démonstration (--on) comptée(s) dans ce rapport." in text
        assert "File active : 2" in text
