"""Failed sign-ins slow the next ones down, per agent code typed and per client address.

The first FREE failures in a row cost only the fixed delay of each refusal (see `server.py`);
after them each new attempt must wait, twice as long every time: 2 s, 4 s, 8 s ... 15 min at
most. A success clears the count. Past a few failures an agent code can be tried about a
hundred times a day, whatever the number of addresses trying it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable

FREE = 3
LONGEST = 15 * 60
_KEEP = 10_000  # keys remembered at most; the oldest quiet ones are forgotten first


class Throttle:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._failures: dict[Hashable, tuple[int, float]] = {}  # key -> (failures in a row, last at)

    def wait(self, key: Hashable) -> float:
        """Seconds before `key` may try again (0: now)."""
        count, last = self._failures.get(key, (0, 0.0))
        if count < FREE:
            return 0.0
        return max(0.0, last + self.delay(count) - self.clock())

    @staticmethod
    def delay(count: int) -> float:
        return float(min(2 ** (count - FREE + 1), LONGEST))

    def failed(self, key: Hashable) -> int:
        """Count one more failure of `key`; returns the failures in a row."""
        count = self._failures.pop(key, (0, 0.0))[0] + 1
        self._failures[key] = (count, self.clock())  # re-inserted: the dict stays oldest first
        if len(self._failures) > _KEEP:
            self._forget()
        return count

    def succeeded(self, key: Hashable) -> None:
        self._failures.pop(key, None)

    def _forget(self) -> None:
        now = self.clock()
        for key, (count, last) in list(self._failures.items()):
            if len(self._failures) <= _KEEP // 2:
                break
            if now - last > self.delay(count):  # its wait is over: forgetting it changes little
                del self._failures[key]
        while len(self._failures) > _KEEP:  # still too many (a flood): drop the oldest
            del self._failures[next(iter(self._failures))]
