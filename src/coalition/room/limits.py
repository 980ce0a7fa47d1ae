"""The room's limits and the per-participant request counter.

Every limit answers with a clear 4xx (see `coalition.room.http`), never a hang or a crash.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one room accepts; tests shrink them to reach each one quickly."""

    body_bytes: int = 8 * 1024
    text_chars: int = 500
    name_chars: int = 80
    cards_per_step: int = 40
    requests_per_minute: int = 240
    participants: int = 200
    header_seconds: float = 10.0
    body_seconds: float = 10.0
    code_attempts_per_minute: int = 30
    joins_per_minute: int = 60  # per address (behind a tunnel every phone has the same one)
    connections: int = 600


class RateWindow:
    """How many requests one caller made in the last minute (a sliding window)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._per_minute = per_minute
        self._clock = clock
        self._times: deque[float] = deque()

    def allow(self) -> bool:
        """Count one request; False when it goes over the limit (it is not counted then)."""
        now = self._clock()
        while self._times and now - self._times[0] >= 60.0:
            self._times.popleft()
        if len(self._times) >= self._per_minute:
            return False
        self._times.append(now)
        return True
