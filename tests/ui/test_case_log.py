"""The chat saves each answer to the case log as it is given, and resumes a saved case."""

from chat_driver import asking, bubbles, type_answer

from assistant.store.caselog import CaseLog
from assistant.ui.app import make_app
from assistant.ui.screens.confirm import ConfirmScreen


async def test_answers_are_saved_as_given_and_the_case_resumes(launch, tmp_path):
    app = make_app(launch())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.consultation.case_id is None  # opening the app records nothing
        await pilot.press("1")
        await type_answer(pilot, "hors UE")
        case_id = app.consultation.case_id
    with CaseLog(tmp_path / "cases.db") as log:
        case = log.get_case(case_id)
    assert case["answers"] == {"purpose": {"set": {"case.purpose": "rights"}, "option": "rights"},
                               "nationality": {"set": {"person.nationality": "non_eu"}, "option": "non_eu"}}
    assert case["dialog"]["position"] == "right_to_stay"
    assert case["situation"] == {"person": {"nationality": "non_eu"}}

    resumed = make_app(launch(case_id=case_id))
    async with resumed.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert asking(resumed) == "right_to_stay"
        assert bubbles(resumed, "agent") == ["Ouvrir des droits (première demande)", "Hors Union européenne"]
        await type_answer(pilot, "sans papiers")
        assert resumed.consultation.case_id == case_id


async def test_history_opens_a_case_and_ctrl_n_starts_a_new_one(launch, tmp_path):
    with CaseLog(tmp_path / "cases.db") as log:
        case_id = log.create_case(dialog={"format": 1, "on": "2025-02-01", "transcript": ["purpose"], "added": [],
                                          "answers": {"purpose": {"set": {"case.purpose": "rights"}, "option": "rights"}}})
    app = make_app(launch())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.consultation.case_id == case_id
        assert app.runner.state.on.isoformat() == "2025-02-01"  # the case keeps its evaluation date
        assert asking(app) == "nationality"
        await pilot.press("ctrl+n")  # in the middle of a consultation: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and case_id in app.screen.message
        await pilot.press("right", "enter")  # from "Continuer celle-ci" to "Nouvelle consultation"
        await pilot.pause()
        assert app.consultation.case_id is None and asking(app) == "purpose"


async def test_a_damaged_case_log_is_reported_and_the_consultation_goes_on(launch, tmp_path):
    (tmp_path / "cases.db").write_bytes(b"this is not a database" * 100)
    app = make_app(launch())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.case_log is None
        assert any("cases repair" in n.message for n in app._notifications)
        await pilot.press("1")
        await type_answer(pilot, "hors UE")
        assert asking(app) == "right_to_stay"
    assert (tmp_path / "cases.db").read_bytes() == b"this is not a database" * 100  # left untouched


async def test_answers_given_before_the_case_log_opens_are_kept_and_attributed(launch, tmp_path):
    """Type-ahead in a terminal, or a browser tab that answers at once: the first answers come
    before the case log has opened (after the first paint); they wait and are written then."""
    app = make_app(launch(agent="MARIE"))
    connect, app.connect_log = app.connect_log, lambda: None  # the log opens when this test says
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await type_answer(pilot, "hors UE")
        assert app.case_log is None and app.consultation.case_id is None and app.consultation.unsaved
        connect()
        case_id = app.consultation.case_id
        assert case_id is not None and not app.consultation.unsaved
        await type_answer(pilot, "sans papiers")
    with CaseLog(tmp_path / "cases.db") as log:
        case = log.get_case(case_id)
    assert list(case["answers"]) == ["purpose", "nationality", "right_to_stay"]
    assert case["agent"] == "MARIE"
