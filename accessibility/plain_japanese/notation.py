"""Provides the rules on how dates, times and ranges are written: 西暦, 午前/午後 and 「AからBまで」."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility.plain_japanese.findings import Finding, finding
from accessibility.plain_japanese.text import Context, digit_value

_WAREKI = re.compile(r"(令和|平成|昭和|大正)\s*([0-9０-９]{1,2}|元)\s*年")
_ERA_OFFSET = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}


def wareki(ctx: Context) -> Iterator[Finding]:
    for match in _WAREKI.finditer(ctx.text):
        era, number = match.group(1), match.group(2)
        year = _ERA_OFFSET[era] + (1 if number == "元" else int("".join(str(digit_value(c)) for c in number)))
        yield finding("wareki", match.start(), match.end(), "error",
                      f"和暦です: {match.group()}。西暦で書いてください（{year}年）。",
                      f"Japanese era year {match.group()}; write the Western year ({year}).", f"{year}年")


_HOUR = re.compile(r"(?<![0-9０-９:：])([0-9０-９]{1,2})\s*時(?!間)")
_CLOCK = re.compile(r"(?<![0-9０-９:：])([0-9０-９]{1,2})[:：]([0-9０-９]{2})(?![0-9０-９])")


def _afternoon(hour: int) -> str:
    return "午前0時" if hour == 24 else f"午後{hour - 12}時"


def twenty_four_hour(ctx: Context) -> Iterator[Finding]:
    def hour_of(digits: str) -> int:
        return int("".join(str(digit_value(c)) for c in digits))

    for match in _HOUR.finditer(ctx.text):
        hour = hour_of(match.group(1))
        if 13 <= hour <= 24:
            yield finding("24-hour-time", match.start(), match.end(), "error",
                          f"24時間制の時刻です: {match.group()}。「午前・午後」で書いてください。",
                          f"24-hour time {match.group()}; write 午前/午後 (a.m./p.m.).", _afternoon(hour))
    for match in _CLOCK.finditer(ctx.text):
        hour, minute = hour_of(match.group(1)), hour_of(match.group(2))
        if 13 <= hour <= 24:
            suggestion = _afternoon(hour) + (f"{minute}分" if minute else "")
            yield finding("24-hour-time", match.start(), match.end(), "error",
                          f"24時間制の時刻です: {match.group()}。「午前・午後」で書いてください。",
                          f"24-hour time {match.group()}; write 午前/午後 (a.m./p.m.).", suggestion)


_TILDE = re.compile(r"[〜～~]")
_URL = re.compile(r"https?://\S+")


def range_tilde(ctx: Context) -> Iterator[Finding]:
    urls = [match.span() for match in _URL.finditer(ctx.text)]
    for match in _TILDE.finditer(ctx.text):
        if any(s <= match.start() < e for s, e in urls):
            continue
        yield finding("range-tilde", match.start(), match.end(), "error",
                      "「〜」は読めない人がいます。「Aから Bまで」と書いてください。",
                      "Write ranges as 「Aから Bまで」, not with 〜.", "から … まで")
