"""Provides the console's app-wide messages: what the volunteer did, named as past-tense events.

Screens post them; VolunteerApp decides what follows (network calls run in its workers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass
class SignInSubmitted(Message):
    username: str
    password: str = field(repr=False)


@dataclass
class RequestChosen(Message):
    """Open a request's page (Enter or a click in the queue)."""

    request_id: int


@dataclass
class AcceptChosen(Message):
    request_id: int


@dataclass
class RequestResolved(Message):
    request_id: int
