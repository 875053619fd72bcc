"""Provides the app-wide messages, named as things that happened."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class SessionStarted(Message):
    """The resident left the welcome screen."""


@dataclass
class TopicChosen(Message):
    topic_id: str


@dataclass
class FlowChosen(Message):
    flow_id: str


@dataclass
class StepAnswered(Message):
    """The resident moved on from a flow step; ``answer`` is the option key for a question."""

    answer: str | None = None


@dataclass
class HelpRequested(Message):
    """The resident asked for a volunteer."""


@dataclass
class HomeRequested(Message):
    """The resident asked to go back to the home screen."""


@dataclass
class SessionEndRequested(Message):
    """The resident finished; everything of theirs must now be wiped."""


@dataclass
class BookingRequested(Message):
    """The resident reached a hand-off to booking."""

    service: str | None = None
