"""Provides the worker thread's state: the script being read and each phrase's rendered audio.

Only the worker thread touches these, so they need no locks.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from accessibility.errors import AccessibilityError
from accessibility.speech.audio import SAMPLE_WIDTH, Mark
from accessibility.speech.event import SpeechEvent
from accessibility.speech.script import Phrase
from accessibility.speech.synthesizer import Piece, Synthesizer


@dataclass(eq=False)
class PhraseAudio:
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

    def render_next(self) -> None:
        """Renders the next piece and appends its samples and marks (nothing when all are rendered)."""
        piece = self.next_piece()
        if piece is None or self.synthesizer is None:
            return
        audio = self.synthesizer.render(piece)
        if self.sample_rate and audio.sample_rate != self.sample_rate:
            raise AccessibilityError("an engine changed sample rate within a phrase")
        offset = self.duration_s
        self.sample_rate = audio.sample_rate
        self.pcm.extend(audio.pcm)
        self.marks.extend(mark.shifted(offset) for mark in audio.marks)
        self.rendered += 1


@dataclass(eq=False)
class ScriptRun:
    """The script being read (worker-thread state). Positions are seconds of script audio."""

    script_id: int
    phrases: list[PhraseAudio]
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

    def upcoming(self, rate: float) -> Piece | None:
        """The next piece to render ahead: the rest of this phrase, then the next phrase's first
        (planned at ``rate`` if it is not planned yet)."""
        current = self.phrases[self.index]
        piece = current.next_piece()
        if piece is not None or self.index + 1 >= len(self.phrases):
            return piece
        following = self.phrases[self.index + 1]
        if following.synthesizer is None:
            return None
        if following.pieces is None:
            following.pieces = following.synthesizer.plan(following.phrase.text, following.phrase.lang, rate)
        return following.next_piece()

    def owner(self, piece: Piece) -> PhraseAudio:
        """The phrase ``piece`` (from :meth:`upcoming`) belongs to."""
        current = self.phrases[self.index]
        return current if current.next_piece() is piece else self.phrases[self.index + 1]
