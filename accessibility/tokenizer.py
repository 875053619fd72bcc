"""Provides Token and the Tokenizer protocol, with FugashiTokenizer (MeCab + UniDic-lite).

Everything else in this package takes a tokenizer as an argument, so tests and other engines can
pass their own. ``FugashiTokenizer`` builds its MeCab tagger on first use (a few milliseconds).
"""

from __future__ import annotations

import csv
from typing import Any, NamedTuple, Protocol

from accessibility.errors import DictionaryMissing


class Token(NamedTuple):
    """One morpheme, with its offsets in the analysed text and the UniDic fields we use.

    Fields UniDic leaves empty (digits, unknown words) are empty strings, never None. A NamedTuple
    rather than a frozen dataclass: just as immutable, and several times cheaper to create, which
    matters at tens of thousands of tokens per second.
    """

    surface: str
    start: int
    end: int
    pos1: str = ""
    pos2: str = ""
    pos3: str = ""
    lemma: str = ""
    kana: str = ""
    """Orthographic reading in katakana (申請 → シンセイ); use this, not ``pron`` (シンセー)."""
    pron: str = ""
    goshu: str = ""
    """Word origin: 和 native, 漢 Sino-Japanese, 外 loanword, 混 mixed, 固 proper noun, 記号 symbol."""
    c_type: str = ""
    c_form: str = ""


class Tokenizer(Protocol):
    def tokenize(self, text: str) -> tuple[Token, ...]: ...


class FugashiTokenizer:
    """fugashi's MeCab tagger with UniDic-lite. Not thread-safe: one per thread."""

    def __init__(self) -> None:
        self._tagger: Any = None

    def _get_tagger(self) -> Any:
        if self._tagger is None:
            try:
                import fugashi

                self._tagger = fugashi.Tagger()
            except (ImportError, RuntimeError) as error:
                raise DictionaryMissing(f"fugashi with UniDic-lite is not usable: {error}") from error
        return self._tagger

    def tokenize(self, text: str) -> tuple[Token, ...]:
        tagger = self._get_tagger()
        tokens = []
        position = 0
        find = text.find
        for node in tagger(text):
            surface = node.surface
            found = find(surface, position)  # skips the blanks MeCab drops, wherever they are
            start = found if found >= 0 else position
            position = start + len(surface)
            # The raw CSV is several times faster than fugashi's named tuple. Fields that UniDic
            # leaves as "*" (pos2, pos3, cType, cForm) become ""; unknown words have only six.
            raw = node.feature_raw
            f = raw.split(",", 18)
            quote = raw.find('"')  # a quoted field (accent "0,4") only matters before field 18
            if quote >= 0 and (len(f) < 19 or quote < len(raw) - len(f[18])):
                f = next(csv.reader([raw]))
            if len(f) < 18:
                f += _BLANK[len(f):]
            tokens.append(Token(surface, start, position, f[0], "" if f[1] == "*" else f[1],
                                "" if f[2] == "*" else f[2], f[7], f[17], f[9], f[12],
                                "" if f[4] == "*" else f[4], "" if f[5] == "*" else f[5]))
        return tuple(tokens)


_BLANK = [""] * 26
"""UniDic's 26 feature fields; unknown words carry only the first six."""
