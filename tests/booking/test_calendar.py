"""The Japanese calendar on real dates: weekdays, 和暦 at the era boundaries, 祝日 from jpholiday, month grids."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from backend.booking.calendar import (
    holiday_name,
    holidays_between,
    japan_time,
    month_grid,
    wareki,
    wareki_year,
    weekday_ja,
)


def test_weekdays_in_japanese() -> None:
    assert weekday_ja(date(2026, 1, 1)) == "木"
    assert [weekday_ja(date(2026, 12, d)) for d in range(7, 14)] == ["月", "火", "水", "木", "金", "土", "日"]


@pytest.mark.parametrize(("day", "expected"), [
    (date(2019, 4, 30), "平成31年"), (date(2019, 5, 1), "令和元年"), (date(2019, 12, 31), "令和元年"),
    (date(2020, 1, 1), "令和2年"), (date(2026, 12, 7), "令和8年"), (date(1989, 1, 7), "昭和64年"),
    (date(1989, 1, 8), "平成元年"),
])
def test_wareki_years_change_on_the_day_the_era_does(day: date, expected: str) -> None:
    assert wareki_year(day) == expected


def test_full_wareki_date_with_weekday() -> None:
    assert wareki(date(2019, 5, 1)) == "令和元年5月1日（水）"
    assert wareki(date(2027, 1, 1)) == "令和9年1月1日（金）"


def test_holidays_by_name_including_substitute_days() -> None:
    assert holiday_name(date(2026, 1, 1)) == "元日"
    # みどりの日 (2025-05-04) fell on a Sunday: jpholiday names the 振替休日 after the day it stands for.
    assert holiday_name(date(2025, 5, 6)) == "みどりの日 振替休日"
    assert holiday_name(date(2025, 5, 5)) == "こどもの日"
    assert holiday_name(date(2026, 9, 22)) == "国民の休日"  # between 敬老の日 and 秋分の日
    assert holiday_name(date(2019, 5, 1)) == "天皇の即位の日"
    assert holiday_name(date(2026, 12, 7)) is None
    assert holidays_between(date(2026, 12, 28), date(2027, 1, 12)) == {date(2027, 1, 1): "元日",
                                                                       date(2027, 1, 11): "成人の日"}


def test_month_grid_is_whole_weeks_from_monday_with_holidays() -> None:
    weeks = month_grid(2026, 1)
    assert all(len(week) == 7 for week in weeks) and len(weeks) == 5
    assert weeks[0][0].date == date(2025, 12, 29) and not weeks[0][0].in_month
    new_year = weeks[0][3]
    assert (new_year.date, new_year.weekday, new_year.holiday, new_year.closed) == (date(2026, 1, 1), "木", "元日",
                                                                                    True)
    assert [d.date.day for week in weeks for d in week if d.holiday and d.in_month] == [1, 12]
    assert weeks[1][5].closed and not weeks[1][4].closed  # Saturday 10th; Friday 9th is a working day


def test_japan_time_reads_as_a_clerk_would() -> None:
    assert japan_time(datetime(2026, 12, 1, 1, 0, tzinfo=UTC)) == "2026-12-01（火）10:00"
