"""Provides the Speaker protocol and its three speakers: ThreadedSpeaker (real audio), NullSpeaker
(visual only) and RecordingSpeaker (tests).

ThreadedSpeaker owns one worker thread that plans, synthesises and plays; every public method
only posts a command and returns, so the kiosk can call it from Textual's event loop. Events
come back on the worker thread through ``on_event`` (use ``App.post_message``, which is
thread-safe and does not wait), or, without a callback, through ``next_event()``.

Playback is paced by the worker: it writes 20 ms chunks to the player, never more than a lead
(0.25 s, more while it needs time to render the next piece) ahead of a clock that says which
sample is being heard. That clock times the events, gives the position to resume from, and keeps
devices that do not pace themselves (ALSA's ``null``) in real time.

Stop and pause kill the player from the caller's thread (silence within milliseconds), then
let the worker tidy up. Pause does not freeze aplay with SIGSTOP: a frozen aplay would still
play its buffer, then underrun (a click on real cards) and leave a process hanging for minutes.
Instead the worker remembers the heard position, moves it back to the start of the word or
accent phrase being heard, and resume starts a new aplay from there, so the listener hears that
word whole.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from accessibility.errors import AccessibilityError, SpeechUnavailable
from accessibility.speech.audio import SAMPLE_WIDTH, Mark, scaled
from accessibility.speech.event import (
    MarkReached,
    PhraseEnded,
    PhraseStarted,
    ScriptFinished,
    SpeechEvent,
    SpeechFailed,
)
from accessibility.speech.player import Player, PlayerInterrupted
from accessibility.speech.script import Phrase
from accessibility.speech.synthesizer import Piece, Synthesizer, clamp_rate

log = logging.getLogger(__name__)

RepeatScope = Literal["phrase", "script"]
EventCallback = Callable[[SpeechEvent], None]

CHUNK_S = 0.02
"""Audio written per step: how long a command waits for the worker, at most, while it plays."""
LEAD_S = 0.25
"""How far writing runs ahead of what is heard, so a busy moment on the machine makes no gap."""
MAX_LEAD_S = 1.0
RESUME_REWIND_S = 2.0
"""Resume goes back to the start of the mark being heard if it began at most this long before."""


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


class _EventSink:
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
        self._events = _EventSink(on_event)
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


# Commands from the caller's thread to the worker.

@dataclass(frozen=True, slots=True)
class _Speak:
    script_id: int
    phrases: tuple[Phrase, ...]
    at: float


@dataclass(frozen=True, slots=True)
class _Pause:
    at: float


@dataclass(frozen=True, slots=True)
class _Resume:
    pass


@dataclass(frozen=True, slots=True)
class _Repeat:
    scope: RepeatScope
    at: float


@dataclass(frozen=True, slots=True)
class _Stop:
    pass


@dataclass(frozen=True, slots=True)
class _Rate:
    rate: float


@dataclass(frozen=True, slots=True)
class _Close:
    pass


_Command = _Speak | _Pause | _Resume | _Repeat | _Stop | _Rate | _Close


@dataclass(eq=False)
class _PhraseAudio:
    """One phrase's plan and the audio rendered so far (worker-thread state)."""

    phrase: Phrase
    synthesizer: Synthesizer | None
    pieces: tuple[Piece, ...] | None = None
    rendered: int = 0
    pcm: bytearray = field(default_factory=bytearray)
    sample_rate: int = 0
    marks: list[Mark] = field(default_factory=list)

    @property
    def frames(self) -> int:
        return len(self.pcm) // SAMPLE_WIDTH

    @property
    def complete(self) -> bool:
        return self.pieces is not None and self.rendered == len(self.pieces)

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate if self.sample_rate else 0.0

    def estimated_s(self) -> float:
        pending = self.pieces[self.rendered:] if self.pieces else ()
        return self.duration_s + sum(piece.estimated_s for piece in pending)

    def next_piece(self) -> Piece | None:
        if self.pieces is None or self.complete:
            return None
        return self.pieces[self.rendered]

    def reset(self) -> None:
        self.pieces, self.rendered, self.pcm, self.sample_rate, self.marks = None, 0, bytearray(), 0, []


