"""Provides the speakers that make no sound: NullSpeaker (the kiosk carries on visually) and
RecordingSpeaker (the kiosk's tests)."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterable

from accessibility.errors import SpeechUnavailable
from accessibility.speech.event import PhraseEnded, PhraseStarted, ScriptFinished, SpeechEvent
from accessibility.speech.script import Phrase
from accessibility.speech.speaker import EventCallback, EventSink, RepeatScope, clamp_volume
from accessibility.speech.synthesizer import clamp_rate


class NullSpeaker:
    """Says nothing and reports nothing: the kiosk carries on visually.

    ``reason`` is why there is no speech, for the one notice the kiosk shows and for its log.
    """

    available = False

    def __init__(self, reason: SpeechUnavailable | None = None) -> None:
        self.reason = reason
        self._ids = itertools.count(1)
        self._rate = 1.0
        self._volume = 1.0

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def volume(self) -> float:
        return self._volume

    def speak(self, script: Iterable[Phrase]) -> int:
        return next(self._ids)

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def repeat(self, scope: RepeatScope = "phrase") -> None:
        pass

    def stop(self) -> None:
        pass

    def set_rate(self, rate: float) -> None:
        self._rate = clamp_rate(rate)

    def set_volume(self, volume: float) -> None:
        self._volume = clamp_volume(volume)

    def next_event(self, timeout: float | None = None) -> SpeechEvent | None:
        if timeout:
            time.sleep(timeout)
        return None

    def credits(self) -> str:
        return ""

    def close(self) -> None:
        pass


class RecordingSpeaker:
    """Records what would be said and does nothing audible: for the kiosk's tests.

    With ``emit_events`` it reports each script as played instantly (PhraseStarted, PhraseEnded
    for every phrase, then ScriptFinished), from a thread of its own as a real speaker would;
    ``wait()`` lets a test wait for them.
    """

    available = True

    def __init__(self, on_event: EventCallback | None = None, *, emit_events: bool = True,
                 seconds_per_char: float = 0.15) -> None:
        self.spoken: list[tuple[Phrase, ...]] = []
        """Every script passed to speak(), in order."""
        self.actions: list[str] = []
        """Every call, by name: "speak", "pause", "resume", "repeat:phrase", "stop", "rate:1.5"…"""
        self._events = EventSink(on_event)
        self._emit = emit_events
        self._seconds_per_char = seconds_per_char
        self._ids = itertools.count(1)
        self._threads: list[threading.Thread] = []
        self._rate = 1.0
        self._volume = 1.0

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def volume(self) -> float:
        return self._volume

    def speak(self, script: Iterable[Phrase]) -> int:
        phrases = tuple(script)
        script_id = next(self._ids)
        self.spoken.append(phrases)
        self.actions.append("speak")
        if self._emit:
            thread = threading.Thread(target=self._report, args=(script_id, phrases), daemon=True)
            self._threads.append(thread)
            thread.start()
        return script_id

    def _report(self, script_id: int, phrases: tuple[Phrase, ...]) -> None:
        position = 0.0
        for index, phrase in enumerate(phrases):
            end = position + len(phrase.text) * self._seconds_per_char / self._rate
            self._events.emit(PhraseStarted(script_id, index, position, end))
            self._events.emit(PhraseEnded(script_id, index, end))
            position = end
        self._events.emit(ScriptFinished(script_id, True))

    def wait(self, timeout: float = 5.0) -> None:
        """Waits until the events of every script so far have been delivered."""
        for thread in self._threads:
            thread.join(timeout)

    def pause(self) -> None:
        self.actions.append("pause")

    def resume(self) -> None:
        self.actions.append("resume")

    def repeat(self, scope: RepeatScope = "phrase") -> None:
        self.actions.append(f"repeat:{scope}")

    def stop(self) -> None:
        self.actions.append("stop")

    def set_rate(self, rate: float) -> None:
        self._rate = clamp_rate(rate)
        self.actions.append(f"rate:{self._rate:g}")

    def set_volume(self, volume: float) -> None:
        self._volume = clamp_volume(volume)
        self.actions.append(f"volume:{self._volume:g}")

    def next_event(self, timeout: float | None = None) -> SpeechEvent | None:
        return self._events.next(timeout)

    def credits(self) -> str:
        return ""

    def close(self) -> None:
        self.actions.append("close")
