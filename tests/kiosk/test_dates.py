"""Dates and times in each interface language: a golden table, the Japanese eras, 午前 and 午後."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.dates import LOCALES, era_year, format_day, format_slot, format_time

NNBSP = "\u202f"
"""CLDR's narrow no-break space between a time and AM/PM."""

DAY = dt.date(2026, 11, 28)
SLOT = dt.datetime(2026, 11, 28, 14, 30)

GOLDEN = [
    # language, format_day(DAY), format_time(14:30), format_slot(SLOT)
    ("ja", "2026年（令和8年）11月28日（土）", "午後2時30分", "2026年（令和8年）11月28日（土）午後2時30分"),
    ("en", "Saturday, November 28, 2026", f"2:30{NNBSP}PM", f"Saturday, November 28, 2026, 2:30{NNBSP}PM"),
    ("zh_Hans", "2026年11月28日星期六", "14:30", "2026年11月28日星期六 14:30"),
    ("ko", "2026년 11월 28일 토요일", "오후 2:30", "2026년 11월 28일 토요일 오후 2:30"),
    ("vi", "Thứ Bảy, 28 tháng 11, 2026", "14:30", "14:30 Thứ Bảy, 28 tháng 11, 2026"),
    ("pt_BR", "sábado, 28 de novembro de 2026", "14:30", "sábado, 28 de novembro de 2026 14:30"),
    ("ne", "2026 नोभेम्बर 28, शनिबार", "14:30", "2026 नोभेम्बर 28, शनिबार 14:30"),
    ("fil", "Sabado, Nobyembre 28, 2026", f"2:30{NNBSP}PM", f"Sabado, Nobyembre 28, 2026, 2:30{NNBSP}PM"),
    ("id", "Sabtu, 28 November 2026", "14.30", "Sabtu, 28 November 2026 14.30"),
]


def test_the_golden_table_covers_every_language() -> None:
    assert [row[0] for row in GOLDEN] == list(LOCALES)


@pytest.mark.parametrize(("language", "day", "time", "slot"), GOLDEN)
def test_golden(language: str, day: str, time: str, slot: str) -> None:
    assert format_day(DAY, language) == day
    assert format_time(SLOT.time(), language) == time
    assert format_slot(SLOT, language) == slot


@pytest.mark.parametrize("language", ["xx", "", "ja_JP", "tl"])
def test_an_unknown_language_is_shown_in_english(language: str) -> None:
    assert format_day(DAY, language) == format_day(DAY, "en")
    assert format_slot(SLOT, language) == format_slot(SLOT, "en")


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(1926, 12, 24), None),
    (dt.date(1926, 12, 25), "昭和元年"),
    (dt.date(1989, 1, 7), "昭和64年"),
    (dt.date(1989, 1, 8), "平成元年"),
    (dt.date(1990, 1, 1), "平成2年"),
    (dt.date(2019, 4, 30), "平成31年"),
    (dt.date(2019, 5, 1), "令和元年"),
    (dt.date(2019, 12, 31), "令和元年"),
    (dt.date(2020, 1, 1), "令和2年"),
    (dt.date(2026, 11, 28), "令和8年"),
])
def test_era_year(day: dt.date, expected: str | None) -> None:
    assert era_year(day) == expected


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2019, 4, 30), "2019年（平成31年）4月30日（火）"),
    (dt.date(2019, 5, 1), "2019年（令和元年）5月1日（水）"),
    (dt.date(2020, 1, 1), "2020年（令和2年）1月1日（水）"),
    (dt.date(1989, 1, 8), "1989年（平成元年）1月8日（日）"),
    (dt.date(1926, 12, 24), "1926年12月24日（金）"),
])
def test_japanese_day_has_the_era_year_beside_the_western_year(day: dt.date, expected: str) -> None:
    assert format_day(day, "ja") == expected


@pytest.mark.parametrize(("time", "ja", "en", "ko"), [
    (dt.time(0, 0), "午前0時", f"12:00{NNBSP}AM", "오전 12:00"),
    (dt.time(9, 0), "午前9時", f"9:00{NNBSP}AM", "오전 9:00"),
    (dt.time(9, 5), "午前9時5分", f"9:05{NNBSP}AM", "오전 9:05"),
    (dt.time(11, 59), "午前11時59分", f"11:59{NNBSP}AM", "오전 11:59"),
    (dt.time(12, 0), "午後0時", f"12:00{NNBSP}PM", "오후 12:00"),
    (dt.time(14, 30, 45), "午後2時30分", f"2:30{NNBSP}PM", "오후 2:30"),
    (dt.time(23, 59), "午後11時59分", f"11:59{NNBSP}PM", "오후 11:59"),
])
def test_morning_and_afternoon(time: dt.time, ja: str, en: str, ko: str) -> None:
    assert (format_time(time, "ja"), format_time(time, "en"), format_time(time, "ko")) == (ja, en, ko)


@pytest.mark.parametrize(("time", "expected"), [
    (dt.time(0, 0), "00:00"), (dt.time(11, 59), "11:59"), (dt.time(12, 0), "12:00"), (dt.time(23, 59), "23:59"),
])
def test_a_24_hour_locale_keeps_its_own_clock(time: dt.time, expected: str) -> None:
    assert format_time(time, "pt_BR") == expected


def test_a_slot_crossing_the_era_boundary_at_midnight() -> None:
    assert format_slot(dt.datetime(2019, 4, 30, 23, 59), "ja") == "2019年（平成31年）4月30日（火）午後11時59分"
    assert format_slot(dt.datetime(2019, 5, 1, 0, 0), "ja") == "2019年（令和元年）5月1日（水）午前0時"


def test_a_slot_is_shown_in_its_own_wall_clock_time() -> None:
    jst = dt.timezone(dt.timedelta(hours=9))
    assert format_slot(dt.datetime(2026, 11, 28, 9, 0, tzinfo=jst), "ja") == "2026年（令和8年）11月28日（土）午前9時"
