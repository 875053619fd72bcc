"""Provides the commands ThreadedSpeaker posts from the caller's thread to its worker thread.

Each carries what the worker cannot learn later, such as the moment (``at``) the caller asked.
"""

from __future__ import annotations

from dataclasses import dataclass

from accessibility.speech.script import Phrase
from accessibility.speech.speaker import RepeatScope


@dataclass(frozen=True, slots=True)
class Speak:
    script_id: int
    phrases: tuple[Phrase, ...]
    at: float


@dataclass(frozen=True, slots=True)
class Pause:
    at: float


@dataclass(frozen=True, slots=True)
class Resume:
    pass


@dataclass(frozen=True, slots=True)
class Repeat:
    scope: RepeatScope
    at: float


@dataclass(frozen=True, slots=True)
class Stop:
    pass


@dataclass(frozen=True, slots=True)
class Rate:
    rate: float


@dataclass(frozen=True, slots=True)
class Close:
    pass


Command = Speak | Pause | Resume | Repeat | Stop | Rate | Close
