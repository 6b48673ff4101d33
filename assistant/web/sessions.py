"""Signed-in browser sessions: a random token in a cookie, ended by sign-out, idleness or age.

Kept in memory only: restarting `serve` signs everybody out (the consultations are in the case
log, answer by answer, and are resumed after signing in again).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

IDLE = 30 * 60  # seconds without a key pressed in the app or a page asked for
MAX_AGE = 12 * 60 * 60  # a working day, whatever the activity


@dataclass(eq=False)
class Session:
    token: str
    agent: str  # the agent code as stored: new cases are attributed to it
    started: float
    seen: float
    sockets: set = field(default_factory=set)  # the open websockets (one app process each)
    apps: set[str] = field(default_factory=set)  # ids of their app services (downloads check them)


class Sessions:
    def __init__(self, *, idle: float = IDLE, max_age: float = MAX_AGE, clock: Callable[[], float] = time.monotonic):
        self.idle, self.max_age, self.clock = idle, max_age, clock
        self._by_token: dict[str, Session] = {}

    def open(self, agent: str) -> Session:
        now = self.clock()
        session = Session(secrets.token_urlsafe(32), agent, now, now)
        self._by_token[session.token] = session
        return session

    def get(self, token: str | None) -> Session | None:
        """The live session of `token`; an expired one is not returned (`expired()` ends it)."""
        session = self._by_token.get(token or "")
        if session is None or self._over(session):
            return None
        return session

    def touch(self, session: Session) -> None:
        session.seen = self.clock()

    def close(self, token: str | None) -> Session | None:
        return self._by_token.pop(token or "", None)

    def expired(self, still_agents: set[str] | None = None) -> list[tuple[Session, str]]:
        """Remove and return the sessions to end, each with why: 'idle', 'age', or 'removed'
        when its agent is no longer among `still_agents` (removed with `config agent remove`)."""
        ended = []
        for session in list(self._by_token.values()):
            why = self._over(session) or ("removed" if still_agents is not None and session.agent not in still_agents
                                          else None)
            if why:
                ended.append((self._by_token.pop(session.token), why))
        return ended

    def all(self) -> list[Session]:
        return list(self._by_token.values())

    def _over(self, session: Session) -> str | None:
        now = self.clock()
        if now - session.started >= self.max_age:
            return "age"
        if now - session.seen >= self.idle:
            return "idle"
        return None
