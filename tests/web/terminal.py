"""A browserless client of `serve`: sign in, open an app over its websocket, type, read the screen.

The app's output is terminal bytes (ANSI); the text drawn is read by dropping the escape
sequences, which is enough to see a question or the result card appear.
"""

from __future__ import annotations

import asyncio
import codecs
import json
import re
import time

import aiohttp

_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


def visible(text: str) -> str:
    return _ESCAPES.sub("", text)


def browserless(*, verify: bool = True) -> aiohttp.ClientSession:
    """A client that keeps the session cookie of a server named by its IP address (127.0.0.1);
    `verify=False` for a self-signed test certificate."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True),
                                 connector=aiohttp.TCPConnector(ssl=verify))


async def sign_in(client: aiohttp.ClientSession, url: str, agent: str, code: str) -> aiohttp.ClientResponse:
    return await client.post(f"{url}connexion", data={"agent": agent, "code": code}, allow_redirects=False,
                             headers={"Origin": url.rstrip("/")})


class Terminal:
    """One browser tab's app, over the websocket `path` of a signed-in `client`."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse):
        self.websocket = websocket
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._since_mark = ""  # output since `mark()`, as received

    @classmethod
    async def open(cls, client: aiohttp.ClientSession, url: str, path: str = "ws", *, width: int = 120,
                   height: int = 40) -> Terminal:
        websocket = await client.ws_connect(f"{url.replace('http', 'ws', 1)}{path}?width={width}&height={height}",
                                            headers={"Origin": url.rstrip("/")})
        return cls(websocket)

    def mark(self) -> None:
        """Forget the output so far: `wait_for` looks only at what comes next."""
        self._since_mark = ""

    async def wait_for(self, text: str, timeout: float = 60) -> float:
        """Read until `text` is drawn; returns the time (perf_counter) of the frame that drew it."""
        deadline = time.monotonic() + timeout
        while text not in visible(self._since_mark):
            left = deadline - time.monotonic()
            if left <= 0:
                shown = visible(self._since_mark)[-300:]
                raise TimeoutError(f"{text!r} not shown in {timeout} s; last output: {shown!r}")
            message = await self.websocket.receive(timeout=left)
            if message.type == aiohttp.WSMsgType.BINARY:
                self._since_mark += self._decoder.decode(message.data)
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.CLOSING):
                raise ConnectionError(f"the app closed while waiting for {text!r}")
        return time.perf_counter()

    async def press(self, *keys: str) -> float:
        """Type characters ("enter" for Enter); returns the time the last one was sent."""
        for key in keys:
            await self.websocket.send_str(json.dumps(["stdin", "\r" if key == "enter" else key]))
        return time.perf_counter()

    async def close(self) -> None:
        await self.websocket.close()

    @property
    def closed(self) -> bool:
        return self.websocket.closed


async def until_closed(terminal: Terminal, timeout: float = 20) -> None:
    """Drain the output until the server closes the websocket."""
    async with asyncio.timeout(timeout):
        while not terminal.closed:
            message = await terminal.websocket.receive()
            if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                return
