"""`assistant serve` from the installed wheel: sign in, the page and its files, the app's first question.

Run by .ci/run with the wheel's virtual environment, from outside the source tree, so that the
pages, styles and scripts checked are the ones a user installs. Loopback only.
"""

import asyncio
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

import assistant

ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


async def check(url: str) -> None:
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar) as client:
        signed = await client.post(f"{url}connexion", data={"agent": "SMOKE", "code": "smoke-code-1"},
                                   headers={"Origin": url.rstrip("/")}, allow_redirects=False)
        assert signed.status == 303, f"sign-in answered {signed.status}"
        for path in ("app", "assets/page.css", "assets/page.js", "static/js/textual.js",
                     "static/fonts/RobotoMono-VariableFont_wght.ttf"):
            response = await client.get(f"{url}{path}")
            assert response.status == 200, f"{path}: {response.status}"
        websocket = await client.ws_connect(f"{url.replace('http', 'ws', 1)}ws?width=100&height=30",
                                            headers={"Origin": url.rstrip("/")})
        shown = ""
        async with asyncio.timeout(60):
            while "Pourquoi la personne vient-elle" not in ESCAPES.sub("", shown):
                message = await websocket.receive()
                assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
                if message.type == aiohttp.WSMsgType.BINARY:
                    shown += message.data.decode("utf-8", "replace")
        await websocket.close()


def main() -> int:
    if "site-packages" not in assistant.__file__:
        print(f"not the installed package: {assistant.__file__}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "ASSISTANT_DATA_DIR": str(Path(tmp) / "data")}
        subprocess.run([sys.executable, "-m", "assistant", "config", "agent", "add", "SMOKE"], env=env, check=True,
                       input="smoke-code-1\nsmoke-code-1\n", text=True, capture_output=True)
        server = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", "0", "--export-dir", tmp],
                                  env=env, stdout=subprocess.PIPE, text=True)
        try:
            url = next(word for word in server.stdout.readline().split() if word.startswith("http"))
            asyncio.run(check(url))
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"serve started from the wheel: sign-in, page files and the app's first question over {url}")
    return 0


sys.exit(main())
