"""Provides furigana: ruby segments over kanji only, and two ways to show them in a terminal.

Readings come from accessibility.readings (dictionary, number rules, UniDic). Okurigana are left
bare (受[う]け付[つ]け); a word whose reading cannot be split over its kanji (今日, 大人, 1日) gets
one ruby over the whole word. Readings are made at render time, never stored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from accessibility.linebreak import break_units, cell_width, fit_units
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
    position = 0
    for reading in readings(text, tokenizer, dictionary):
        if reading.start > position:  # what the tokenizer skips: the spaces of 分かち書き, line breaks
            segments.append(RubySegment(text[position:reading.start]))
        position = max(position, reading.end)
        if not reading.kana or not has_kanji(reading.surface):
            segments.append(RubySegment(reading.surface))
            continue
        for segment in _segments(reading):
            if segment.ruby and above_grade is not None and reading.source != "dictionary" and all(
                    kanji_grade(c) <= above_grade for c in segment.base if is_kanji(c)):
                segment = RubySegment(segment.base)
            segments.append(segment)
    if position < len(text):
        segments.append(RubySegment(text[position:]))
    return _merge(segments)


# ----------------------------------------------------------------------------- terminal rendering


def inline(segments: Sequence[RubySegment]) -> str:
    """The guideline's parenthesis style: 住民税（じゅうみんぜい）."""
    return "".join(f"{s.base}（{s.ruby}）" if s.ruby else s.base for s in segments)


def _pad(text: str, width: int) -> str:
    spare = width - cell_width(text)
    left = spare // 2
    return " " * left + text + " " * (spare - left)


_NO_LINE_START = frozenset("、。，．・：；？！）」』】〕〉》ー々ゝゞ"
                           "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.:;?!")
"""What may not start a line (行頭禁則): closing brackets, stops, the long-vowel mark, small kana."""
_NO_LINE_END = frozenset("（「『【〔〈《([{")
"""What may not end a line (行末禁則): opening brackets."""


@dataclass(frozen=True, slots=True)
class _Piece:
    """One unbreakable run of a row: an annotated segment, or a plain run between break chances."""

    base: str
    ruby: str | None
    cells: int


def _pieces(segments: Sequence[RubySegment]) -> list[_Piece | None]:
    """The rows' material in order; None where the text has a line break of its own."""
    pieces: list[_Piece | None] = []
    for segment in segments:
        for index, part in enumerate(segment.base.split("\n")):
            if index:
                pieces.append(None)
            if segment.ruby:
                pieces.append(_Piece(part, segment.ruby, max(cell_width(part), cell_width(segment.ruby))))
            else:
                pieces += [_Piece(unit, None, cell_width(unit)) for unit in break_units(part)]
    return pieces


def _groups(pieces: list[_Piece | None], words: bool = False) -> list[list[_Piece] | None]:
    """Pieces that must stay on one row together: a closing mark with what it closes, an opening
    bracket with what it opens (issue 12: a lone '。' or '）' started a furigana row); with
    ``words``, every piece of a word (plain Japanese: words end at a space)."""
    groups: list[list[_Piece] | None] = []
    glue_next = False
    for piece in pieces:
        if piece is None:
            groups.append(None)
            glue_next = False
            continue
        last = groups[-1] if groups else None
        inside_word = words and last is not None and not last[-1].base.endswith((" ", "\u3000"))
        if last is not None and (glue_next or inside_word or piece.base[:1] in _NO_LINE_START):
            last.append(piece)
        else:
            groups.append([piece])
        glue_next = piece.base.rstrip()[-1:] in _NO_LINE_END
    return groups


def ruby_lines(segments: Sequence[RubySegment], width: int | None = None, *,
               words: bool = False) -> tuple[tuple[str, str], ...]:
    """Rows of (ruby line, base line), aligned cell by cell, wrapped at ``width`` cells.

    A reading is often wider than its kanji (交付 is 4 cells, こうふ 6), so each annotated segment
    takes the wider of the two and the other is centred in it; one blank cell separates two
    annotated segments in a row, so their readings do not run together. Rows break where the
    line-breaking rules allow (``accessibility.linebreak``), never before a closing mark or after
    an opening bracket; a run too long for a row breaks between grapheme clusters. With
    ``words`` (plain Japanese, 分かち書き), rows break only at the spaces between words.
    """
    rows: list[tuple[str, str]] = []
    row: list[_Piece] = []

    def flush() -> None:
        if any(piece.base.strip() for piece in row):
            rows.append(_render(row))
        row.clear()

    for group in _groups(_pieces(segments), words):
        if group is None:
            flush()
            continue
        if not width or _cells([*row, *group]) <= width:
            row.extend(group)
            continue
        flush()
        if _cells(group) <= width:
            row.extend(group)
            continue
        # Longer than a row: piece by piece, a run cut between grapheme clusters if need be; a
        # closing mark that would start a row takes the piece before it along.
        for piece in group:
            parts = [piece] if piece.ruby else [_Piece(u, None, cell_width(u)) for u in fit_units((piece.base,), width)]
            for part in parts:
                if row and _cells([*row, part]) > width:
                    carried = row.pop() if part.base[:1] in _NO_LINE_START and len(row) > 1 else None
                    flush()
                    if carried is not None:
                        row.append(carried)
                row.append(part)
    flush()
    return tuple(rows)


def _cells(row: Sequence[_Piece]) -> int:
    """Cells the row takes, its last trailing spaces not counted (they fall at the break)."""
    total = 0
    for index, piece in enumerate(row):
        if index and piece.ruby and row[index - 1].ruby:
            total += 1  # keep neighbouring readings apart: 4月 1日
        last = index == len(row) - 1
        total += piece.cells if piece.ruby or not last else cell_width(piece.base.rstrip())
    return total


def _render(row: Sequence[_Piece]) -> tuple[str, str]:
    ruby_row = base_row = ""
    for index, piece in enumerate(row):
        gap = " " if index and piece.ruby and row[index - 1].ruby else ""
        if piece.ruby:
            ruby_row += gap + _pad(piece.ruby, piece.cells)
            base_row += gap + _pad(piece.base, piece.cells)
        else:
            ruby_row += " " * piece.cells
            base_row += piece.base
    return ruby_row.rstrip(), base_row.rstrip()
