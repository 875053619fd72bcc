"""Provides line breaking by the Unicode line-breaking algorithm (UAX #14) and display width.

Vietnamese, Portuguese, Nepali and Korean break between words; Japanese and Chinese between characters,
except before closing brackets, 。、 and small kana and after opening brackets (禁則処理, which
UAX #14's classes encode); a unit wider than the line breaks between grapheme clusters, so a
Devanagari conjunct or a vowel sign is never split from its letter (issue 12: 'giấy ch/ứng',
'cartã/o', 'पसल/मा'). Widths are terminal cells (``cell_width``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from uniseg.graphemecluster import grapheme_clusters
from uniseg.linebreak import line_break_units


def cell_width(text: str) -> int:
    """Terminal cells, as terminals (glibc's wcwidth) draw them: 2 for wide (East Asian W/F)
    characters, 0 for non-spacing and enclosing marks and format characters, else 1 (spacing
    marks such as Devanagari ा included)."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in text)


HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
"""Korean letters: a word holding one breaks only at its spaces."""


DIGIT = re.compile(r"[0-9０-９]")
COUNTER = re.compile(r"[\u3400-\u9fff]")
"""A number keeps the kanji after it, its unit or counter: 30分, 12月, 2,000円 ('午後3時30|分')."""


@lru_cache(maxsize=4096)
def break_units(text: str) -> tuple[str, ...]:
    """``text`` cut at its line-break opportunities; each unit keeps its trailing spaces.

    Korean is written with spaces between words and breaks only there (CSS's ``word-break:
    keep-all``); UAX #14 alone breaks between any two Hangul syllables ('만들어지' | '고,'). A
    number is not parted from the kanji that follows it ('3時30' | '分')."""
    if not text:
        return ()
    units: list[str] = []
    for unit in line_break_units(text):
        if units and not units[-1][-1:].isspace():
            tail = re.split(r"\s", units[-1])[-1]
            head = re.split(r"\s", unit, maxsplit=1)[0]
            if HANGUL.search(tail + head) or (DIGIT.match(tail[-1:]) and COUNTER.match(head)):
                units[-1] += unit
                continue
        units.append(unit)
    return tuple(units)


def fit_units(units: tuple[str, ...], width: int) -> list[str]:
    """Units no wider than ``width``: a longer one is cut between grapheme clusters."""
    fitted: list[str] = []
    for unit in units:
        if cell_width(unit.rstrip()) <= width:
            fitted.append(unit)
            continue
        piece, used = "", 0
        for cluster in grapheme_clusters(unit):
            cells = cell_width(cluster)
            if used + cells > width and piece:
                fitted.append(piece)
                piece, used = "", 0
            piece += cluster
            used += cells
        if piece:
            fitted.append(piece)
    return fitted


def word_units(text: str) -> tuple[str, ...]:
    """``text`` cut at its spaces only, each word keeping its trailing spaces: plain Japanese is
    written with a space between words (分かち書き) and must break only there."""
    return tuple(re.findall(r"\s+|\S+\s*", text))


@lru_cache(maxsize=1024)
def wrap(text: str, width: int, *, words: bool = False) -> tuple[str, ...]:
    """``text`` as lines of at most ``width`` cells, broken where UAX #14 allows (with ``words``,
    only at spaces, a word wider than the line cut between grapheme clusters); "\\n" ends a
    line. Spaces at a break are dropped, never counted against the line."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for unit in fit_units(word_units(paragraph) if words else break_units(paragraph), width):
            bare = unit.rstrip(" ")
            if line and used + cell_width(bare) > width:
                lines.append(line.rstrip(" "))
                line, used = "", 0
            line += unit
            used += cell_width(unit)
        lines.append(line.rstrip(" "))
    return tuple(lines)
