"""Provides the Synthesizer protocol (text → audio + timeline) and Piece, its unit of work.

Synthesis is split in two so that speech can start before a long text is synthesised: ``plan``
runs only the front end (milliseconds) and cuts the text into pieces at pauses; ``render``
synthesises one piece. A speaker renders the first piece, starts playing it, and renders the rest
while it plays. ``synthesize`` does all of it at once, for files and tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from accessibility.speech.audio import Audio, concat
from accessibility.speech.timing import Span

MIN_RATE = 0.5
MAX_RATE = 2.0


def clamp_rate(rate: float) -> float:
    """Speech rate limited to 0.5×–2×, the range the engines render without artefacts."""
    return min(MAX_RATE, max(MIN_RATE, float(rate)))


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one phrase that an engine synthesises in one go.

    ``units`` is the engine's own input (Open JTalk's full-context labels, or the text an engine
    will read); ``spans`` are the characters of ``text`` it covers, weighted for timing.
    """

    text: str
    """The whole phrase's text; spans refer to it."""
    lang: str
    rate: float
    units: tuple[str, ...]
    spans: tuple[Span, ...]
    estimated_s: float
    """Expected length of the piece's audio, before synthesis."""
    cost_s: float
    """Expected time to synthesise it on this machine: how much audio a speaker must have queued
    before it can afford to render this piece without a gap."""
    opens_phrase: bool = False
    """The piece starts the phrase: its leading silence is trimmed so speech starts sooner."""


class Synthesizer(Protocol):
    """A speech engine: plans and renders text in the languages it ``supports``."""

    name: str

    def supports(self, lang: str) -> bool: ...

    def load(self) -> None:
        """Loads the engine now, so the first phrase is quick.

        Raises:
            SpeechUnavailable: the engine, its dictionary or its voice is missing.
        """
        ...

    def plan(self, text: str, lang: str, rate: float = 1.0) -> tuple[Piece, ...]:
        """Cuts ``text`` into pieces; empty when there is nothing to say (punctuation only)."""
        ...

    def render(self, piece: Piece) -> Audio:
        """Synthesises a piece; its marks are relative to the piece's first sample."""
        ...

    def credits(self) -> str:
        """Attribution for the voice and engine, for the kiosk's credits screen."""
        ...


def synthesize(synthesizer: Synthesizer, text: str, lang: str, rate: float = 1.0) -> Audio:
    """The whole of ``text`` as one Audio, with marks over the whole of it.

    Raises:
        SpeechUnavailable: the engine cannot speak ``lang`` or is not installed.
    """
    pieces = synthesizer.plan(text, lang, clamp_rate(rate))
    if not pieces:
        return Audio(b"", 16000)
    return concat([synthesizer.render(piece) for piece in pieces])
