"""Provides the Japanese calendar a town office plans by: weekdays, 和暦 years, 祝日 and month grids.

Pure (no Django): the holidays come from jpholiday, which follows the 国民の祝日に関する法律 with its
振替休日 and 国民の休日, so no one keeps a hand list that goes stale every year. Wall-clock times are
Asia/Tokyo (``JAPAN``), whatever the server's own zone is.
"""

from __future__ import annotations

import calendar as gregorian
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import jpholiday

JAPAN = ZoneInfo("Asia/Tokyo")
WEEKDAYS = ("月", "火", "水", "木", "金", "土", "日")
"""Index 0 is Monday, as date.weekday() counts."""

ERAS = ((date(2019, 5, 1), "令和"), (date(1989, 1, 8), "平成"), (date(1926, 12, 25), "昭和"),
        (date(1912, 7, 30), "大正"), (date(1868, 10, 23), "明治"))
"""Each era's first day, newest first (明治 from its 改元 in the Gregorian calendar)."""


def weekday_ja(day: date) -> str:
    """The weekday in one kanji (月 … 日)."""
    return WEEKDAYS[day.weekday()]


def wareki_year(day: date) -> str:
    """The 和暦 year of ``day``: 令和8年, and 元年 for an era's first year (2019-05-01 is 令和元年)."""
    for first_day, era in ERAS:
        if day >= first_day:
            number = day.year - first_day.year + 1
            return f"{era}{'元' if number == 1 else number}年"
    raise ValueError(f"{day} is before the 明治 era")


def wareki(day: date) -> str:
    """The full 和暦 date with its weekday: 令和8年1月1日（木）."""
    return f"{wareki_year(day)}{day.month}月{day.day}日（{weekday_ja(day)}）"


def holiday_name(day: date) -> str | None:
    """The name of the 祝日 (or 振替休日, 国民の休日) on ``day``, or None on an ordinary day."""
    name = jpholiday.is_holiday_name(day)
    return str(name) if name else None


def holidays_between(start: date, end: date) -> dict[date, str]:
    """Every 祝日 from ``start`` to ``end`` (inclusive) with its name."""
    return {day: str(name) for day, name in jpholiday.between(start, end)}


@dataclass(frozen=True)
class Day:
    """One cell of a calendar page."""

    date: date
    weekday: str
    in_month: bool
    holiday: str | None

    @property
    def closed(self) -> bool:
        """Saturdays, Sundays and 祝日: the days a town office is shut."""
        return self.date.weekday() >= 5 or self.holiday is not None


def day_of(day: date, *, month: int | None = None) -> Day:
    return Day(date=day, weekday=weekday_ja(day), in_month=month is None or day.month == month,
               holiday=holiday_name(day))


def month_grid(year: int, month: int) -> list[list[Day]]:
    """The month as weeks (Monday first) × 7 days; days of the next or previous month fill the
    first and last week and are marked ``in_month=False``."""
    weeks = gregorian.Calendar(firstweekday=0).monthdatescalendar(year, month)
    holidays = holidays_between(weeks[0][0], weeks[-1][-1])
    return [[Day(date=day, weekday=weekday_ja(day), in_month=day.month == month, holiday=holidays.get(day))
             for day in week] for week in weeks]


def japan_time(moment: datetime) -> str:
    """An aware time as a clerk reads it: 2026-12-01（火）10:00 in Japan time."""
    local = moment.astimezone(JAPAN)
    return f"{local:%Y-%m-%d}（{weekday_ja(local.date())}）{local:%H:%M}"
