"""Where `serve` may listen: the loopback freely; any other address only with TLS and sign-in.

Health data never crosses a network in clear: plain HTTP is offered on the loopback only (the
browser and the server are then the same machine), and beyond it the certificate and key given
to `serve` are served by the same aiohttp server. Sign-in is always on (see `server.py`); a
site without any agent has no access control, so `serve` refuses to start at all.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
from pathlib import Path

from assistant.i18n import _


class ServeRefused(Exception):
    """`serve` cannot listen as asked; the message says why and what to do."""


def is_loopback(host: str) -> bool:
    """True when every address `host` names is on this machine only (127.0.0.0/8, ::1)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise ServeRefused(_("--host {host} : adresse inconnue").format(host=host)) from None
    return bool(found) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in found)


def check_exposure(host: str, *, tls: bool, agents: int) -> None:
    """Refuse what would expose the case log: no agent at all, or plain HTTP beyond the loopback."""
    if agents == 0:
        raise ServeRefused(_("aucun agent ne peut se connecter : ajoutez-en un avec "
                             "`python -m assistant config agent add CODE`, puis relancez serve"))
    if not is_loopback(host) and not tls:
        raise ServeRefused(_("--host {host} : hors de cette machine, les données de santé ne passent "
                             "qu'en HTTPS ; donnez le certificat et la clé du serveur avec --cert et --key "
                             "(sans eux, serve n'écoute que sur 127.0.0.1)").format(host=host))


def tls_context(cert: Path | None, key: Path | None) -> ssl.SSLContext | None:
    """The server's TLS context (TLS 1.2 at least), or None when neither file is given."""
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise ServeRefused(_("--cert et --key vont ensemble : le certificat et sa clé privée"))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except FileNotFoundError as error:
        raise ServeRefused(_("{path} : fichier introuvable").format(path=error.filename)) from None
    except (ssl.SSLError, OSError) as error:
        raise ServeRefused(_("--cert {cert} / --key {key} : certificat ou clé illisible, ou qui ne vont pas "
                             "ensemble ({reason})").format(cert=cert, key=key,
                                                           reason=getattr(error, "reason", None) or error)) from None
    return context
