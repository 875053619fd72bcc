"""Provides cell_len: the display width of text in terminal cells (the TEXT work replaces the
table behind it with one that matches terminals for every script)."""

from __future__ import annotations

from rich.cells import cell_len

__all__ = ["cell_len"]
