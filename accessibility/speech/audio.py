"""Provides Audio and Mark, with the WAV and level helpers that read-aloud needs.

Audio is mono, signed 16-bit, little-endian PCM held in ``bytes``: what ``aplay -t raw`` reads and
a WAV file stores, and immutable, so frozen dataclasses can carry it between threads. Levels are
measured with the ``array`` module's C loops, so nothing here needs numpy.
"""

from __future__ import annotations

import sys
import wave
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

SAMPLE_WIDTH = 2
"""Bytes per sample: signed 16-bit."""

SILENCE_PEAK = 300
"""A 10 ms frame whose peak stays under this (about -40 dBFS) counts as silence: Open JTalk's
pauses hover around 5-60, its speech reaches thousands."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A span of a phrase's text and when it is heard.

    ``start``/``end`` are character offsets into the phrase's text; ``start_s``/``end_s`` are
    seconds from the first sample of that phrase's audio.
    """

    start: int
    end: int
    start_s: float
    end_s: float

    def shifted(self, seconds: float) -> Mark:
        return replace(self, start_s=self.start_s + seconds, end_s=self.end_s + seconds)


@dataclass(frozen=True, slots=True)
class Audio:
    """Synthesised speech: PCM, its sample rate, and the marks that time its text."""

    pcm: bytes
    """Mono, signed 16-bit little-endian samples."""
    sample_rate: int
    marks: tuple[Mark, ...] = ()

    @property
    def frames(self) -> int:
        return len(self.pcm) // SAMPLE_WIDTH

    @property
    def duration_s(self) -> float:
        return self.frames / self.sample_rate

    def without_start(self, frames: int) -> Audio:
        """The audio minus its first ``frames`` samples (a leading silence), marks moved to match."""
        if frames <= 0:
            return self
        seconds = frames / self.sample_rate
        marks = tuple(Mark(m.start, m.end, max(0.0, m.start_s - seconds), max(0.0, m.end_s - seconds))
                      for m in self.marks)
        return Audio(self.pcm[frames * SAMPLE_WIDTH:], self.sample_rate, marks)


def concat(parts: Sequence[Audio]) -> Audio:
    """One Audio from consecutive parts of the same sample rate, each part's marks moved to its offset."""
    if not parts:
        raise ValueError("nothing to concatenate")
    rate = parts[0].sample_rate
    if any(part.sample_rate != rate for part in parts):
        raise ValueError("parts differ in sample rate")
    marks: list[Mark] = []
    offset = 0.0
    for part in parts:
        marks.extend(mark.shifted(offset) for mark in part.marks)
        offset += part.duration_s
    return Audio(b"".join(part.pcm for part in parts), rate, tuple(marks))


def samples(pcm: bytes) -> array[int]:
    """The PCM as an array of ints, whatever the machine's byte order."""
    values = array("h")
    values.frombytes(pcm[: len(pcm) - len(pcm) % SAMPLE_WIDTH])
    if sys.byteorder == "big":
        values.byteswap()
    return values


def to_pcm(values: array[int]) -> bytes:
    if sys.byteorder == "big":
        values = array("h", values)
        values.byteswap()
    return values.tobytes()


def scaled(pcm: bytes, volume: float) -> bytes:
    """The PCM at ``volume`` (0-1). Applied by the player, so a change is heard within one chunk."""
    if volume >= 0.999:
        return pcm
    if volume <= 0.0:
        return bytes(len(pcm))
    return to_pcm(array("h", (int(value * volume) for value in samples(pcm))))


def frame_peaks(pcm: bytes, sample_rate: int, frame_s: float = 0.01) -> list[int]:
    """The peak magnitude of each ``frame_s`` frame."""
    values = samples(pcm)
    step = max(1, int(sample_rate * frame_s))
    return [max(max(frame), -min(frame)) for frame in (values[i:i + step] for i in range(0, len(values), step))]


def speech_bounds(audio: Audio, threshold: int = SILENCE_PEAK) -> tuple[float, float] | None:
    """Seconds where speech starts and ends (first and last loud 10 ms frame), or None if silent."""
    peaks = frame_peaks(audio.pcm, audio.sample_rate)
    loud = [i for i, peak in enumerate(peaks) if peak >= threshold]
    if not loud:
        return None
    return loud[0] * 0.01, min(audio.duration_s, (loud[-1] + 1) * 0.01)


def rms(pcm: bytes) -> float:
    """Root mean square of the samples, in 16-bit units (0 for silence, about 3,000-5,000 for speech)."""
    values = samples(pcm)
    if not values:
        return 0.0
    return float((sum(value * value for value in values) / len(values)) ** 0.5)


def write_wav(audio: Audio, path: Path | str) -> Path:
    """Writes ``audio`` as a 16-bit mono WAV file and returns its path."""
    target = Path(path)
    with wave.open(str(target), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(audio.sample_rate)
        out.writeframes(audio.pcm)
    return target


def read_wav(path: Path | str) -> Audio:
    """Reads a PCM WAV file as 16-bit mono (the first channel of a multi-channel file).

    Raises:
        wave.Error or OSError when the file is missing or not PCM WAV.
    """
    with wave.open(str(path), "rb") as source:
        channels, width, rate = source.getnchannels(), source.getsampwidth(), source.getframerate()
        raw = source.readframes(source.getnframes())
    if width == SAMPLE_WIDTH and channels == 1:
        return Audio(raw, rate)
    if width == 1:  # unsigned 8-bit
        values = array("h", ((byte - 128) << 8 for byte in raw))
    elif width == 4:
        wide = array("i")
        wide.frombytes(raw)
        if sys.byteorder == "big":
            wide.byteswap()
        values = array("h", (value >> 16 for value in wide))
    elif width == SAMPLE_WIDTH:
        values = samples(raw)
    else:
        raise wave.Error(f"{width * 8}-bit WAV is not supported")
    if channels > 1:
        values = values[::channels]
    return Audio(to_pcm(values), rate)
