"""Headless start of the installed app: the first question is painted, Ctrl+Q leaves.

Run by .ci/run with the wheel's virtual environment, from outside the source tree, so that
what is checked is what a user installs (knowledge base, dialogs, styles, catalogs).
"""

import asyncio
import sys
import tempfile
from datetime import date
from pathlib import Path

import assistant
from assistant.ui.app import make_app
from assistant.ui.config import Launch


async def main() -> int:
    if "site-packages" not in assistant.__file__:
        print(f"not the installed package: {assistant.__file__}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        launch = Launch(on=date(2026, 3, 2), export_dir=Path(tmp), db=Path(tmp) / "cases.db", blink=False)
        app = make_app(launch)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            question = app.runner.question
            if question is None:
                print("no first question", file=sys.stderr)
                return 1
            await app.workers.wait_for_complete()
            await pilot.pause()
        print(f"app started from the wheel; first question: {question.id}")
    return 0


sys.exit(asyncio.run(main()))
