"""`serve` listens on the loopback; beyond it only with TLS and sign-in; plain HTTP never beyond it."""

from __future__ import annotations

import shutil
import ssl
import subprocess

import aiohttp
import pytest
from click.testing import CliRunner

from assistant.agents import add_agent
from assistant.web.cli import serve
from assistant.web.listening import ServeRefused, check_exposure, is_loopback, tls_context
from tests.web.conftest import AGENTS, start_serve, stop_serve
from tests.web.terminal import browserless, sign_in


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1 (openssl, as a site would make one)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate (Debian package openssl)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.1.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("10.0.0.1", False),
])
def test_which_addresses_are_the_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_an_unknown_host_name_is_refused_in_words():
    with pytest.raises(ServeRefused, match="adresse inconnue"):
        is_loopback("no-such-host.invalid")


def test_plain_http_only_on_the_loopback():
    check_exposure("127.0.0.1", tls=False, agents=1)
    check_exposure("0.0.0.0", tls=True, agents=1)
    with pytest.raises(ServeRefused, match="--cert et --key"):
        check_exposure("0.0.0.0", tls=False, agents=1)
    with pytest.raises(ServeRefused, match="HTTPS"):
        check_exposure("192.168.1.20", tls=False, agents=3)


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_no_agent_no_serving_anywhere(host):
    with pytest.raises(ServeRefused, match="config agent add"):
        check_exposure(host, tls=True, agents=0)


def test_tls_needs_both_files_and_readable_ones(tmp_path, certificate):
    cert, key = certificate
    assert tls_context(None, None) is None
    assert tls_context(cert, key).minimum_version == ssl.TLSVersion.TLSv1_2
    with pytest.raises(ServeRefused, match="vont ensemble"):
        tls_context(cert, None)
    with pytest.raises(ServeRefused, match="introuvable"):
        tls_context(tmp_path / "none.pem", key)
    with pytest.raises(ServeRefused, match="illisible"):
        tls_context(key, cert)  # swapped


@pytest.fixture
def data(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(folder))
    return folder


def test_serve_refuses_to_start_without_any_agent(data):
    refused = CliRunner().invoke(serve, [])
    assert refused.exit_code == 2
    assert "aucun agent" in refused.output and "config agent add" in refused.output


def test_serve_refuses_every_other_address_without_tls(data, certificate):
    add_agent("MARIE", AGENTS["MARIE"], data / "agents.json")
    for host in ("0.0.0.0", "::", "192.168.1.20"):
        refused = CliRunner().invoke(serve, ["--host", host])
        assert refused.exit_code == 2 and "--cert et --key" in refused.output, host
    cert, _ = certificate
    refused = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--cert", str(cert)])
    assert refused.exit_code == 2 and "vont ensemble" in refused.output


def test_serve_refuses_beyond_the_loopback_when_nobody_can_sign_in(data, certificate):
    cert, key = certificate
    refused = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--cert", str(cert), "--key", str(key)])
    assert refused.exit_code == 2 and "aucun agent" in refused.output


async def test_with_a_certificate_the_same_server_speaks_https_only(tmp_path, certificate):
    cert, key = certificate
    served = start_serve(tmp_path / "data", "--cert", str(cert), "--key", str(key))
    try:
        assert served.url.startswith("https://127.0.0.1:")
        async with browserless(verify=False) as client:
            signed = await sign_in(client, served.url, "MARIE", AGENTS["MARIE"])
            assert signed.status == 303
            cookie = signed.headers["Set-Cookie"]
            assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
            page = await (await client.get(f"{served.url}app")).text()
            assert f'data-session-websocket-url="wss://{served.url[len("https://"):]}ws"' in page
            plain = served.url.replace("https", "http", 1)
            with pytest.raises(aiohttp.ClientError):  # no plain HTTP answer on that port
                await client.get(plain)
    finally:
        stop_serve(served)
