"""Provides IdleWatch: how long the resident has been away (K16, WCAG 2.2.1 Timing Adjustable)."""

from __future__ import annotations

import time
from collections.abc import Callable


class IdleWatch:
    """Warn ``warning_seconds`` before ``idle_seconds`` without a key press or a touch."""

    def __init__(self, idle_seconds: float, warning_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_seconds, self.warning_seconds, self._clock = idle_seconds, warning_seconds, clock
        self._last = clock()

    def touch(self) -> None:
        """The resident did something."""
        self._last = self._clock()

    def warning_due(self) -> bool:
        return self._clock() - self._last >= self.idle_seconds - self.warning_seconds
