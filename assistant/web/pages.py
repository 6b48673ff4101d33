"""The few HTML pages of `serve`: sign-in, home (new or unfinished consultations), the app, a message.

Plain `string.Template` files in `pages/`, every value escaped here. Scripts: textual-serve's
terminal and `assets/page.js` (focus), both files of this server, so the Content-Security-Policy
forbids any other (inline ones included).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from html import escape
from importlib.resources import files
from string import Template

from assistant.i18n import short_date


@cache
def _template(name: str) -> Template:
    return Template(files("assistant.web").joinpath("pages", f"{name}.html").read_text(encoding="utf-8"))


def signin(*, agent: str = "", message: str = "", structure: str | None = None, idle_minutes: int) -> str:
    return _template("signin").substitute(agent=escape(agent), message=escape(message),
                                          structure=escape(structure or ""), idle=idle_minutes)


def home(agent: str, unfinished: list[dict], *, structure: str | None = None, problem: str | None = None) -> str:
    if problem:
        listed = f'<p class="message" role="alert">{escape(problem)}</p>'
    elif unfinished:
        items = "".join(
            f'<li><a href="/app/{escape(row["id"])}">Reprendre {escape(row["id"])}</a> '
            f'{escape(row["initials"] or "")} — commencée le {_day(row["opened_on"])}, '
            f'dernière réponse le {_day(row["last_activity_on"])}</li>' for row in unfinished)
        listed = f'<h2>Consultations en cours</h2><ul id="unfinished">{items}</ul>'
    else:
        listed = ""
    return _template("home").substitute(agent=escape(agent), unfinished=listed,
                                        structure=escape(f" — {structure}" if structure else ""))


def _day(iso: str) -> str:
    return escape(short_date(date.fromisoformat(iso)))  # written out: never misread


def app(agent: str, websocket: str) -> str:
    return _template("app").substitute(agent=escape(agent), websocket=escape(websocket))


def message(text: str) -> str:
    return _template("message").substitute(message=escape(text))
