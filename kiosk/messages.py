"""Provides the app-wide messages, named as things that happened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from accessibility.speech import SpeechEvent


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


@dataclass
class SpeechProgress(Message):
    """The speaker reports progress (a phrase heard, the script over), from its own thread."""

    event: SpeechEvent


@dataclass
class SuggestionAccepted(Message):
    """The resident said yes to a volunteer's suggestion (``action``: plain_on, furigana_on,
    high_contrast_on, read_aloud, open_summary, go_home)."""

    action: str


@dataclass
class CounterHelpRequested(Message):
    """No volunteer can be called: show where the counter is."""