@dataclass(eq=False)
class _Run:
    """The script being read (worker-thread state). Positions are seconds of script audio."""

    script_id: int
    phrases: list[_PhraseAudio]
    requested_at: float
    index: int = 0
    frame: int = 0
    written_s: float = 0.0
    origin: float | None = None
    """monotonic() at which script position 0 would have been heard; None while not playing."""
    offsets: dict[int, float] = field(default_factory=dict)
    pending: list[tuple[float, int, Callable[[], SpeechEvent]]] = field(default_factory=list)
    paused: bool = False
    finished: bool = False
    player_rate: int | None = None
    first_write_at: float | None = None
    sequence: itertools.count[int] = field(default_factory=itertools.count)

    def heard(self, now: float) -> float:
        return 0.0 if self.origin is None else min(self.written_s, now - self.origin)

    def schedule(self, position: float, make: Callable[[], SpeechEvent]) -> None:
        heapq.heappush(self.pending, (position, next(self.sequence), make))


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
        self._rate = clamp_rate(rate)
        self._volume = clamp_volume(volume)
        self._events = _EventSink(on_event)
        self._commands: queue.SimpleQueue[_Command] = queue.SimpleQueue()
        self._ids = itertools.count(1)
        self._id_lock = threading.Lock()
        self._run: _Run | None = None
        self._last: _Run | None = None
        self.last_start_latency_s: float | None = None
        """Seconds from the latest speak() to its first samples written to the player."""
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="madoguchi-speech", daemon=True)
        self._thread.start()

    # The caller's side: post a command, return at once.

    @property
    def rate(self) -> float:
        return self._rate

    @property
    def volume(self) -> float:
        return self._volume

    def speak(self, script: Iterable[Phrase]) -> int:
        with self._id_lock:
            script_id = next(self._ids)
        phrases = tuple(script)
        self._player.halt()
        self._commands.put(_Speak(script_id, phrases, time.monotonic()))
        return script_id

    def pause(self) -> None:
        at = time.monotonic()
        self._player.halt()
        self._commands.put(_Pause(at))

    def resume(self) -> None:
        self._commands.put(_Resume())

    def repeat(self, scope: RepeatScope = "phrase") -> None:
        at = time.monotonic()
        self._player.halt()
        self._commands.put(_Repeat(scope, at))

    def stop(self) -> None:
        self._player.halt()
        self._commands.put(_Stop())

    def set_rate(self, rate: float) -> None:
        self._rate = clamp_rate(rate)
        self._commands.put(_Rate(self._rate))

    def set_volume(self, volume: float) -> None:
        self._volume = clamp_volume(volume)

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
        self._commands.put(_Close())
        self._thread.join(timeout=1.0)
        self._player.close()

    # The worker's side.

    def _work(self) -> None:
        wait: float | None = None
        while True:
            try:
                command = self._commands.get(timeout=wait) if wait != 0 else self._commands.get_nowait()
            except queue.Empty:
                command = None
            if isinstance(command, _Close):
                self._end(completed=False)
                return
            if command is not None:
                try:
                    self._handle(command)
                except Exception as error:
                    log.exception("speech command failed")
                    if self._run is not None:
                        self._fail(self._run, error if isinstance(error, AccessibilityError)
                                   else AccessibilityError(f"speech failed: {error}"))
                    self._player.release()
                wait = 0
                continue
            wait = self._step_safely()

    def _handle(self, command: _Command) -> None:
        run = self._run
        if isinstance(command, _Speak):
            self._end(completed=False)
            synthesizers = [self._synthesizer_for(phrase.lang) for phrase in command.phrases]
            self._run = _Run(command.script_id, [_PhraseAudio(phrase, synthesizer) for phrase, synthesizer
                                                 in zip(command.phrases, synthesizers, strict=True)], command.at)
        elif isinstance(command, _Stop):
            self._end(completed=False)
        elif isinstance(command, _Pause):
            if run is not None and not run.paused:
                self._rewind(run, run.heard(command.at), snap=True)
                run.paused = True
        elif isinstance(command, _Resume):
            if run is not None:
                run.paused = False
        elif isinstance(command, _Repeat):
            self._repeat(command.scope, command.at)
        elif isinstance(command, _Rate):
            for phrase in (run.phrases if run else []) + (self._last.phrases if self._last else []):
                phrase.reset()
            if run is not None:
                self._player.halt()
                self._rewind_to(run, run.index, 0, run.offsets.get(run.index, run.written_s))
        self._player.release()

    def _synthesizer_for(self, lang: str) -> Synthesizer | None:
        for synthesizer in self._synthesizers:
            try:
                if synthesizer.supports(lang):
                    return synthesizer
            except AccessibilityError:
                continue
        return None

    def _repeat(self, scope: RepeatScope, at: float) -> None:
        """Back to the start of the phrase being heard (the last one, once finished), or of the script."""
        run = self._run
        if run is None and self._last is not None and self._last.phrases:
            run = self._run = self._last
            self._last = None
            run.finished, run.origin = False, None
            target = len(run.phrases) - 1
        elif run is not None:
            heard = run.heard(at)
            started = [index for index, offset in run.offsets.items() if offset <= heard + 1e-9]
            target = max(started) if started else min(run.index, len(run.phrases) - 1)
        else:
            return
        if scope == "script":
            target = 0
        run.paused = False
        self._rewind_to(run, target, 0, run.offsets.get(target, 0.0) if target else 0.0)

    def _rewind(self, run: _Run, position: float, *, snap: bool) -> None:
        """Makes ``position`` (script seconds) the next thing written, after a halt."""
        started = sorted((offset, index) for index, offset in run.offsets.items() if offset <= position + 1e-9)
        if not started:
            self._rewind_to(run, 0, 0, 0.0)
            return
        offset, index = started[-1]
        phrase = run.phrases[index]
        within = max(0.0, position - offset)
        if snap:
            for mark in phrase.marks:
                if mark.start_s <= within < mark.end_s and within - mark.start_s <= RESUME_REWIND_S:
                    within = mark.start_s
                    break
        frame = min(phrase.frames, int(within * phrase.sample_rate)) if phrase.sample_rate else 0
        self._rewind_to(run, index, frame, offset + (frame / phrase.sample_rate if phrase.sample_rate else 0.0))

    def _rewind_to(self, run: _Run, index: int, frame: int, position: float) -> None:
        self._emit_due(run, run.heard(time.monotonic()))
        run.index, run.frame, run.written_s = index, frame, position
        run.origin, run.player_rate, run.pending = None, None, []
        for later in [i for i in run.offsets if i > index or (i == index and frame == 0)]:
            del run.offsets[later]
        if frame > 0:
            run.offsets[index] = position - frame / run.phrases[index].sample_rate

    def _end(self, *, completed: bool) -> None:
        run = self._run
        if run is None:
            return
        if not completed:
            self._player.halt()  # a completed script's aplay is left to play out its last buffer
            self._player.release()
            self._emit_due(run, run.heard(time.monotonic()))
        self._events.emit(ScriptFinished(run.script_id, completed))
        run.finished = True
        self._run, self._last = None, run

    def _emit_due(self, run: _Run, heard: float) -> None:
        while run.pending and run.pending[0][0] <= heard + 1e-6:
            _, _, make = heapq.heappop(run.pending)
            self._events.emit(make())

    def _step_safely(self) -> float | None:
        run = self._run
        if run is None or run.paused:
            return None
        try:
            return self._step(run)
        except PlayerInterrupted:
            return 0.005  # a halt: its command is on its way
        except AccessibilityError as error:
            self._fail(run, error)
        except Exception as error:
            log.exception("speech failed")
            self._fail(run, AccessibilityError(f"speech failed: {error}"))
        return None

    def _fail(self, run: _Run, error: AccessibilityError) -> None:
        log.warning("speech failed: %s", error)
        self._events.emit(SpeechFailed(run.script_id, error))
        self._end(completed=False)

    def _step(self, run: _Run) -> float | None:
        """Does one small thing (plan, render, write a chunk, emit) and says how long to wait."""
        now = time.monotonic()
        heard = run.heard(now)
        self._emit_due(run, heard)
        if run.index >= len(run.phrases):
            return self._drain(run, heard)
        phrase = run.phrases[run.index]
        if phrase.synthesizer is None:
            raise SpeechUnavailable(f"no voice speaks {phrase.phrase.lang!r}")
        if phrase.pieces is None:
            phrase.pieces = phrase.synthesizer.plan(phrase.phrase.text, phrase.phrase.lang, self._rate)
            return 0
        if run.frame >= phrase.frames:
            if not phrase.complete:
                self._render_now(run, phrase, heard)
                return 0
            self._close_phrase(run, phrase)
            return 0
        upcoming = self._upcoming(run)
        ahead = run.written_s - heard if run.origin is not None else 0.0
        wanted = LEAD_S if upcoming is None else min(MAX_LEAD_S, max(LEAD_S, upcoming.cost_s + 0.1))
        if run.origin is None or ahead < wanted:
            return self._write(run, phrase, now)
        if upcoming is not None:
            self._render_now(run, self._owner(run, upcoming), heard)
            return 0
        until_event = run.pending[0][0] - heard if run.pending else CHUNK_S
        return max(0.002, min(ahead - LEAD_S + CHUNK_S, until_event, CHUNK_S * 2))

    def _upcoming(self, run: _Run) -> Piece | None:
        """The next piece to render ahead: the rest of this phrase, then the next phrase's first."""
        current = run.phrases[run.index]
        piece = current.next_piece()
        if piece is not None or run.index + 1 >= len(run.phrases):
            return piece
        following = run.phrases[run.index + 1]
        if following.synthesizer is None:
            return None
        if following.pieces is None:
            following.pieces = following.synthesizer.plan(following.phrase.text, following.phrase.lang,
                                                          self._rate)
        return following.next_piece()

    def _owner(self, run: _Run, piece: Piece) -> _PhraseAudio:
        current = run.phrases[run.index]
        return current if current.next_piece() is piece else run.phrases[run.index + 1]

    def _render_now(self, run: _Run, phrase: _PhraseAudio, heard: float) -> None:
        """Renders the phrase's next piece; events due meanwhile are sent first, a little early,
        rather than late (the device adds its own latency anyway)."""
        piece = phrase.next_piece()
        if piece is not None:
            self._emit_due(run, heard + piece.cost_s)
        self._render(phrase)

    def _render(self, phrase: _PhraseAudio) -> None:
        piece = phrase.next_piece()
        if piece is None or phrase.synthesizer is None:
            return
        audio = phrase.synthesizer.render(piece)
        if phrase.sample_rate and audio.sample_rate != phrase.sample_rate:
            raise AccessibilityError("an engine changed sample rate within a phrase")
        offset = phrase.duration_s
        phrase.sample_rate = audio.sample_rate
        phrase.pcm.extend(audio.pcm)
        phrase.marks.extend(mark.shifted(offset) for mark in audio.marks)
        phrase.rendered += 1

    def _write(self, run: _Run, phrase: _PhraseAudio, now: float) -> float:
        if run.player_rate != phrase.sample_rate:
            if run.origin is not None and run.heard(now) < run.written_s - 0.005:
                return run.written_s - run.heard(now)  # let the other rate's audio play out first
            self._player.finish()
            self._player.start(phrase.sample_rate)
            run.player_rate = phrase.sample_rate
        if run.origin is None or now - run.origin > run.written_s:
            run.origin = now - run.written_s  # (re)start, or catch up after a stall
        if run.frame == 0:
            start = run.offsets[run.index] = run.written_s
            index = run.index
            run.schedule(start, lambda: PhraseStarted(run.script_id, index, start,
                                                      start + run.phrases[index].estimated_s()))
        rate = phrase.sample_rate
        frames = min(max(1, int(rate * CHUNK_S)), phrase.frames - run.frame)
        begin_s, end_s = run.frame / rate, (run.frame + frames) / rate
        for mark in phrase.marks:
            if begin_s <= mark.start_s < end_s:
                run.schedule(run.offsets[run.index] + mark.start_s,
                             _mark_event(run.script_id, run.index, mark, run.offsets[run.index]))
        chunk = bytes(phrase.pcm[run.frame * SAMPLE_WIDTH:(run.frame + frames) * SAMPLE_WIDTH])
        self._player.write(scaled(chunk, self._volume))
        if run.first_write_at is None:
            run.first_write_at = time.monotonic()
            self.last_start_latency_s = run.first_write_at - run.requested_at
        run.frame += frames
        run.written_s += frames / rate
        return 0

    def _close_phrase(self, run: _Run, phrase: _PhraseAudio) -> None:
        """All of the phrase is written: its end is scheduled and the next phrase comes up."""
        index = run.index
        if phrase.frames and index in run.offsets:
            end = run.offsets[index] + phrase.duration_s
            run.schedule(end, lambda: PhraseEnded(run.script_id, index, end))
        run.index += 1
        run.frame = 0

    def _drain(self, run: _Run, heard: float) -> float | None:
        if run.player_rate is not None:
            self._player.finish()
            run.player_rate = None
        if heard >= run.written_s - 1e-6 or run.origin is None:
            self._emit_due(run, float("inf"))
            self._end(completed=True)
            return None
        next_event = run.pending[0][0] if run.pending else run.written_s
        return max(0.002, min(next_event, run.written_s) - heard)


def _mark_event(script_id: int, index: int, mark: Mark, offset: float) -> Callable[[], SpeechEvent]:
    return lambda: MarkReached(script_id, index, mark.start, mark.end, offset + mark.start_s)
