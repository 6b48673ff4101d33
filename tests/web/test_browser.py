"""End to end in a real browser: Debian's Chromium, driven by Playwright, against `assistant serve`.

Sign in, run one consultation by typing the answers, read the result card, export the slip
(it opens in a new tab), then check the case log and that the browser asked nothing of any
other server than ours. The terminal is drawn on a canvas: what it shows is read from the
frames the server sends to the page's websocket.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.web.conftest import AGENTS
from tests.web.consultation import RESULT, steps
from tests.web.terminal import visible

playwright = pytest.importorskip(
    "playwright.async_api", reason="Playwright's Python package is missing: pip install -e '.[dev]'")
CHROMIUM = next((path for path in (os.environ.get("ASSISTANT_TEST_CHROMIUM"), shutil.which("chromium"),
                                   "/usr/bin/chromium") if path and Path(path).is_file()), None)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium to drive: install Debian's `chromium` package (apt-get install -y "
                             "chromium; .ci/run does it) or set ASSISTANT_TEST_CHROMIUM; Playwright's own "
                             "browser downloads are not used")
# As the machine's notes say: headless, and none of Chromium's own calls to the outside.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--no-default-browser-check"]


class Screen:
    """What the server sent to the page's terminal, as text; `wait_for` wakes on each frame."""

    def __init__(self):
        self.text = ""
        self._changed = asyncio.Event()

    def received(self, payload) -> None:
        if isinstance(payload, bytes):
            self.text += payload.decode("utf-8", "replace")
            self._changed.set()

    def mark(self) -> None:
        self.text = ""

    async def wait_for(self, needle: str, timeout: float = 60) -> None:
        try:
            async with asyncio.timeout(timeout):
                while needle not in visible(self.text):
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            shown = " ".join(visible(self.text).split())[-400:]
            raise AssertionError(f"{needle!r} not shown in {timeout} s; last shown: {shown!r}") from None


async def test_sign_in_consult_export_in_chromium(served, tmp_path):
    script = steps(date.today())
    origin = served.url.rstrip("/")
    requests: list[str] = []
    screen = Screen()
    async with playwright.async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = await browser.new_context(viewport={"width": 1280, "height": 860}, locale="fr-FR")
        context.on("request", lambda request: requests.append(request.url))
        page = await context.new_page()
        page.on("websocket", lambda ws: (requests.append(ws.url), ws.on("framereceived", screen.received)))
        fonts = []
        page.on("response", lambda r: fonts.append(r.status) if "/fonts/RobotoMono" in r.url else None)

        # Sign in: nothing is reachable before; a wrong personal code is refused in words.
        await page.goto(served.url)
        assert page.url == f"{origin}/connexion"
        await page.fill("#agent", "marie")
        await page.fill("#code", "not-her-code")
        await page.click("button[type=submit]")
        assert "Code agent ou code personnel incorrect." in await page.inner_text(".message")
        await page.fill("#code", AGENTS["MARIE"])
        await page.click("button[type=submit]")
        assert "Agent MARIE" in await page.inner_text("main")

        # A new consultation: the answers typed as an agent types them.
        await page.click("#new")
        await screen.wait_for(script[0].text)  # and the page gives the keys to the app: no click first
        for i, step in enumerate(script):
            screen.mark()
            for key in step.keys:
                await page.keyboard.press("Enter") if key == "enter" else await page.keyboard.type(key)
            await screen.wait_for(script[i + 1].text if i + 1 < len(script) else RESULT)

        # The result card, then the slip: it opens in a new tab, from our server.
        await screen.wait_for("Aide médicale de l'État (AME)")
        await page.screenshot(path=tmp_path / "result.png")
        async with context.expect_page() as opened:
            await page.keyboard.press("Control+e")  # result actions take Ctrl
        slip = await opened.value
        await slip.wait_for_load_state()
        assert slip.url.startswith(f"{origin}/download/")
        slip_text = await slip.inner_text("body")
        await browser.close()

    assert "Aide médicale de l'État (AME)" in slip_text and "Peut être demandée" in slip_text
    outside = [url for url in requests
               if not url.startswith((f"{origin}/", origin.replace("http", "ws", 1) + "/", "data:"))]
    assert outside == [], f"the page asked other servers: {outside}"
    assert fonts and set(fonts) <= {200, 304}, "the terminal's font comes from this server"

    from assistant.store.caselog import CaseLog

    with CaseLog(served.db) as log:
        (row,) = log.list_cases()
        case = log.get_case(row["id"])
    assert case["agent"] == "MARIE"
    assert list(case["answers"]) == [step.question_id for step in script]
    ame = next(c for c in case["assessment"]["coverages"] if c["id"] == "ame")
    assert ame["status"] == "eligible"
    assert (served.exports / f"fiche-{row['id']}.html").is_file()  # the server's own copy
