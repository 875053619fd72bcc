"""Provides the pure arithmetic of phrase timing: aligning an engine's words with the display text
and spreading a span of audio over them by mora count (method B of the read-aloud research).

Front ends rewrite what they read (Open JTalk turns ``8時`` into ``八時`` and ``TEL`` into ``ＴＥＬ``),
so words are found again in the display text after NFKC normalisation; words it cannot find
(numbers spelt out) take the gap between their found neighbours.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from accessibility.speech.audio import Mark

SEARCH_WINDOW = 6
"""How many characters a word may lie beyond the previous one: punctuation and symbols that the
front end dropped (``,`` in ``3,000``, ``「``)."""


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start:end`` of a text, weighing ``weight`` (morae) in the audio."""

    start: int
    end: int
    weight: float


def _normalised(text: str) -> tuple[str, list[int]]:
    """NFKC of ``text`` and, for each normalised character, the index of its source character."""
    parts: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        normal = unicodedata.normalize("NFKC", char)
        parts.append(normal)
        index.extend([position] * len(normal))
    return "".join(parts), index


def align(text: str, words: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """Where each of ``words`` (in order, as a front end rewrote them) lies in ``text``.

    Returns one ``(start, end)`` character span of ``text`` per word. A word not found within
    ``SEARCH_WINDOW`` characters of the previous one gets the gap between its found neighbours.
    """
    normal, index = _normalised(text)
    found: list[tuple[int, int] | None] = []
    cursor = 0
    for word in words:
        target = unicodedata.normalize("NFKC", word).strip()
        position = normal.find(target, cursor, cursor + len(target) + SEARCH_WINDOW) if target else -1
        if position < 0:
            found.append(None)
            continue
        end = position + len(target)
        found.append((index[position], index[end - 1] + 1))
        cursor = end
    spans: list[tuple[int, int]] = []
    before = 0
    for i, span in enumerate(found):
        if span is not None:
            spans.append(span)
            before = span[1]
            continue
        after = next((s[0] for s in found[i + 1:] if s is not None), len(text))
        spans.append((before, max(before, after)))
    return tuple(spans)


def spread(spans: Sequence[Span], start_s: float, end_s: float) -> tuple[Mark, ...]:
    """Marks that share ``start_s``–``end_s`` among ``spans`` in proportion to their weights."""
    total = sum(max(span.weight, 0.0) for span in spans)
    if not spans:
        return ()
    if total <= 0:
        spans = [Span(span.start, span.end, 1.0) for span in spans]
        total = float(len(spans))
    marks = []
    position = start_s
    length = max(0.0, end_s - start_s)
    for span in spans:
        duration = length * max(span.weight, 0.0) / total
        marks.append(Mark(span.start, span.end, position, position + duration))
        position += duration
    return tuple(marks)


def mark_at(marks: Sequence[Mark], seconds: float) -> Mark | None:
    """The mark being heard at ``seconds``, if any."""
    for mark in marks:
        if mark.start_s <= seconds < mark.end_s:
            return mark
    return None
