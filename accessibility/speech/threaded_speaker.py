"""Provides ThreadedSpeaker, real speech: the caller's side, which posts commands to one worker.

ThreadedSpeaker owns one worker thread (accessibility.speech.worker) that plans, synthesises
and plays; every public method only posts a command and returns, so the kiosk can call it from
Textual's event loop. Events come back on the worker thread through ``on_event`` (use
``App.post_message``, which is thread-safe and does not wait), or, without a callback, through
``next_event()``.

Stop and pause kill the player from the caller's thread (silence within milliseconds), then
let the worker tidy up. Pause does not freeze aplay with SIGSTOP: a frozen aplay would still
play its buffer, then underrun (a click on real cards) and leave a process hanging for minutes.
Instead the worker remembers the heard position, moves it back to the start of the word or
accent phrase being heard, and resume starts a new aplay from there, so the listener hears that
word whole.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterable, Sequence

from accessibility.speech.commands import Close, Pause, Rate, Repeat, Resume, Speak, Stop
from accessibility.speech.event import SpeechEvent
from accessibility.speech.player import Player
from accessibility.speech.script import Phrase
from accessibility.speech.speaker import EventCallback, EventSink, RepeatScope, clamp_volume
from accessibility.speech.synthesizer import Synthesizer, clamp_rate
from accessibility.speech.worker import SpeechWorker


class ThreadedSpeaker:
    """Real speech: synthesizers chosen per phrase language, a player, one worker thread.

    Args:
        synthesizers: tried in order; the first that ``supports`` a phrase's language reads it.
        player: where samples go (an AplayPlayer); halted from the caller's thread on stop.
        on_event: called on the worker thread for every event; without it, use ``next_event``.
    """

    available = True

    def __init__(self, synthesizers: Sequence[Synthesizer], player: Player, *, rate: float = 1.0,
                 volume: float = 1.0, on_event: EventCallback | None = None) -> None:
        self._synthesizers = tuple(synthesizers)
        self._player = player
        self._events = EventSink(on_event)
        self._worker = SpeechWorker(self._synthesizers, player, self._events, rate=clamp_rate(rate),
                                    volume=clamp_volume(volume))
        self._ids = itertools.count(1)
        self._id_lock = threading.Lock()
        self._closed = False
        self._thread = threading.Thread(target=self._worker.run, name="madoguchi-speech", daemon=True)
        self._thread.start()

    @property
    def rate(self) -> float:
        return self._worker.rate

    @property
    def volume(self) -> float:
        return self._worker.volume

    @property
    def last_start_latency_s(self) -> float | None:
        """Seconds from the latest speak() to its first samples written to the player."""
        return self._worker.last_start_latency_s

    def speak(self, script: Iterable[Phrase]) -> int:
        with self._id_lock:
            script_id = next(self._ids)
        phrases = tuple(script)
        self._player.halt()
        self._worker.post(Speak(script_id, phrases, time.monotonic()))
        return script_id

    def pause(self) -> None:
        at = time.monotonic()
        self._player.halt()
        self._worker.post(Pause(at))

    def resume(self) -> None:
        self._worker.post(Resume())

    def repeat(self, scope: RepeatScope = "phrase") -> None:
        at = time.monotonic()
        self._player.halt()
        self._worker.post(Repeat(scope, at))

    def stop(self) -> None:
        self._player.halt()
        self._worker.post(Stop())

    def set_rate(self, rate: float) -> None:
        self._worker.rate = clamp_rate(rate)
        self._worker.post(Rate(self._worker.rate))

    def set_volume(self, volume: float) -> None:
        self._worker.volume = clamp_volume(volume)

    def next_event(self, timeout: float | None = None) -> SpeechEvent | None:
        return self._events.next(timeout)

    def credits(self) -> str:
        return "\n".join(dict.fromkeys(s.credits() for s in self._synthesizers if s.credits()))

    def close(self) -> None:
        """Stops speech and ends the worker thread (waits up to a second for it)."""
        if self._closed:
            return
        self._closed = True
        self._player.halt()
        self._worker.post(Close())
        self._thread.join(timeout=1.0)
        self._player.close()
