"""Provides line breaking by the Unicode line-breaking algorithm (UAX #14) and display width.

Vietnamese, Portuguese and Nepali break between words; Japanese and Chinese between characters,
except before closing brackets, 。、 and small kana and after opening brackets (禁則処理, which
UAX #14's classes encode); a unit wider than the line breaks between grapheme clusters, so a
Devanagari conjunct or a vowel sign is never split from its letter (issue 12: 'giấy ch/ứng',
'cartã/o', 'पसल/मा'). Widths are terminal cells (``cell_width``).
"""

from __future__ import annotations

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


@lru_cache(maxsize=4096)
def break_units(text: str) -> tuple[str, ...]:
    """``text`` cut at its line-break opportunities; each unit keeps its trailing spaces."""
    return tuple(line_break_units(text)) if text else ()


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


@lru_cache(maxsize=1024)
def wrap(text: str, width: int) -> tuple[str, ...]:
    """``text`` as lines of at most ``width`` cells, broken where UAX #14 allows; "\\n" ends a
    line. Spaces at a break are dropped, never counted against the line."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for unit in fit_units(break_units(paragraph), width):
            bare = unit.rstrip(" ")
            if line and used + cell_width(bare) > width:
                lines.append(line.rstrip(" "))
                line, used = "", 0
            line += unit
            used += cell_width(unit)
        lines.append(line.rstrip(" "))
    return tuple(lines)
