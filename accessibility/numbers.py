"""Provides kana readings of numbers: counters (1日 ついたち, 3本 さんぼん), times and phone numbers.

UniDic-lite has no readings for digits and reads counters without the sound changes that depend on
the number (1日 → 「1か」, 3本 → 「ぽん」), so numbers are read here, by rule, in hiragana.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

_DIGITS = ("ぜろ", "いち", "に", "さん", "よん", "ご", "ろく", "なな", "はち", "きゅう")
_HUNDREDS = {3: "さんびゃく", 6: "ろっぴゃく", 8: "はっぴゃく"}
_THOUSANDS = {3: "さんぜん", 8: "はっせん"}
_GROUPS = ("", "まん", "おく", "ちょう")
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９，：－", "0123456789,:-")


def _below_10000(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    hundreds, rest = divmod(rest, 100)
    tens, ones = divmod(rest, 10)
    parts = []
    if thousands:
        parts.append(_THOUSANDS.get(thousands, ("" if thousands == 1 else _DIGITS[thousands]) + "せん"))
    if hundreds:
        parts.append(_HUNDREDS.get(hundreds, ("" if hundreds == 1 else _DIGITS[hundreds]) + "ひゃく"))
    if tens:
        parts.append(("" if tens == 1 else _DIGITS[tens]) + "じゅう")
    if ones:
        parts.append(_DIGITS[ones])
    return "".join(parts)


def number_kana(n: int) -> str:
    """The Sino-Japanese reading of a whole number: 1000 → せん, 1,234,000 → ひゃくにじゅうさんまんよんせん."""
    if n == 0:
        return "ぜろ"
    parts = []
    for unit in _GROUPS:
        n, group = divmod(n, 10000)
        if group:
            reading = _below_10000(group)
            if unit and group == 1000:
                reading = "いっせん"  # 一千万 いっせんまん
            parts.append(reading + unit)
        if not n:
            break
    return "".join(reversed(parts))


# ----------------------------------------------------------------------------- counters

_GEMINATE = (("いち", "いっ"), ("ろく", "ろっ"), ("はち", "はっ"), ("じゅう", "じゅっ"), ("ひゃく", "ひゃっ"))
_H_TO_P = str.maketrans("はひふへほ", "ぱぴぷぺぽ")


@dataclass(frozen=True)
class Counter:
    """How one counter word joins a number.

    ``geminate``: which number endings double the next consonant (いち → いっ, …), by kana ending.
    ``after_san`` / ``after_yon``: the counter's form after さん / よん (本: さんぼん; 分: よんぷん).
    ``tail``: number endings replaced before this counter (時: よん → よ, きゅう → く).
    ``special``: whole readings that follow no rule (1日 ついたち, 2人 ふたり).
    """

    kana: str
    geminate: tuple[str, ...] = ()
    after_san: str | None = None
    after_yon: str | None = None
    tail: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    special: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))

    def read(self, n: int) -> str:
        if n in self.special:
            return self.special[n]
        number = number_kana(n)
        counter = self.kana
        for ending, replacement in self.tail.items():
            if number.endswith(ending):
                return number[: -len(ending)] + replacement + counter
        for ending, doubled in _GEMINATE:
            if ending in self.geminate and number.endswith(ending):
                return number[: -len(ending)] + doubled + counter.translate(_H_TO_P)
        if self.after_san and number.endswith("さん"):
            return number + self.after_san
        if self.after_yon and number.endswith("よん"):
            return number + self.after_yon
        return number + counter


_K = ("いち", "ろく", "はち", "じゅう", "ひゃく")   # 回 個 階 件 か月: いっかい ろっかい はっかい じゅっかい
_S = ("いち", "はち", "じゅう")                      # 歳 週間 冊: いっさい はっさい じゅっさい
_H = ("いち", "ろく", "はち", "じゅう", "ひゃく")   # 本 分 杯: いっぽん ろっぽん

_DAYS = MappingProxyType({1: "ついたち", 2: "ふつか", 3: "みっか", 4: "よっか", 5: "いつか", 6: "むいか",
                          7: "なのか", 8: "ようか", 9: "ここのか", 10: "とおか", 14: "じゅうよっか",
                          20: "はつか", 24: "にじゅうよっか"})

COUNTERS: Mapping[str, Counter] = MappingProxyType({
    "日": Counter("にち", special=_DAYS),
    "日間": Counter("にちかん", special=MappingProxyType({1: "いちにちかん", **{k: v + "かん" for k, v in _DAYS.items()
                                                                               if k != 1}})),
    "人": Counter("にん", tail=MappingProxyType({"よん": "よ"}), special=MappingProxyType({1: "ひとり", 2: "ふたり"})),
    "本": Counter("ほん", geminate=_H, after_san="ぼん"),
    "分": Counter("ふん", geminate=_H, after_san="ぷん", after_yon="ぷん"),
    "分間": Counter("ふんかん", geminate=_H, after_san="ぷんかん", after_yon="ぷんかん"),
    "杯": Counter("はい", geminate=_H, after_san="ばい"),
    "時": Counter("じ", tail=MappingProxyType({"よん": "よ", "なな": "しち", "きゅう": "く"})),
    "時間": Counter("じかん", tail=MappingProxyType({"よん": "よ", "なな": "しち", "きゅう": "く"})),
    "月": Counter("がつ", tail=MappingProxyType({"よん": "し", "なな": "しち", "きゅう": "く"})),
    "年": Counter("ねん", tail=MappingProxyType({"よん": "よ"})),
    "年間": Counter("ねんかん", tail=MappingProxyType({"よん": "よ"})),
    "歳": Counter("さい", geminate=_S, special=MappingProxyType({20: "はたち"})),
    "才": Counter("さい", geminate=_S, special=MappingProxyType({20: "はたち"})),
    "週間": Counter("しゅうかん", geminate=_S),
    "冊": Counter("さつ", geminate=_S),
    "回": Counter("かい", geminate=_K),
    "個": Counter("こ", geminate=_K),
    "階": Counter("かい", geminate=_K, after_san="がい"),
    "件": Counter("けん", geminate=_K),
    "か月": Counter("かげつ", geminate=_K),
    "ヶ月": Counter("かげつ", geminate=_K),
    "カ月": Counter("かげつ", geminate=_K),
    "ケ月": Counter("かげつ", geminate=_K),
    "円": Counter("えん", tail=MappingProxyType({"よん": "よ"})),
    "枚": Counter("まい"),
    "番": Counter("ばん"),
    "秒": Counter("びょう"),
    "度": Counter("ど"),
    "点": Counter("てん", geminate=_K),
    "通": Counter("つう", geminate=("いち", "はち", "じゅう")),
})

# Longest counters first, so 日間 wins over 日 and 時間 over 時.
_COUNTER_PATTERN = "|".join(sorted((re.escape(c) for c in COUNTERS), key=len, reverse=True))

# ----------------------------------------------------------------------------- spans

_PHONE_DIGITS = ("ぜろ", "いち", "にー", "さん", "よん", "ごー", "ろく", "なな", "はち", "きゅう")


def phone_kana(number: str) -> str:
    """Digit by digit, groups joined by の, as phone numbers are read aloud: 0120-95-0178 →
    ぜろいちにーぜろ の きゅうごー の ぜろいちななはち."""
    groups = re.split(r"[-‐‑–—―ー－()（）\s]+", number.strip("#"))
    spoken = " の ".join("".join(_PHONE_DIGITS[int(d)] for d in g) for g in groups if g)
    return ("しゃーぷ " if number.startswith("#") else "") + spoken


def time_kana(hours: int, minutes: int) -> str:
    reading = COUNTERS["時"].read(hours)
    return reading + (" " + COUNTERS["分"].read(minutes) if minutes else "")


@dataclass(frozen=True)
class NumberSpan:
    start: int
    end: int
    kana: str
    kind: str
    """"phone", "time", "counter" or "number"."""


_SPAN = re.compile(
    r"(?P<phone>#\d{4}(?!\d)|(?<!\d)0\d{1,4}-\d{1,4}-\d{2,4}(?!\d))"
    r"|(?P<clock>(?P<ch>[0-2]?\d):(?P<cm>[0-5]\d))"
    r"|(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<decimal>\d+))?(?P<counter>" + _COUNTER_PATTERN + ")?"
)


def number_spans(text: str) -> tuple[NumberSpan, ...]:
    """Every number in ``text`` with its reading. ``text`` must use ASCII digits (see FULL_WIDTH_DIGITS)."""
    spans = []
    for match in _SPAN.finditer(text):
        if match.group("phone"):
            spans.append(NumberSpan(match.start(), match.end(), phone_kana(match.group("phone")), "phone"))
        elif match.group("clock"):
            spans.append(NumberSpan(match.start(), match.end(),
                                    time_kana(int(match.group("ch")), int(match.group("cm"))), "time"))
        else:
            value = int(match.group("number").replace(",", ""))
            reading = number_kana(value)
            if match.group("decimal"):
                reading += "てん" + "".join(_DIGITS[int(d)] for d in match.group("decimal"))
            counter = match.group("counter")
            if counter and not match.group("decimal"):
                reading = COUNTERS[counter].read(value)
            elif counter:
                reading += COUNTERS[counter].kana
            spans.append(NumberSpan(match.start(), match.end(), reading, "counter" if counter else "number"))
    return tuple(spans)
