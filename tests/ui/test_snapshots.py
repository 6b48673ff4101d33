"""Snapshots of the welcome, a mid-dialog and a result screen (fixed date, French, no blink).

Review `snapshot_report.html` before accepting changes with `--snapshot-update`.
"""

from chat_driver import FRENCH_ADULT, answer_until, asking

from assistant.ui.app import make_app

MID_DIALOG = ["1", *"hors UE", "enter", *"sans papiers", "enter", *"34", "enter"]


def test_welcome(snap_compare, launch):
    assert snap_compare(make_app(launch(record=False)), terminal_size=(80, 24))


def test_mid_dialog(snap_compare, launch):
    assert snap_compare(make_app(launch(record=False)), press=MID_DIALOG, terminal_size=(100, 32))


def test_result(snap_compare, launch):
    app = make_app(launch(record=False))

    async def answer_everything(pilot):
        await pilot.pause()
        await answer_until(app, pilot, FRENCH_ADULT)
        assert asking(app) is None

    assert snap_compare(app, run_before=answer_everything, terminal_size=(100, 32))
