"""Provides SpeechWorker, ThreadedSpeaker's worker thread: it plans, synthesises, plays and
reports, one small step at a time, between the commands it is sent.

Playback is paced by the worker: it writes 20 ms chunks to the player, never more than a lead
(0.25 s, more while it needs time to render the next piece) ahead of a clock that says which
sample is being heard. That clock times the events, gives the position to resume from, and keeps
devices that do not pace themselves (ALSA's ``null``) in real time.
"""

from __future__ import annotations

import heapq
import logging
import queue
import time
from collections.abc import Callable, Sequence

from accessibility.errors import AccessibilityError, SpeechUnavailable
from accessibility.speech.audio import SAMPLE_WIDTH, Mark, scaled
from accessibility.speech.commands import Close, Command, Pause, Rate, Repeat, Resume, Speak, Stop
from accessibility.speech.event import (
    MarkReached,
    PhraseEnded,
    PhraseStarted,
    ScriptFinished,
    SpeechEvent,
    SpeechFailed,
)
from accessibility.speech.player import Player, PlayerInterrupted
from accessibility.speech.script_run import PhraseAudio, ScriptRun
from accessibility.speech.speaker import EventSink, RepeatScope
from accessibility.speech.synthesizer import Synthesizer

log = logging.getLogger(__name__)

CHUNK_S = 0.02
"""Audio written per step: how long a command waits for the worker, at most, while it plays."""
LEAD_S = 0.25
"""How far writing runs ahead of what is heard, so a busy moment on the machine makes no gap."""
MAX_LEAD_S = 1.0
RESUME_REWIND_S = 2.0
"""Resume goes back to the start of the mark being heard if it began at most this long before."""


class SpeechWorker:
    """Runs on ThreadedSpeaker's worker thread (:meth:`run`) and owns everything that thread touches.

    ``rate`` and ``volume`` are set from the caller's thread: a new volume is heard at the next
    chunk, a new rate when pieces are next planned (a Rate command replans what is rendered).
    """

    def __init__(self, synthesizers: Sequence[Synthesizer], player: Player, events: EventSink, *,
                 rate: float, volume: float) -> None:
        self._synthesizers = tuple(synthesizers)
        self._player = player
        self._events = events
        self.rate = rate
        self.volume = volume
        self._commands: queue.SimpleQueue[Command] = queue.SimpleQueue()
        self._run: ScriptRun | None = None
        self._last: ScriptRun | None = None
        self.last_start_latency_s: float | None = None
        """Seconds from the latest speak() to its first samples written to the player."""

    def post(self, command: Command) -> None:
        """Hands ``command`` to the worker thread; safe from any thread."""
        self._commands.put(command)

    def run(self) -> None:
        """The worker thread's loop: handles commands, steps the script between them, ends on Close."""
        wait: float | None = None
        while True:
            try:
                command = self._commands.get(timeout=wait) if wait != 0 else self._commands.get_nowait()
            except queue.Empty:
                command = None
            if isinstance(command, Close):
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

    def _handle(self, command: Command) -> None:
        run = self._run
        if isinstance(command, Speak):
            self._end(completed=False)
            synthesizers = [self._synthesizer_for(phrase.lang) for phrase in command.phrases]
            phrases = [PhraseAudio(phrase, synthesizer)
                       for phrase, synthesizer in zip(command.phrases, synthesizers, strict=True)]
            self._run = ScriptRun(command.script_id, phrases, command.at)
        elif isinstance(command, Stop):
            self._end(completed=False)
        elif isinstance(command, Pause):
            if run is not None and not run.paused:
                self._rewind(run, run.heard(command.at), snap=True)
                run.paused = True
        elif isinstance(command, Resume):
            if run is not None:
                run.paused = False
        elif isinstance(command, Repeat):
            self._repeat(command.scope, command.at)
        elif isinstance(command, Rate):
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

    def _rewind(self, run: ScriptRun, position: float, *, snap: bool) -> None:
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

    def _rewind_to(self, run: ScriptRun, index: int, frame: int, position: float) -> None:
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

    def _emit_due(self, run: ScriptRun, heard: float) -> None:
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

    def _fail(self, run: ScriptRun, error: AccessibilityError) -> None:
        log.warning("speech failed: %s", error)
        self._events.emit(SpeechFailed(run.script_id, error))
        self._end(completed=False)

    def _step(self, run: ScriptRun) -> float | None:
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
            phrase.pieces = phrase.synthesizer.plan(phrase.phrase.text, phrase.phrase.lang, self.rate)
            return 0
        if run.frame >= phrase.frames:
            if not phrase.complete:
                self._render_now(run, phrase, heard)
                return 0
            self._close_phrase(run, phrase)
            return 0
        upcoming = run.upcoming(self.rate)
        ahead = run.written_s - heard if run.origin is not None else 0.0
        wanted = LEAD_S if upcoming is None else min(MAX_LEAD_S, max(LEAD_S, upcoming.cost_s + 0.1))
        if run.origin is None or ahead < wanted:
            return self._write(run, phrase, now)
        if upcoming is not None:
            self._render_now(run, run.owner(upcoming), heard)
            return 0
        until_event = run.pending[0][0] - heard if run.pending else CHUNK_S
        return max(0.002, min(ahead - LEAD_S + CHUNK_S, until_event, CHUNK_S * 2))

    def _render_now(self, run: ScriptRun, phrase: PhraseAudio, heard: float) -> None:
        """Renders the phrase's next piece; events due meanwhile are sent first, a little early,
        rather than late (the device adds its own latency anyway)."""
        piece = phrase.next_piece()
        if piece is not None:
            self._emit_due(run, heard + piece.cost_s)
        phrase.render_next()

    def _write(self, run: ScriptRun, phrase: PhraseAudio, now: float) -> float:
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
        self._player.write(scaled(chunk, self.volume))
        if run.first_write_at is None:
            run.first_write_at = time.monotonic()
            self.last_start_latency_s = run.first_write_at - run.requested_at
        run.frame += frames
        run.written_s += frames / rate
        return 0

    def _close_phrase(self, run: ScriptRun, phrase: PhraseAudio) -> None:
        """All of the phrase is written: its end is scheduled and the next phrase comes up."""
        index = run.index
        if phrase.frames and index in run.offsets:
            end = run.offsets[index] + phrase.duration_s
            run.schedule(end, lambda: PhraseEnded(run.script_id, index, end))
        run.index += 1
        run.frame = 0

    def _drain(self, run: ScriptRun, heard: float) -> float | None:
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
