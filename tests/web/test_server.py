"""The web layer in-process: nothing before sign-in, failures slowed and logged, sessions that end."""

from __future__ import annotations

import logging
import sys
from datetime import date

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from textual_serve.download_manager import Download

from assistant.agents import add_agent
from assistant.i18n import short_date
from assistant.store.caselog import CaseLog
from assistant.web.server import COOKIE, ServeSettings, WebApp
from assistant.web.sessions import Sessions
from assistant.web.throttle import FREE, Throttle
from tests.web.conftest import AGENTS


@pytest.fixture
def marker(tmp_path):
    """Created by the app command if it ever runs: no test here may start an app process."""
    return tmp_path / "an-app-process-ran"


@pytest.fixture
def web_app(tmp_path, clock, marker):
    agents = tmp_path / "agents.json"
    for code, personal in AGENTS.items():
        add_agent(code, personal, agents)
    settings = ServeSettings(tls=False, agents_file=agents, db=tmp_path / "cases.db", failure_delay=0,
                             app_command=(sys.executable, "-c", f"open({str(marker)!r}, 'w')"))
    return WebApp(settings, sessions=Sessions(clock=clock), throttle=Throttle(clock=clock))


@pytest.fixture
async def client(web_app):
    client = TestClient(TestServer(web_app.application(), host="127.0.0.1"), cookie_jar=aiohttp.CookieJar(unsafe=True))
    await client.start_server()
    yield client
    await client.close()


def origin(client: TestClient) -> dict:
    return {"Origin": str(client.make_url("")).rstrip("/")}


async def sign_in(client: TestClient, agent: str, code: str) -> aiohttp.ClientResponse:
    return await client.post("/connexion", data={"agent": agent, "code": code}, headers=origin(client),
                             allow_redirects=False)


async def test_nothing_but_the_sign_in_page_and_static_files_before_signing_in(client, marker):
    for path in ("/", "/app", "/app/K7Q2-M9XD"):
        response = await client.get(path, allow_redirects=False)
        assert (response.status, response.headers["Location"]) == (303, "/connexion"), path
    for path in ("/ws", "/ws/K7Q2-M9XD", "/download/anything"):
        assert (await client.get(path, headers={"Upgrade": "websocket"} if "ws" in path else {})).status == 401
    assert (await client.post("/deconnexion", headers=origin(client))).status == 401
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers=origin(client))
    assert refused.value.status == 401
    assert not marker.exists()  # no app process started
    page = await client.get("/connexion")
    assert page.status == 200 and "Code personnel" in await page.text()
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"
    for path in ("/static/js/textual.js", "/static/fonts/RobotoMono-VariableFont_wght.ttf", "/assets/page.css",
                 "/assets/page.js"):
        assert (await client.get(path)).status == 200, path


async def test_signing_in_opens_a_session_in_a_protected_cookie(client):
    signed = await sign_in(client, "marie", AGENTS["MARIE"])
    assert (signed.status, signed.headers["Location"]) == (303, "/")
    cookie = signed.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and len(cookie.value) >= 40
    home = await client.get("/")
    assert home.status == 200 and "Agent <strong>MARIE</strong>" in await home.text()
    assert (await client.get("/connexion", allow_redirects=False)).status == 303  # already signed in


async def test_a_wrong_code_is_refused_logged_without_personal_data(client, caplog):
    caplog.set_level(logging.INFO, logger="assistant.web")
    refused = await sign_in(client, "MARIE", "paul-code-22")
    assert refused.status == 401 and "Code agent ou code personnel incorrect." in await refused.text()
    assert COOKIE not in refused.cookies
    unknown = await sign_in(client, "Jeanne Martin", "jeanne-1980")
    assert unknown.status == 401
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "code personnel faux pour l'agent MARIE" in logged and "code agent inconnu" in logged
    for secret in ("paul-code-22", "Jeanne", "jeanne-1980", "127.0.0.1"):
        assert secret not in logged
    assert (await client.get("/", allow_redirects=False)).status == 303


async def test_failures_in_a_row_slow_the_next_attempts_down(client, clock, caplog):
    caplog.set_level(logging.INFO, logger="assistant.web")
    for _ in range(FREE):
        assert (await sign_in(client, "MARIE", "wrong-code-0")).status == 401
    waiting = await sign_in(client, "MARIE", AGENTS["MARIE"])  # even the right code must wait now
    assert waiting.status == 429 and "réessayez dans 2 s." in await waiting.text()
    assert "trop d'échecs" in caplog.text
    clock.now += 2
    assert (await sign_in(client, "MARIE", AGENTS["MARIE"])).status == 303
    clock.now += 1  # a success clears the count
    assert (await sign_in(client, "MARIE", "wrong-code-0")).status == 401
    assert (await sign_in(client, "MARIE", AGENTS["MARIE"])).status == 303


def test_the_wait_doubles_up_to_a_ceiling(clock):
    throttle = Throttle(clock=clock)
    waits = []
    for _ in range(FREE + 12):
        throttle.failed("MARIE")
        waits.append(throttle.wait("MARIE"))
    assert waits[:FREE - 1] == [0.0] * (FREE - 1)
    assert waits[FREE - 1:FREE + 3] == [2.0, 4.0, 8.0, 16.0]
    assert waits[-1] == 15 * 60
    clock.now += 15 * 60
    assert throttle.wait("MARIE") == 0.0
    throttle.succeeded("MARIE")
    throttle.failed("MARIE")
    assert throttle.wait("MARIE") == 0.0


