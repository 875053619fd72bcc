"""Provides the Speaker protocol, which the kiosk talks to, and what its speakers share.

The speakers: ThreadedSpeaker (real audio, accessibility.speech.threaded_speaker), NullSpeaker
(visual only) and RecordingSpeaker (tests), both in accessibility.speech.silent_speakers.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable, Iterable
from typing import Literal, Protocol

from accessibility.speech.event import SpeechEvent
from accessibility.speech.script import Phrase

log = logging.getLogger(__name__)

RepeatScope = Literal["phrase", "script"]
EventCallback = Callable[[SpeechEvent], None]


class Speaker(Protocol):
    """Reads scripts aloud without blocking the caller; reports progress as SpeechEvents."""

    @property
    def available(self) -> bool:
        """False for a speaker that makes no sound (NullSpeaker): the kiosk shows a notice."""
        ...

    @property
    def rate(self) -> float: ...

    @property
    def volume(self) -> float: ...

    def speak(self, script: Iterable[Phrase]) -> int:
        """Starts reading ``script``, cutting off whatever was being read; returns its script id."""
        ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def repeat(self, scope: RepeatScope = "phrase") -> None:
        """Reads the current (or last) phrase again and carries on, or the whole script again."""
        ...

    def stop(self) -> None:
        """Silences speech at once; a ScriptFinished(completed=False) follows."""
        ...

    def set_rate(self, rate: float) -> None:
        """0.5×–2× (clamped). While speaking, the current phrase restarts at the new rate."""
        ...

    def set_volume(self, volume: float) -> None:
        """0–1 (clamped), heard within about 0.25 s (audio already queued keeps its volume)."""
        ...

    def next_event(self, timeout: float | None = None) -> SpeechEvent | None:
        """The next event when no ``on_event`` callback was given; None on timeout."""
        ...

    def credits(self) -> str: ...

    def close(self) -> None: ...


def clamp_volume(volume: float) -> float:
    return min(1.0, max(0.0, float(volume)))


class EventSink:
    """Delivers events to a callback, or queues them for ``next_event``."""

    def __init__(self, on_event: EventCallback | None) -> None:
        self._on_event = on_event
        self._queue: queue.SimpleQueue[SpeechEvent] = queue.SimpleQueue()

    def emit(self, event: SpeechEvent) -> None:
        if self._on_event is None:
            self._queue.put(event)
            return
        try:
            self._on_event(event)
        except Exception:
            log.exception("speech event listener failed")

    def next(self, timeout: float | None) -> SpeechEvent | None:
        try:
            return self._queue.get(timeout=timeout)
        except queue.Empty:
            return None
