"""Snapshots of the welcome, a mid-dialog and a result screen (fixed date, French, no blink).

Review `snapshot_report.html` before accepting changes with `--snapshot-update`.
"""

from chat_driver import asking, type_answer

from assistant.ui.app import make_app

MID_DIALOG = ["1", *"hors UE", "enter", *"sans papiers", "enter", *"34", "enter"]
FRENCH_ADULT = {"purpose": "1", "nationality": "française", "age": "40", "sex": "femme", "puma": "1", "complementary": "1",
                "ame": "2", "annual_resources": "800 par mois", "household_size": "1", "territory": "1",
                "hospital_admission": "il y a 20 jours", "hospital_discharge": "il y a 15 jours",
                "puma_since": "01/01/2018"}


def test_welcome(snap_compare, launch):
    assert snap_compare(make_app(launch(record=False)), terminal_size=(80, 24))


def test_mid_dialog(snap_compare, launch):
    assert snap_compare(make_app(launch(record=False)), press=MID_DIALOG, terminal_size=(100, 32))


def test_result(snap_compare, launch):
    app = make_app(launch(record=False))

    async def answer_everything(pilot):
        await pilot.pause()
        for _ in range(40):
            if not asking(app):
                break
            await type_answer(pilot, FRENCH_ADULT.get(asking(app), "n"))
        assert asking(app) is None

    assert snap_compare(app, run_before=answer_everything, terminal_size=(100, 32))
