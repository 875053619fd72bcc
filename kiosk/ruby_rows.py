"""Provides RubyRows: furigana rows for the kiosk's texts, computed once per text and width.

The analyser (fugashi + UniDic) loads on the first text with furigana. Only guidance and
interface words come here (a resident's name or phone is shown as it was typed, never annotated),
and the cache is bounded, so it holds nothing of a resident and does not grow with the sessions.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

Rows = tuple[tuple[str, str], ...]
"""(furigana line, text line) pairs."""

LIMIT = 4096
"""Texts × widths kept; the least recently used goes first."""


class RubyRows:
    def __init__(self) -> None:
        self._tokenizer: Any = None
        self._cache: OrderedDict[tuple[str, int, bool], Rows] = OrderedDict()

    def rows(self, text: str, width: int, readings: Mapping[str, str], *, words: bool = False) -> Rows:
        """Furigana rows for ``text`` at ``width`` cells, with the release's ``readings``;
        ``words``: break only between words (plain Japanese)."""
        key = (text, width, words)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        from accessibility.furigana import annotate, ruby_lines
        from accessibility.tokenizer import FugashiTokenizer

        if self._tokenizer is None:
            self._tokenizer = FugashiTokenizer()
        found = self._cache[key] = ruby_lines(annotate(text, self._tokenizer, readings), width, words=words)
        if len(self._cache) > LIMIT:
            self._cache.popitem(last=False)
        return found
