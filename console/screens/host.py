"""Provides ConsoleHost: what a screen may use of the app that shows it.

The app imports the screens to push them, so the screens must not import the app: it hands itself
to them as a ConsoleHost, and mypy checks at each hand-over that it is one.
"""

from __future__ import annotations

from typing import Protocol

from console.client import VolunteerClient
from console.errors import ConsoleError


class ConsoleHost(Protocol):
    connected: bool
    """False while the server cannot be reached; a screen that heard from it sets it back."""

    @property
    def client(self) -> VolunteerClient: ...

    @property
    def poll_seconds(self) -> float: ...

    def report(self, error: ConsoleError, *, quiet: bool = False) -> None:
        """Turn a failure into something the volunteer sees; never raises."""
