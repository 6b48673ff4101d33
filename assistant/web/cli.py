"""`python -m assistant serve`: the app in a browser, for the agents of the site (see README)."""

from __future__ import annotations

import asyncio
import logging
import signal
from pathlib import Path

import click

from assistant.cli_base import Command
from assistant.i18n import _, language


@click.command(cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Adresse d'écoute ; hors de cette machine (0.0.0.0, une adresse du réseau) : "
                   "--cert et --key exigés.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port (0 : un port libre, affiché au démarrage).")
@click.option("--cert", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Certificat TLS du serveur (PEM, avec sa chaîne) : le site est alors servi en HTTPS.")
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Clé privée du certificat (PEM).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Journal des dossiers partagé (par défaut : celui du dossier de données).")
@click.option("--export-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Dossier où le serveur garde une copie des fiches exportées (par défaut : celui de l'application).")
@click.option("--idle-minutes", type=click.IntRange(1, 24 * 60), default=30, show_default=True,
              help="Une session se ferme après ce temps sans activité.")
@click.option("--max-apps", type=click.IntRange(1, 500), default=20, show_default=True,
              help="Consultations ouvertes à la fois (un processus chacune).")
def serve(host: str, port: int, cert: Path | None, key: Path | None, db: Path | None, export_dir: Path | None,
          idle_minutes: int, max_apps: int) -> None:
    """Servir l'application dans le navigateur, après connexion de chaque agent."""
    from assistant.agents import AgentsError, agents_path, load_agents
    from assistant.site import SiteSettingsError, load_site
    from assistant.web.listening import ServeRefused, check_exposure, tls_context

    try:
        site = load_site()
        agents = load_agents()
        context = tls_context(cert, key)
        check_exposure(host, tls=context is not None, agents=len(agents))
    except (AgentsError, SiteSettingsError, ServeRefused) as error:
        click.echo(_("serve : {error}").format(error=error), err=True)
        raise SystemExit(2) from None

    from assistant.web.server import ServeSettings, WebApp

    # The apps speak the language of `serve` (--lang, else ASSISTANT_LANG, else the site's `lang`).
    settings = ServeSettings(tls=context is not None, agents_file=agents_path(), db=db, export_dir=export_dir,
                             lang=language(), structure=site.structure,
                             idle=idle_minutes * 60.0, max_apps=max_apps)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%Y-%m-%d %H:%M:%S")
    try:
        asyncio.run(_run(WebApp(settings), host, port, context))
    except OSError as error:  # the port is taken, the address is not this machine's...
        click.echo(_("serve : impossible d'écouter sur {host}:{port} ({reason})").format(
            host=host, port=port, reason=error.strerror or error), err=True)
        raise SystemExit(1) from None


async def _run(web_app, host: str, port: int, context) -> None:
    from aiohttp import web

    runner = web.AppRunner(web_app.application(), access_log=None)  # paths hold case ids: not logged
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port, ssl_context=context, shutdown_timeout=5)
        await site.start()
        bound = runner.addresses[0][1]  # the port chosen when asked for 0
        scheme = "https" if context is not None else "http"
        if host in ("0.0.0.0", "::"):
            click.echo(_("Assistant servi sur toutes les adresses de cette machine : {url} — Ctrl+C pour "
                         "arrêter.").format(url=f"{scheme}://NOM-DU-SERVEUR:{bound}/"))
        else:
            shown = f"[{host}]" if ":" in host else host
            click.echo(_("Assistant servi sur {url} — Ctrl+C pour arrêter.").format(url=f"{scheme}://{shown}:{bound}/"))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()
