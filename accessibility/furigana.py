"""Provides furigana: ruby segments over kanji only, and two ways to show them in a terminal.

Readings come from accessibility.readings (dictionary, number rules, UniDic). Okurigana are left
bare (受[う]け付[つ]け); a word whose reading cannot be split over its kanji (今日, 大人, 1日) gets
one ruby over the whole word. Readings are made at render time, never stored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from accessibility.readings import (
    EMPTY_DICTIONARY,
    Reading,
    ReadingDictionary,
    has_kanji,
    hiragana,
    is_kanji,
    readings,
)
from accessibility.tokenizer import Tokenizer


@dataclass(frozen=True, slots=True)
class RubySegment:
    base: str
    ruby: str | None = None


@lru_cache(maxsize=1)
def _grades() -> dict[str, int]:
    """School grade (1–6) of each 教育漢字, from MEXT's 学年別漢字配当表 (2017 revision)."""
    from kanji_lists import KYOIKU

    return {kanji: grade for grade in range(1, 7) for kanji in getattr(KYOIKU, f"GRADE{grade}")}


def kanji_grade(char: str) -> int:
    """1–6 for kanji taught in elementary school, 7 for every other kanji."""
    return _grades().get(char, 7)


def _split_okurigana(surface: str, reading: str) -> list[RubySegment] | None:
    """受け付け + うけつけ → 受[う] け 付[つ] け; None when the kana do not line up."""
    runs = re.findall(r"[^\u3040-\u30ff]+|[\u3040-\u30ff]+", surface)
    if len(runs) == 1:
        return None
    pattern = "".join("(.+?)" if has_kanji(run) else "(" + re.escape(hiragana(run)) + ")" for run in runs)
    match = re.fullmatch(pattern, reading)
    if not match:
        return None
    return [RubySegment(run, part if has_kanji(run) else None) for run, part in zip(runs, match.groups(), strict=True)]


_KANA = re.compile("[\u3040-\u30ff]")


def _segments(reading: Reading) -> list[RubySegment]:
    if not reading.kana or not has_kanji(reading.surface):
        return [RubySegment(reading.surface)]
    if reading.source == "unidic" and _KANA.search(reading.surface):
        split = _split_okurigana(reading.surface, reading.kana)
        if split is not None:
            return split
    return [RubySegment(reading.surface, reading.kana)]


def _merge(segments: Iterable[RubySegment]) -> tuple[RubySegment, ...]:
    """Join neighbouring segments without ruby into one."""
    merged: list[RubySegment] = []
    plain: list[str] = []
    for segment in segments:
        if segment.ruby is None:
            plain.append(segment.base)
            continue
        if plain:
            merged.append(RubySegment("".join(plain)))
            plain = []
        merged.append(segment)
    if plain:
        merged.append(RubySegment("".join(plain)))
    return tuple(merged)


def annotate(text: str, tokenizer: Tokenizer, dictionary: ReadingDictionary = EMPTY_DICTIONARY, *,
             above_grade: int | None = None) -> tuple[RubySegment, ...]:
    """Split ``text`` into segments; segments with kanji carry their reading in hiragana.

    Args:
        above_grade: ruby only where a kanji is taught after this school grade (1–6; 6 = every
            kanji beyond elementary school). None puts ruby on every kanji (plain Japanese mode).
    """
    segments: list[RubySegment] = []
    for reading in readings(text, tokenizer, dictionary):
        if not reading.kana or not has_kanji(reading.surface):
            segments.append(RubySegment(reading.surface))
            continue
        for segment in _segments(reading):
            if segment.ruby and above_grade is not None and reading.source != "dictionary" and all(
                    kanji_grade(c) <= above_grade for c in segment.base if is_kanji(c)):
                segment = RubySegment(segment.base)
            segments.append(segment)
    return _merge(segments)


# ----------------------------------------------------------------------------- terminal rendering


def cell_width(text: str) -> int:
    """Terminal cells, as terminals (glibc's wcwidth) draw them: 2 for wide (East Asian W/F)
    characters, 0 for non-spacing and enclosing marks and format characters, else 1 (spacing
    marks such as Devanagari ा included)."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in text)


def inline(segments: Sequence[RubySegment]) -> str:
    """The guideline's parenthesis style: 住民税（じゅうみんぜい）."""
    return "".join(f"{s.base}（{s.ruby}）" if s.ruby else s.base for s in segments)


def _pad(text: str, width: int) -> str:
    spare = width - cell_width(text)
    left = spare // 2
    return " " * left + text + " " * (spare - left)


def ruby_lines(segments: Sequence[RubySegment], width: int | None = None) -> tuple[tuple[str, str], ...]:
    """Rows of (ruby line, base line), aligned cell by cell, wrapped at ``width`` cells.

    A reading is often wider than its kanji (交付 is 4 cells, こうふ 6), so each annotated segment
    takes the wider of the two and the other is centred in it; one blank cell separates two
    annotated segments in a row, so their readings do not run together. Rows break between
    segments, or inside a long unannotated segment.
    """
    rows: list[tuple[str, str]] = []
    ruby_row, base_row, used = "", "", 0
    previous_had_ruby = False

    def flush() -> None:
        nonlocal ruby_row, base_row, used, previous_had_ruby
        if base_row:
            rows.append((ruby_row.rstrip(), base_row.rstrip()))
        ruby_row, base_row, used, previous_had_ruby = "", "", 0, False

    for segment in segments:
        pieces = segment.base.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                flush()
            if segment.ruby:
                cells = max(cell_width(piece), cell_width(segment.ruby))
                gap = 1 if previous_had_ruby else 0  # keep neighbouring readings apart: 4月 1日
                if width and used + gap + cells > width:
                    flush()
                    gap = 0
                ruby_row += " " * gap + _pad(segment.ruby, cells)
                base_row += " " * gap + _pad(piece, cells)
                used += gap + cells
                previous_had_ruby = True
                continue
            previous_had_ruby = False
            for char in piece:
                cells = cell_width(char)
                if width and used + cells > width:
                    flush()
                ruby_row += " " * cells
                base_row += char
                used += cells
    flush()
    return tuple(rows)
