"""Provides Token and the Tokenizer protocol, with FugashiTokenizer (MeCab + UniDic-lite).

Everything else in this package takes a tokenizer as an argument, so tests and other engines can
pass their own. ``FugashiTokenizer`` builds its MeCab tagger on first use (a few milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from accessibility.errors import DictionaryMissing


@dataclass(frozen=True, slots=True)
class Token:
    """One morpheme, with its offsets in the analysed text and the UniDic fields we use.

    Fields UniDic leaves empty (digits, unknown words) are empty strings, never None.
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


def _field(value: Any) -> str:
    return "" if value in (None, "*") else str(value)


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
        for node in tagger(text):
            position += len(node.white_space)
            surface = node.surface
            start = text.find(surface, position) if text[position:position + len(surface)] != surface else position
            start = position if start < 0 else start
            f = node.feature
            tokens.append(Token(surface=surface, start=start, end=start + len(surface),
                                pos1=_field(f.pos1), pos2=_field(f.pos2), pos3=_field(f.pos3),
                                lemma=_field(f.lemma), kana=_field(f.kana), pron=_field(f.pron),
                                goshu=_field(f.goshu), c_type=_field(f.cType), c_form=_field(f.cForm)))
            position = start + len(surface)
        return tuple(tokens)
