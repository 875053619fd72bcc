"""Provides display width as terminals draw it, and ``install()`` which makes Rich and Textual
measure the same way.

Rich's width table gives spacing combining marks (Unicode category Mc: Devanagari ा ी ो …) zero
cells; terminals (tmux, xterm, VTE: glibc's wcwidth) draw them in one. So a Nepali line that Rich
measured as fitting was one cell per mark wider on the terminal, and banners, text and borders
were cut (issue 12). ``install()`` corrects the table Rich loads, once, before the first render:
every measurement (Textual's layout, wrapping, cropping) then agrees with the terminal.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache

from accessibility.linebreak import cell_width

ELLIPSIS = "…"
_installed = False


def char_width(char: str) -> int:
    """Cells a terminal gives ``char`` (the project's one width rule, accessibility.furigana)."""
    return cell_width(char)


@lru_cache(maxsize=8192)
def cell_len(text: str) -> int:
    """Cells ``text`` takes on a terminal."""
    return sum(char_width(char) for char in text)


def truncate(text: str, cells: int) -> str:
    """``text`` if it fits in ``cells``, else as much as fits followed by "…"."""
    if cell_len(text) <= cells:
        return text
    kept, used = [], cell_len(ELLIPSIS)
    for char in text:
        width = char_width(char)
        if used + width > cells:
            break
        kept.append(char)
        used += width
    return "".join(kept).rstrip() + ELLIPSIS


def corrected(widths: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Rich's (start, end, width) table with spacing marks (Mc) in zero-width ranges made 1 wide."""
    out: list[tuple[int, int, int]] = []

    def add(start: int, end: int, width: int) -> None:
        if out and out[-1][2] == width and out[-1][1] + 1 == start:
            out[-1] = (out[-1][0], end, width)
        else:
            out.append((start, end, width))

    for start, end, width in widths:
        if width != 0:
            add(start, end, width)
            continue
        for codepoint in range(start, end + 1):
            add(codepoint, codepoint, 1 if unicodedata.category(chr(codepoint)) == "Mc" else 0)
    return out


def install() -> None:
    """Make Rich (and so Textual) measure spacing marks as terminals draw them. Idempotent."""
    global _installed
    if _installed:
        return
    import rich.cells
    from rich._unicode_data import load

    original = load

    @cache
    def load_corrected(unicode_version: str = "auto"):  # type: ignore[no-untyped-def]
        table = original(unicode_version)
        return table._replace(widths=corrected(list(table.widths)))

    rich.cells.load_cell_table = load_corrected
    rich.cells.get_character_cell_size.cache_clear()
    rich.cells.cached_cell_len.cache_clear()
    _installed = True
