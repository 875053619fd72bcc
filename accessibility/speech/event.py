"""Provides the events a speaker reports: which phrase is heard, when it ends, and failures.

Events are frozen dataclasses that carry the ``script_id`` that ``speak()`` returned, so a kiosk
that started a new script can drop late events from the old one. Positions are seconds on the
script's own clock: audio heard so far, pauses excluded.
"""

from __future__ import annotations

from dataclasses import dataclass

from accessibility.errors import AccessibilityError


@dataclass(frozen=True, slots=True)
class PhraseStarted:
    """Phrase ``index`` is now being heard.

    ``start_s`` is exact (where its audio begins); ``end_s`` is exact when the whole phrase had
    been synthesised by then, and otherwise estimated from its mora count (within about 0.3 s).
    """

    script_id: int
    index: int
    start_s: float
    end_s: float


@dataclass(frozen=True, slots=True)
class MarkReached:
    """Part of phrase ``index`` (characters ``start:end`` of its text) is now being heard.

    For finer highlighting than the phrase: accent phrases with Open JTalk, words with espeak-ng.
    """

    script_id: int
    index: int
    start: int
    end: int
    at_s: float


@dataclass(frozen=True, slots=True)
class PhraseEnded:
    """The last sample of phrase ``index`` has been heard."""

    script_id: int
    index: int
    at_s: float


@dataclass(frozen=True, slots=True)
class ScriptFinished:
    """The script is over: ``completed`` when it played to the end, False when stopped or replaced."""

    script_id: int
    completed: bool


@dataclass(frozen=True, slots=True)
class SpeechFailed:
    """Synthesis or playback failed; the script is abandoned (a ScriptFinished follows)."""

    script_id: int
    error: AccessibilityError


SpeechEvent = PhraseStarted | MarkReached | PhraseEnded | ScriptFinished | SpeechFailed
