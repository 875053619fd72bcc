"""Provides dates and times in the resident's language: days with their weekday, times of day, slots.

Japanese is written the way residents read it on municipal letters: the Western year with the era
year beside it, and a 12-hour clock with 午前/午後 (``2026年（令和8年）11月28日（土）``,
``午後2時30分``). The era is computed here from a small table, so it never depends on the
machine's ICU calendar support. Every other language uses babel's full date (with the weekday)
and the locale's own short time, 12- or 24-hour as that locale writes it.

Pure functions: no Textual, no session state; the language is always an argument.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date, get_datetime_format
from babel.dates import format_time as babel_format_time

LOCALES = {
    "ja": "ja", "en": "en", "zh_Hans": "zh_Hans", "ko": "ko", "vi": "vi", "pt_BR": "pt_BR", "ne": "ne",
    "fil": "fil", "id": "id",
}
"""The kiosk's language codes and the babel locale of each; any other code is shown in English."""

FALLBACK = "en"

ERAS = (
    ("令和", datetime.date(2019, 5, 1)),
    ("平成", datetime.date(1989, 1, 8)),
    ("昭和", datetime.date(1926, 12, 25)),
)
"""Japanese eras, newest first, each with its first day. Days before the oldest have no era."""

WEEKDAYS = "月火水木金土日"
"""Japanese weekday signs, Monday first (``datetime.date.weekday()`` order)."""


def era_year(day: datetime.date) -> str | None:
    """The Japanese era year of ``day``, e.g. ``令和8年``; the first year is ``元年``.

    Returns:
        The era name and year, or None for a day before 昭和 (1926-12-25).
    """
    for name, first_day in ERAS:
        if day >= first_day:
            year = day.year - first_day.year + 1
            return f"{name}{'元' if year == 1 else year}年"
    return None


def format_day(day: datetime.date, language: str) -> str:
    """``day`` with its weekday, e.g. ``2026年（令和8年）11月28日（土）`` or ``Saturday, November 28, 2026``."""
    locale = _locale(language)
    if locale == "ja":
        era = era_year(day)
        year = f"{day.year}年（{era}）" if era else f"{day.year}年"
        return f"{year}{day.month}月{day.day}日（{WEEKDAYS[day.weekday()]}）"
    return format_date(day, format="full", locale=locale)


def format_time(t: datetime.time, language: str) -> str:
    """A time of day, e.g. ``午後2時30分``, ``午前9時``, ``2:30 PM`` or ``14:30``.

    Japanese counts the 12-hour clock from 0, as the plain-Japanese guidelines do: midnight is
    ``午前0時`` and noon ``午後0時``. Seconds are never shown.
    """
    locale = _locale(language)
    if locale == "ja":
        half = "午前" if t.hour < 12 else "午後"
        minutes = f"{t.minute}分" if t.minute else ""
        return f"{half}{t.hour % 12}時{minutes}"
    return babel_format_time(t, format="short", locale=locale)


def format_slot(start: datetime.datetime, language: str) -> str:
    """The day and time a booked slot starts, in the datetime's own wall-clock time.

    Japanese writes the time straight after the day (``…11月28日（土）午後2時30分``); other
    languages join the two as the locale's full date-time pattern does (babel's ``{1}`` day,
    ``{0}`` time).
    """
    day, time = format_day(start.date(), language), format_time(start.time(), language)
    locale = _locale(language)
    if locale == "ja":
        return f"{day}{time}"
    pattern = str(get_datetime_format("full", locale=locale)).replace("'", "")
    return pattern.replace("{0}", time).replace("{1}", day)


def _locale(language: str) -> str:
    return LOCALES.get(language, FALLBACK)
