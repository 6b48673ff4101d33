"""One app process per browser tab, through textual-serve's AppService, and the files they deliver.

Each tab runs `python -m assistant app --agent CODE [--case ID]`: the app records its cases for
the signed-in agent. When the tab closes (or its session ends) the app is told to quit, and the
process is waited for: none outlives its tab.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import shlex
from collections.abc import Callable
from urllib.parse import quote

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from assistant.web.headers import harden
from assistant.web.sessions import Session

logger = logging.getLogger("assistant.web")
CASE_ID = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}")


class Tabs:
    def __init__(self, settings):
        """`settings`: the server's ServeSettings (app command, case log, export folder, language, limit)."""
        self.settings = settings
        self.downloads = DownloadManager()
        self.running = 0  # app processes started and not ended

    def command(self, agent: str, case: str | None) -> str:
        args = [*self.settings.app_command, "--agent", agent, "--lang", self.settings.lang]
        if self.settings.db is not None:
            args += ["--db", str(self.settings.db)]
        if self.settings.export_dir is not None:
            args += ["--export-dir", str(self.settings.export_dir)]
        if case is not None:
            args += ["--case", case]
        # The app's error output is not relayed: Textual prints a crash with its local values,
        # answers included, and textual-serve would copy it to the server's output. `_reap` logs
        # the exit status instead; the same crash is seen in full in the terminal app.
        return f"{shlex.join(args)} 2>/dev/null"

    async def open(self, request: web.Request, session: Session, on_key: Callable[[], None]) -> web.WebSocketResponse:
        """Run the app for this websocket until either side closes; `on_key` on each key typed."""
        case = request.match_info.get("case")
        if case is not None and not CASE_ID.fullmatch(case):
            raise web.HTTPNotFound(text="Numéro de dossier attendu.")
        if self.running >= self.settings.max_apps:
            logger.warning("consultation refusée : %d déjà ouvertes (--max-apps)", self.running)
            raise web.HTTPServiceUnavailable(text="Trop de consultations ouvertes sur ce serveur.")
        width, height = _size(request.query.get("width"), 80), _size(request.query.get("height"), 24)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        service = AppService(self.command(session.agent, case), write_bytes=websocket.send_bytes,
                             write_str=websocket.send_str, close=websocket.close, download_manager=self.downloads)
        session.sockets.add(websocket)
        session.apps.add(service.app_service_id)
        self.running += 1
        try:
            await service.start(width, height)
            try:
                await _relay(websocket, service, on_key)
            finally:
                await service.stop()
                await _reap(service)
        except asyncio.CancelledError:  # the server stops: the app has been told to quit
            await websocket.close()
        finally:
            self.running -= 1
            session.sockets.discard(websocket)
            session.apps.discard(service.app_service_id)
        return websocket

    async def download(self, request: web.Request, session: Session) -> web.StreamResponse:
        """A file an app delivers (the handover slip), to the session whose app made it only."""
        try:
            meta = await self.downloads.get_download_metadata(request.match_info["key"])
        except KeyError:
            raise web.HTTPNotFound(text="Fichier inconnu ou déjà remis.") from None
        if meta.app_service.app_service_id not in session.apps:
            raise web.HTTPNotFound(text="Fichier inconnu ou déjà remis.")
        response = web.StreamResponse()
        response.content_type = meta.mime_type
        if meta.encoding:
            response.charset = meta.encoding
        disposition = "inline" if meta.open_method == "browser" else "attachment"
        response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(meta.file_name)}"
        harden(response, download=True, static=False)
        await response.prepare(request)
        async for chunk in self.downloads.download(meta.delivery_key):
            await response.write(chunk)
        await response.write_eof()
        return response


async def _relay(websocket: web.WebSocketResponse, service: AppService, on_key: Callable[[], None]) -> None:
    """The browser's messages to the app process (textual-serve's protocol)."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            kind, data = message.json()
        except (ValueError, TypeError):  # not textual-serve's [kind, data]
            continue
        if kind == "stdin" and isinstance(data, str):
            on_key()
            await service.send_bytes(data.encode("utf-8"))
        elif kind == "resize" and isinstance(data, dict):
            await service.set_terminal_size(_size(data.get("width"), 80), _size(data.get("height"), 24))
        elif kind == "ping":
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await service.blur()
        elif kind == "focus":
            await service.focus()


async def _reap(service: AppService, grace: float = 10) -> None:
    """Wait for the app process to end after its tab closed; kill it if it hangs."""
    process = service._process  # textual-serve keeps it private and never waits for it
    if process is None:
        return
    try:
        await asyncio.wait_for(process.wait(), grace)
    except asyncio.TimeoutError:
        logger.warning("une consultation ne s'est pas fermée en %d s : processus arrêté", grace)
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
        return
    if process.returncode:
        logger.error("une consultation s'est arrêtée sur une erreur (code %d) ; ses réponses données sont "
                     "enregistrées ; pour voir l'erreur : la même consultation dans le terminal", process.returncode)


def _size(value, default: int) -> int:
    """Terminal columns or rows asked by the browser, kept within reason."""
    try:
        return max(10, min(int(value), 1000))
    except (TypeError, ValueError):
        return default
