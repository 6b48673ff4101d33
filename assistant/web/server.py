"""The aiohttp application of `serve`: sign-in first, then one app process per browser tab.

Every route but the sign-in page and the static files needs a live session, checked before
anything else runs (`_guard`): no app process starts (`tabs.py`), no download is served, no
case is listed for anyone who has not signed in.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import sys
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import textual_serve
from aiohttp import WSCloseCode, web

from assistant import agents as agent_store
from assistant.web import pages
from assistant.web.headers import harden
from assistant.web.sessions import IDLE, MAX_AGE, Session, Sessions
from assistant.web.tabs import CASE_ID, Tabs
from assistant.web.throttle import Throttle

logger = logging.getLogger("assistant.web")  # events and counts: never a personal code, a case id or an answer
COOKIE = "assistant_session"
SESSION = web.RequestKey("session", Session)  # the signed-in session, set by `_guard`
PUBLIC = {"signin", "signin_post", "static", "assets"}
_STATIC = Path(textual_serve.__file__).parent / "static"  # its terminal script, styles and fonts


@dataclass(frozen=True)
class ServeSettings:
    tls: bool  # served over HTTPS: the cookie is Secure, the websocket wss
    agents_file: Path | None = None  # None: the data folder's agents.json
    db: Path | None = None  # the case log; None: the store's default (ASSISTANT_DB, data folder)
    export_dir: Path | None = None  # the server's copies of the slips; None: the app's default
    lang: str = "fr"
    structure: str | None = None  # shown on the pages (site setting `structure`)
    idle: float = IDLE
    max_age: float = MAX_AGE
    failure_delay: float = 1.0  # every refused sign-in answers this late
    max_apps: int = 20  # app processes at once (about 60 MB each)
    app_command: tuple[str, ...] = field(default=(sys.executable, "-m", "assistant", "app"))


class WebApp:
    def __init__(self, settings: ServeSettings, *, sessions: Sessions | None = None, throttle: Throttle | None = None):
        self.settings = settings
        self.sessions = sessions or Sessions(idle=settings.idle, max_age=settings.max_age)
        self.throttle = throttle or Throttle()
        self.tabs = Tabs(settings)
        self._sweeper: asyncio.Task | None = None

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=64 * 1024)
        app.add_routes([
            web.get("/", self.home, name="home"),
            web.get("/connexion", self.signin_page, name="signin"),
            web.post("/connexion", self.signin, name="signin_post"),
            web.post("/deconnexion", self.signout, name="signout"),
            web.get("/app", self.app_page, name="app"),
            web.get("/app/{case}", self.app_page, name="app_case"),
            web.get("/ws", self.websocket, name="ws"),
            web.get("/ws/{case}", self.websocket, name="ws_case"),
            web.get("/download/{key}", self.download, name="download"),
            web.static("/static", _STATIC, name="static"),
            web.static("/assets", Path(str(files("assistant.web").joinpath("assets"))), name="assets"),
        ])
        app.on_startup.append(self._start_sweeper)
        app.on_shutdown.append(self._close_all)
        return app

    # -- the guard: a session before anything, same-origin for what changes state ------------

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        route = request.match_info.route.name  # None for an unknown path: its 404 follows
        if not self.settings.tls and not _loopback_name(request.host):
            # Plain HTTP is for this machine only: a page of another site whose name points here
            # (DNS rebinding) cannot reach the server. With TLS, the certificate does that.
            raise web.HTTPMisdirectedRequest(text="Adresse refusée : ouvrez http://127.0.0.1:PORT/.")
        origin = request.headers.get("Origin")  # sent by browsers with every POST and websocket
        changes = request.method != "GET" or _is_websocket(request)
        if origin is not None and changes and origin != self._origin(request):
            logger.warning("requête refusée : venue d'une page d'un autre site")
            raise web.HTTPForbidden(text="Origine refusée.")
        if route not in PUBLIC and route is not None:
            session = self.sessions.get(request.cookies.get(COOKIE))
            if session is None:
                if request.method == "GET" and route in {"home", "app", "app_case"}:
                    raise web.HTTPSeeOther("/connexion")
                raise web.HTTPUnauthorized(text="Connexion nécessaire.")
            request[SESSION] = session
            if not _is_websocket(request):  # a tab left open does not keep the session alive; keys do
                self.sessions.touch(session)
        response = await handler(request)
        if not isinstance(response, web.WebSocketResponse):
            harden(response, download=route == "download", static=route in {"static", "assets"})
        return response

    def _origin(self, request: web.Request) -> str:
        return f"{'https' if self.settings.tls else 'http'}://{request.host}"

    # -- sign-in ----------------------------------------------------------------------------

    async def signin_page(self, request: web.Request) -> web.Response:
        if self.sessions.get(request.cookies.get(COOKIE)) is not None:
            raise web.HTTPSeeOther("/")
        return self._signin(request)

    def _signin(self, request: web.Request, *, agent: str = "", message: str = "", status: int = 200) -> web.Response:
        html = pages.signin(agent=agent, message=message, structure=self.settings.structure,
                            idle_minutes=round(self.settings.idle / 60))
        return web.Response(text=html, content_type="text/html", status=status)

    async def signin(self, request: web.Request) -> web.Response:
        form = await request.post()
        code = str(form.get("agent", "")).strip()[:64]
        personal = str(form.get("code", ""))[:agent_store.MAX_LENGTH + 1]
        keys = (("agent", code.casefold()), ("address", request.remote))
        wait = max(self.throttle.wait(key) for key in keys)
        if wait > 0:
            logger.warning("connexion refusée sans vérification : trop d'échecs d'affilée, attente de %d s", wait)
            return self._signin(request, agent=code, status=429,
                                message=f"Trop d'essais manqués : réessayez dans {math.ceil(wait)} s.")
        try:
            known = agent_store.load_agents(self.settings.agents_file)
        except agent_store.AgentsError as error:
            logger.error("liste des agents illisible : %s", error)
            return self._signin(request, agent=code, status=503,
                                message="La liste des agents est illisible : voyez le message du serveur.")
        agent = await asyncio.get_running_loop().run_in_executor(None, agent_store.check, known, code, personal)
        if agent is None:
            counts = [self.throttle.failed(key) for key in keys]
            who = agent_store.find(known, code)
            if who is None:
                logger.warning("connexion refusée : code agent inconnu (%d échecs d'affilée depuis cette adresse)",
                               counts[1])
            else:
                logger.warning("connexion refusée : code personnel faux pour l'agent %s (%d échecs d'affilée)",
                               who.code, counts[0])
            await asyncio.sleep(self.settings.failure_delay)
            return self._signin(request, agent=code, status=401, message="Code agent ou code personnel incorrect.")
        for key in keys:
            self.throttle.succeeded(key)
        await self._end(self.sessions.close(request.cookies.get(COOKIE)))
        session = self.sessions.open(agent)
        logger.info("connexion de l'agent %s", agent)
        response = _see_other("/")
        response.set_cookie(COOKIE, session.token, httponly=True, samesite="Strict", secure=self.settings.tls, path="/")
        return response

    async def signout(self, request: web.Request) -> web.Response:
        session = request[SESSION]
        await self._end(self.sessions.close(session.token))
        logger.info("déconnexion de l'agent %s", session.agent)
        response = _see_other("/connexion")
        response.del_cookie(COOKIE, path="/")
        return response

    # -- pages ----------------------------------------------------------------------------

    async def home(self, request: web.Request) -> web.Response:
        session: Session = request[SESSION]
        problem, unfinished = None, []
        try:
            unfinished = await asyncio.to_thread(self._unfinished, session.agent)
        except Exception as error:  # the case log's own errors only; the page still opens a consultation
            problem = _store_problem(error)
        html = pages.home(session.agent, unfinished, structure=self.settings.structure, problem=problem)
        return web.Response(text=html, content_type="text/html")

    def _unfinished(self, agent: str) -> list[dict]:
        from assistant.store.caselog import CaseLog

        with CaseLog(self.settings.db) as log:
            return log.unfinished(agent)

    async def app_page(self, request: web.Request) -> web.Response:
        case = request.match_info.get("case")
        if case is not None:
            problem = await self._check_case(case)
            if problem:
                return web.Response(text=pages.message(problem), content_type="text/html", status=404)
        scheme = "wss" if self.settings.tls else "ws"
        websocket = f"{scheme}://{request.host}/ws" + (f"/{case}" if case else "")
        return web.Response(text=pages.app(request[SESSION].agent, websocket), content_type="text/html")

    async def _check_case(self, case: str) -> str | None:
        if not CASE_ID.fullmatch(case):
            return f"« {case} » n'est pas un numéro de dossier (par exemple K7Q2-M9XD)."

        def exists() -> bool:
            from assistant.store.caselog import CaseLog
            from assistant.store.errors import CaseNotFound

            with CaseLog(self.settings.db) as log:
                try:
                    log.get_case(case)
                except CaseNotFound:
                    return False
            return True

        try:
            return None if await asyncio.to_thread(exists) else f"Le dossier {case} n'est pas dans le journal."
        except Exception as error:
            return _store_problem(error)

    # -- the app, one process per tab -----------------------------------------------------------

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        session = request[SESSION]
        return await self.tabs.open(request, session, lambda: self.sessions.touch(session))

    async def download(self, request: web.Request) -> web.StreamResponse:
        return await self.tabs.download(request, request[SESSION])

    # -- ending sessions -----------------------------------------------------------------------

    async def _end(self, session: Session | None) -> None:
        """Close the tabs of an ended session: their app processes quit (answers are saved)."""
        if session is None:
            return
        for websocket in list(session.sockets):
            await websocket.close(code=WSCloseCode.POLICY_VIOLATION, message=b"session ended")

    async def _start_sweeper(self, app: web.Application) -> None:
        self._sweeper = asyncio.create_task(self._sweep())

    async def _sweep(self) -> None:
        period = max(0.05, min(self.settings.idle / 4, 10.0))
        while True:
            await asyncio.sleep(period)
            try:
                still = set(agent_store.load_agents(self.settings.agents_file))
            except agent_store.AgentsError:
                still = None  # a damaged file ends nobody's session; sign-in says it is unreadable
            for session, why in self.sessions.expired(still):
                logger.info("session de l'agent %s terminée (%s)", session.agent,
                            {"idle": "inactivité", "age": "durée maximale", "removed": "agent retiré"}[why])
                try:
                    await self._end(session)
                except Exception:  # a tab that cannot be closed must not stop the sessions from ending
                    logger.exception("fermeture des onglets d'une session terminée")

    async def _close_all(self, app: web.Application) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
        for session in self.sessions.all():
            await self._end(session)


def _loopback_name(host: str) -> bool:
    """`Host` names this machine: localhost or a loopback address, with or without a port."""
    name = host.rpartition("]")[0].lstrip("[") if host.startswith("[") else host.rsplit(":", 1)[0]
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_websocket(request: web.Request) -> bool:
    return request.headers.get("Upgrade", "").lower() == "websocket"


def _see_other(location: str) -> web.Response:
    return web.Response(status=303, headers={"Location": location})


def _store_problem(error: Exception) -> str:
    from assistant.store.errors import StoreError

    if not isinstance(error, StoreError):
        raise error
    logger.error("journal des dossiers : %s", type(error).__name__)
    return f"Journal des dossiers : {error}"
