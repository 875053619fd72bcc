"""Provides cell_len and truncate: the display width of text in terminal cells, and text cut
to a width with "…" (the TEXT work replaces the table behind cell_len with one that matches
terminals for every script)."""

from __future__ import annotations

from rich.cells import cell_len

ELLIPSIS = "…"


def truncate(text: str, cells: int) -> str:
    """``text`` if it fits in ``cells``, else as much as fits followed by "…"."""
    if cell_len(text) <= cells:
        return text
    kept, used = [], cell_len(ELLIPSIS)
    for char in text:
        width = cell_len(char)
        if used + width > cells:
            break
        kept.append(char)
        used += width
    return "".join(kept).rstrip() + ELLIPSIS
