"""Provides Period: the days a set of figures covers, checked before any query runs.

The bounds keep date arithmetic (the day after the last, the Monday of the first week) inside
what ``datetime.date`` can hold, and a year's worth of days bounds the size of every table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)
LONGEST_DAYS = 366
"""A fiscal year (4月〜3月) in a leap year."""
DEFAULT_DAYS = 28


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    def __post_init__(self) -> None:
        problem = period_problem(self.first, self.last)
        if problem is not None:
            raise ValueError(problem)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def each_day(self) -> Iterator[date]:
        for offset in range(self.days):
            yield self.first + timedelta(days=offset)

    def weeks(self) -> list[tuple[date, date]]:
        """The weeks (Monday to Sunday) the period touches, each clipped to the period."""
        monday = self.first - timedelta(days=self.first.weekday())
        weeks = []
        while monday <= self.last:
            weeks.append((max(monday, self.first), min(monday + timedelta(days=6), self.last)))
            monday += timedelta(days=7)
        return weeks


def period_problem(first: date, last: date) -> str | None:
    """Why ``first``..``last`` cannot be a period (in words for the 422), or None."""
    if not (EARLIEST <= first <= LATEST and EARLIEST <= last <= LATEST):
        return f"dates must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}"
    if first > last:
        return "'from' must not be after 'to'"
    if (last - first).days + 1 > LONGEST_DAYS:
        return f"a period is at most {LONGEST_DAYS} days"
    return None


def default_period(today: date, first: date | None = None, last: date | None = None) -> Period:
    """The period asked for; a missing end is today, a missing start four weeks before the end."""
    end = last or today
    if first is None:
        if not EARLIEST <= end <= LATEST:  # checked before the arithmetic, which could overflow
            raise ValueError(period_problem(end, end))
        first = max(EARLIEST, end - timedelta(days=DEFAULT_DAYS - 1))
    return Period(first, end)
