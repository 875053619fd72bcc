"""Provides the text as every rule reads it: its sentences, and allowed terms found across spaces.

Plain text is written with spaces between bunsetsu (分かち書き), so terms are looked for in the
text with its spaces taken out (Compact) and reported at their offsets in the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from accessibility.plain_japanese.profiles import Profile
from accessibility.tokenizer import Token

BlockKind = Literal["prose", "heading", "item"]
"""What check() is given: running text, a heading, or an option label or list item."""

SENTENCE_END = frozenset("。！？!?．")
OPENING = "（(「『【［[｛{〈《"
CLOSING = "）)」』】］]｝}〉》"
_BULLET = re.compile(r"[ \t\u3000]*(?:[・•●○◦▪■□◆◇\-*＊]|[0-9０-９]{1,2}[.)．）](?![0-9０-９])|[①-⑳])")


def digit_value(char: str) -> int:
    return unicodedata.digit(char, 0)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as offsets into the text, with its tokens."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    """Tokens inside the sentence, whitespace tokens left out."""
    is_item: bool
    """On a line that starts with a bullet: exempt from です/ます."""


def is_space_token(token: Token) -> bool:
    return token.pos1 == "空白" or token.surface.isspace()


def split_sentences(text: str, tokens: tuple[Token, ...]) -> tuple[Sentence, ...]:
    """Sentences ending at 。！？!? outside brackets and at newlines, trimmed of spaces."""
    spans: list[tuple[int, int, bool]] = []
    line_is_item = bool(_BULLET.match(text))
    start = 0
    depth = 0
    for index, char in enumerate(text):
        if char == "\n":
            spans.append((start, index, line_is_item))
            start, depth = index + 1, 0
            line_is_item = bool(_BULLET.match(text, start))
        elif char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(0, depth - 1)
        elif char in SENTENCE_END and depth == 0:
            spans.append((start, index + 1, line_is_item))
            start = index + 1
    spans.append((start, len(text), line_is_item))
    starts = [token.start for token in tokens]
    sentences = []
    for begin, end, is_item in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin == end:
            continue
        inside = tokens[bisect_left(starts, begin):bisect_left(starts, end)]
        sentences.append(Sentence(begin, end, tuple(t for t in inside if not is_space_token(t)), is_item))
    return tuple(sentences)


@dataclass(frozen=True, slots=True)
class Compact:
    """The text without spaces, and where each of its characters sits in the original."""

    text: str
    positions: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Compact:
        positions = tuple(i for i, char in enumerate(text) if not char.isspace())
        return cls("".join(text[i] for i in positions), positions)


def find_terms(compact: Compact, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``terms`` in the original text, found even when 分かち書き put spaces inside them."""
    positions, compact_text = compact.positions, compact.text
    spans = []
    for term in terms:
        needle = "".join(term.split())
        if not needle:
            continue
        found = compact_text.find(needle)
        while found >= 0:
            spans.append((positions[found], positions[found + len(needle) - 1] + 1))
            found = compact_text.find(needle, found + 1)
    return spans


def covered_mask(length: int, spans: Iterable[tuple[int, int]]) -> bytearray:
    mask = bytearray(length)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def uncovered_runs(start: int, end: int, covered: bytearray) -> Iterator[tuple[int, int]]:
    """Parts of [start, end) not covered by an allowed term."""
    run_start = None
    for index in range(start, end):
        if covered[index]:
            if run_start is not None:
                yield run_start, index
                run_start = None
        elif run_start is None:
            run_start = index
    if run_start is not None:
        yield run_start, end


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule reads, built once per check() so that no rule tokenises or splits again."""

    text: str
    tokens: tuple[Token, ...]
    """Every non-space token of the text."""
    sentences: tuple[Sentence, ...]
    profile: Profile
    kind: BlockKind
    compact: Compact
