"""Through `serve` and real app processes: cases attributed to the signed-in agent, and a tab
closed mid-consultation loses nothing (resumed from the browser, or from the terminal)."""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import date

from assistant.agents import add_agent
from assistant.store.caselog import CaseLog
from assistant.web.server import ServeSettings, WebApp
from tests.web.conftest import AGENTS
from tests.web.consultation import RESULT, steps
from tests.web.terminal import Terminal, browserless, sign_in, until_closed


async def answer(terminal: Terminal, script, start: int, stop: int) -> None:
    """Answer questions start..stop-1, each once it is shown; then wait for what follows."""
    await terminal.wait_for(script[start].text)
    for i in range(start, stop):
        terminal.mark()
        await terminal.press(*script[i].keys)
        await terminal.wait_for(script[i + 1].text if i + 1 < len(script) else RESULT)


async def test_cases_are_attributed_to_the_signed_in_agent_and_a_closed_tab_resumes(served):
    script = steps(date.today())
    async with browserless() as marie, browserless() as paul:
        assert (await sign_in(marie, served.url, "marie", AGENTS["MARIE"])).status == 303
        assert (await sign_in(paul, served.url, "PAUL", AGENTS["PAUL"])).status == 303
        marie_tab = await Terminal.open(marie, served.url)
        paul_tab = await Terminal.open(paul, served.url)
        # Side by side: Marie stops after three answers and closes her tab; Paul goes to the result.
        await asyncio.gather(answer(marie_tab, script, 0, 3), answer(paul_tab, script, 0, len(script)))
        await marie_tab.close()
        await paul_tab.close()

        with CaseLog(served.db) as log:
            cases = {row["id"]: log.get_case(row["id"]) for row in log.list_cases()}
        by_agent = {case["agent"]: case for case in cases.values()}
        assert sorted(by_agent) == ["MARIE", "PAUL"] and len(cases) == 2
        assert by_agent["PAUL"]["assessment"] is not None
        unfinished = by_agent["MARIE"]
        assert list(unfinished["answers"]) == [step.question_id for step in script[:3]]
        assert unfinished["assessment"] is None

        # Back on her home page, Marie's consultation waits to be resumed; Paul's list is empty.
        home = await (await marie.get(served.url)).text()
        assert f'href="/app/{unfinished["id"]}"' in home
        assert unfinished["id"] not in await (await paul.get(served.url)).text()
        resumed = await Terminal.open(marie, served.url, f"ws/{unfinished['id']}")
        await answer(resumed, script, 3, len(script))
        await resumed.close()

    with CaseLog(served.db) as log:
        assert len(log.list_cases()) == 2  # resumed, not started again
        case = log.get_case(unfinished["id"])
    assert case["agent"] == "MARIE" and case["assessment"] is not None
    assert list(case["answers"]) == [step.question_id for step in script]


async def test_a_tab_left_idle_is_closed_and_its_answers_kept(tmp_path):
    """The session ends after its idle time: the server closes the tab, the app quits, the
    answer given stays in the log and signing in again is needed."""
    from aiohttp.test_utils import TestServer

    from assistant.agents import add_agent

    agents = tmp_path / "agents.json"
    add_agent("MARIE", AGENTS["MARIE"], agents)
    settings = ServeSettings(tls=False, agents_file=agents, db=tmp_path / "cases.db", export_dir=tmp_path,
                             idle=3.0, app_command=(sys.executable, "-m", "assistant", "app"))
    server = TestServer(WebApp(settings).application(), host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("/"))
    script = steps(date.today())
    try:
        async with browserless() as client:
            await sign_in(client, url, "MARIE", AGENTS["MARIE"])
            tab = await Terminal.open(client, url)
            await answer(tab, script, 0, 1)
            await until_closed(tab, timeout=30)
            assert (await client.get(url, allow_redirects=False)).headers["Location"] == "/connexion"
    finally:
        await server.close()
    with CaseLog(settings.db) as log:
        (row,) = log.list_cases()
        assert list(log.answers(row["id"])) == [script[0].question_id]


async def test_a_tab_closed_as_its_first_question_shows_ends_its_app_without_error(tmp_path, caplog):
    """The app is told to quit while its side panel is still being mounted (the panel comes after
    the first paint): it must end cleanly, not on an error the server logs."""
    from aiohttp.test_utils import TestServer

    caplog.set_level(logging.INFO, logger="assistant.web")
    add_agent("MARIE", AGENTS["MARIE"], tmp_path / "agents.json")
    web_app = WebApp(ServeSettings(tls=False, agents_file=tmp_path / "agents.json", db=tmp_path / "cases.db",
                                   export_dir=tmp_path))
    server = TestServer(web_app.application(), host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("/"))
    try:
        async with browserless() as client:
            await sign_in(client, url, "MARIE", AGENTS["MARIE"])
            tab = await Terminal.open(client, url)
            await tab.wait_for(steps(date.today())[0].text)
            await tab.close()
            async with asyncio.timeout(30):  # the server waits for the app process to end
                while web_app.tabs.running:
                    await asyncio.sleep(0.1)
    finally:
        await server.close()
    assert "s'est arrêtée sur une erreur" not in caplog.text