async def test_one_address_trying_many_agent_codes_is_slowed_too(client):
    for code in ("A1", "A2", "A3"):
        assert (await sign_in(client, code, "whatever-1")).status == 401
    assert (await sign_in(client, "PAUL", AGENTS["PAUL"])).status == 429


async def test_a_session_ends_after_idle_time_and_after_a_day(client, clock, web_app):
    await sign_in(client, "PAUL", AGENTS["PAUL"])
    for _ in range(3):  # activity keeps it open
        clock.now += web_app.settings.idle - 1
        assert (await client.get("/", allow_redirects=False)).status == 200
    clock.now += web_app.settings.idle
    assert (await client.get("/", allow_redirects=False)).headers["Location"] == "/connexion"
    (ended, why), = web_app.sessions.expired()
    assert (ended.agent, why) == ("PAUL", "idle")

    await sign_in(client, "PAUL", AGENTS["PAUL"])
    for _ in range(int(web_app.settings.max_age // 600)):
        clock.now += 600
        await client.get("/")
    assert (await client.get("/", allow_redirects=False)).status == 303
    assert [why for _, why in web_app.sessions.expired()] == ["age"]


def test_a_removed_agent_is_signed_out(clock):
    sessions = Sessions(clock=clock)
    sessions.open("MARIE"), sessions.open("PAUL")
    assert [(s.agent, why) for s, why in sessions.expired({"PAUL"})] == [("MARIE", "removed")]
    assert [s.agent for s in sessions.all()] == ["PAUL"]


async def test_signing_out_ends_the_session(client):
    await sign_in(client, "MARIE", AGENTS["MARIE"])
    out = await client.post("/deconnexion", headers=origin(client), allow_redirects=False)
    assert (out.status, out.headers["Location"]) == (303, "/connexion")
    assert (await client.get("/", allow_redirects=False)).status == 303


async def test_requests_from_another_site_are_refused(client, marker):
    foreign = {"Origin": "http://evil.example"}
    signing = await client.post("/connexion", data={"agent": "MARIE", "code": AGENTS["MARIE"]}, headers=foreign)
    assert signing.status == 403
    await sign_in(client, "MARIE", AGENTS["MARIE"])
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers=foreign)
    assert refused.value.status == 403
    assert (await client.post("/deconnexion", headers=foreign)).status == 403
    assert not marker.exists()


async def test_a_slip_is_served_only_to_the_session_whose_app_made_it(client, web_app):
    class App:
        app_service_id = "an-app-of-another-session"

    web_app.tabs.downloads._active_downloads["k1"] = Download(App(), "k1", "fiche.html", "browser", "text/html")
    await sign_in(client, "MARIE", AGENTS["MARIE"])
    assert (await client.get("/download/k1")).status == 404
    assert (await client.get("/download/unknown")).status == 404


async def test_home_lists_the_agent_s_unfinished_consultations_to_resume(client, web_app):
    with CaseLog(web_app.settings.db) as log:
        mine = log.create_case(agent="MARIE", initials="AB")
        log.save_answer(mine, "purpose", {"set": {"purpose": "open"}})
        done = log.create_case(agent="MARIE")
        log.save_assessment(done, {"coverages": [], "kb_version": "test"})
        theirs = log.create_case(agent="PAUL")
    await sign_in(client, "MARIE", AGENTS["MARIE"])
    page = await (await client.get("/")).text()
    assert f'href="/app/{mine}"' in page and "AB" in page
    assert f"commencée le {short_date(date.today())}" in page  # dates written out
    assert done not in page and theirs not in page
    resumed = await (await client.get(f"/app/{mine}")).text()
    assert f'data-session-websocket-url="ws://{client.host}:{client.port}/ws/{mine}"' in resumed
    missing = await client.get("/app/ZZZZ-ZZZZ")
    assert missing.status == 404 and "pas dans le journal" in await missing.text()
    assert (await client.get("/app/not-a-case")).status == 404


def test_each_tab_runs_the_app_for_the_signed_in_agent(web_app):
    command = web_app.tabs.command("MARIE", "K7Q2-M9XD")
    assert "--agent MARIE" in command and "--case K7Q2-M9XD" in command
    assert f"--db {web_app.settings.db}" in command
    assert command.endswith(" 2>/dev/null")  # a crash's local values (answers) never reach the server's output


async def test_plain_http_answers_only_to_this_machine_s_names(client):
    """A page of another site whose name points to 127.0.0.1 (DNS rebinding) is refused."""
    for host in ("evil.example", "evil.example:8000", "192.168.1.20"):
        assert (await client.get("/connexion", headers={"Host": host})).status == 421, host
    for host in ("localhost", f"127.0.0.1:{client.port}", "[::1]:8000"):
        assert (await client.get("/connexion", headers={"Host": host})).status == 200, host


def test_the_web_layer_never_imports_textual():
    """The server only relays: Textual runs in the app processes it starts."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", "import sys, assistant.web.cli, assistant.web.server; "
                           "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
