"""Provides sentence_morae(): how long a sentence is read aloud, in morae (拍), numbers included."""

from __future__ import annotations

import re

from accessibility.plain_japanese.text import Sentence, digit_value

_SMALL_KANA = frozenset("ァィゥェォャュョヮぁぃぅぇぉゃゅょゎ")
_DIGIT_MORAE = (2, 2, 1, 2, 2, 1, 2, 2, 2, 2)
"""れい/ゼロ, いち, に, さん, よん, ご, ろく, なな, はち, きゅう."""
_PHONE = re.compile(r"[0-9０-９]+(?:[-‐‑–－][0-9０-９]+)+")
_NUMBER = re.compile(r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?")


def _group_morae(value: int) -> int:
    """Morae of 1–9999 read as a number; sound changes (さんびゃく, はっせん) keep the count."""
    morae = 0
    for divisor in (1000, 100, 10):
        digit, value = divmod(value, divisor)
        if digit:
            morae += 2 + (0 if digit == 1 else _DIGIT_MORAE[digit])
    return morae + (_DIGIT_MORAE[value] if value else 0)


def _number_morae(digits: str) -> int:
    """Morae of a number read as a quantity (1,000 → せん); digit by digit when it starts with 0."""
    if len(digits) > 1 and digits[0] in "0０":
        return 2 * len(digits)  # ゼロ, イチ, ニー … read out one by one
    value = int("".join(str(digit_value(char)) for char in digits))
    if value == 0:
        return 2
    morae = 0
    for unit_morae in (0, 2, 2, 2):  # ones, 万 (まん), 億 (おく), 兆 (ちょう)
        value, group = divmod(value, 10000)
        if group:
            morae += _group_morae(group) + unit_morae
        if not value:
            break
    return morae


def _kana_morae(kana: str) -> int:
    return sum(1 for char in kana if ("\u3041" <= char <= "\u30ff") and char not in _SMALL_KANA and char != "・")


def sentence_morae(text: str, sentence: Sentence) -> int:
    """Morae (拍) of the sentence read aloud: UniDic ``pron``, numbers through a small reader."""
    part = text[sentence.start:sentence.end]
    numeric: list[tuple[int, int]] = []
    morae = 0
    for match in _PHONE.finditer(part):
        groups = re.findall(r"[0-9０-９]+", match.group())
        morae += sum(2 * len(group) for group in groups) + (len(groups) - 1)  # の between groups
        numeric.append((sentence.start + match.start(), sentence.start + match.end()))
    for match in _NUMBER.finditer(part):
        begin = sentence.start + match.start()
        if any(s <= begin < e for s, e in numeric):
            continue
        whole, _, fraction = match.group().replace(",", "").replace("，", "").replace("．", ".").partition(".")
        morae += _number_morae(whole) + (2 + 2 * len(fraction) if fraction else 0)  # てん + digits
        numeric.append((begin, sentence.start + match.end()))
    for token in sentence.tokens:
        if any(s <= token.start < e for s, e in numeric):
            continue
        if token.pron:
            morae += _kana_morae(token.pron)
        elif token.kana:
            morae += _kana_morae(token.kana)
        else:
            morae += _kana_morae(token.surface) or 2 * sum(1 for c in token.surface if c.isalpha())
    return morae
