"""Provides kana readings of Japanese text, shared by furigana and speech.

Three sources, in order of authority:
1. a municipal reading dictionary (place and institution names: 伊那市 いなし), which overrides all;
2. number rules (accessibility.numbers): counters, dates, times, phone numbers;
3. UniDic's ``kana`` field for everything else (never ``pron``: 申請 is シンセイ, not シンセー).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from accessibility.numbers import FULL_WIDTH_DIGITS, number_spans
from accessibility.tokenizer import Token, Tokenizer

ReadingDictionary = Mapping[str, str]
"""Surface → reading in hiragana."""

EMPTY_DICTIONARY: ReadingDictionary = MappingProxyType({})

_KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
_ATTACHED = {"助詞", "助動詞", "接尾辞", "補助記号"}


def hiragana(text: str) -> str:
    return text.translate(_KATAKANA_TO_HIRAGANA)


_KANJI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]")


def is_kanji(char: str) -> bool:
    return _KANJI.match(char) is not None


def has_kanji(text: str) -> bool:
    return _KANJI.search(text) is not None


class Reading(NamedTuple):
    """The reading of one stretch of the original text (offsets into it). A NamedTuple for speed,
    like Token."""

    surface: str
    start: int
    end: int
    kana: str
    """Hiragana; empty where there is nothing to read (symbols, spaces)."""
    source: str
    """"dictionary", "number", "unidic" or "none"."""
    pos1: str = ""


def load_dictionary(path: Path) -> ReadingDictionary:
    """Read ``[readings]`` (surface = "よみ") from a TOML file such as content/readings.toml."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    entries = data.get("readings", {})
    if not isinstance(entries, dict) or not all(isinstance(v, str) and v for v in entries.values()):
        raise ValueError(f"{path}: [readings] must map each word to its reading in hiragana")
    return MappingProxyType({str(k): hiragana(v) for k, v in entries.items()})


def _protected(text: str, dictionary: ReadingDictionary) -> list[Reading]:
    """Dictionary words (longest first) and numbers, which UniDic must not read."""
    taken = [False] * len(text)
    found: list[Reading] = []
    for word in sorted(dictionary, key=len, reverse=True):
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if not any(taken[start:end]):
                found.append(Reading(word, start, end, dictionary[word], "dictionary", "名詞"))
                taken[start:end] = [True] * len(word)
            start = text.find(word, end)
    for span in number_spans(text):
        if not any(taken[span.start:span.end]):
            found.append(Reading(text[span.start:span.end], span.start, span.end, span.kana, "number", "名詞"))
            taken[span.start:span.end] = [True] * (span.end - span.start)
    return sorted(found, key=lambda r: r.start)


def _from_tokens(text: str, normal: str, offset: int, tokenizer: Tokenizer,
                 tokens: tuple[Token, ...] | None = None) -> list[Reading]:
    result = []
    for token in tokens if tokens is not None else tokenizer.tokenize(normal[offset:]):
        start, end = offset + token.start, offset + token.end
        kana = hiragana(token.kana) if token.kana else ""
        result.append(Reading(text[start:end], start, end, kana, "unidic" if kana else "none", token.pos1))
    return result


def readings(text: str, tokenizer: Tokenizer, dictionary: ReadingDictionary = EMPTY_DICTIONARY) -> tuple[Reading, ...]:
    """Readings covering every token of ``text``, in order, with offsets into ``text``.

    The whole text is analysed at once, so each word is read in its context; tokens that overlap a
    dictionary word or a number give way to it, and any part of them outside it is analysed again.
    Full-width digits are read like ASCII ones (the offsets do not change).
    """
    normal = text.translate(FULL_WIDTH_DIGITS)
    same = normal == text
    protected = _protected(normal, dictionary)
    tokens = tokenizer.tokenize(normal)
    if not protected:
        return tuple(_from_tokens(text, normal, 0, tokenizer, tokens))
    result: list[Reading] = []
    index = 0  # protected spans and tokens are both in text order: walk them together
    for token in tokens:
        while index < len(protected) and protected[index].end <= token.start:
            index += 1
        if index == len(protected) or protected[index].start >= token.end:
            if not result or token.start >= result[-1].end:
                kana = token.kana.translate(_KATAKANA_TO_HIRAGANA) if token.kana else ""
                result.append(Reading(token.surface if same else text[token.start:token.end], token.start,
                                      token.end, kana, "unidic" if kana else "none", token.pos1))
            continue
        position = token.start if not result else max(token.start, result[-1].end)
        while index < len(protected) and protected[index].start < token.end:
            span = protected[index]
            if span.start > position:  # the token's part before the protected word
                result.extend(_from_tokens(text, normal[:span.start], position, tokenizer))
            if not result or result[-1].end <= span.start:
                result.append(Reading(text[span.start:span.end], span.start, span.end, span.kana, span.source,
                                      span.pos1))
            position = max(position, span.end)
            if span.end > token.end:
                break
            index += 1
        if token.end > position:  # the token's part after it
            result.extend(_from_tokens(text, normal[:token.end], position, tokenizer))
    return tuple(result)


def to_kana(text: str, tokenizer: Tokenizer, dictionary: ReadingDictionary = EMPTY_DICTIONARY) -> str:
    """The whole text in hiragana for a speech engine that cannot read kanji (espeak-ng).

    Phrases (an independent word and what attaches to it) are separated by spaces, which engines
    use as phrase boundaries; punctuation is kept; symbols with no reading are dropped.
    """
    parts: list[str] = []
    previous = ""
    for reading in readings(text, tokenizer, dictionary):
        if reading.pos1 == "補助記号" or (reading.source == "none" and not reading.surface.strip()):
            if reading.surface in "。、！？!?,.":
                parts.append(reading.surface)
                previous = "補助記号"
            continue
        piece = reading.kana or reading.surface
        compound = reading.pos1 == "名詞" and previous in ("名詞", "接頭辞")
        joins = not parts or reading.pos1 in _ATTACHED or compound or previous == "接頭辞"
        parts.append(piece if joins else " " + piece)
        previous = reading.pos1
    return "".join(parts).strip()
