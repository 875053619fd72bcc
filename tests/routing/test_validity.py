"""ValidOn is the one date rule for routes and options, in the backend's content model and the
kiosk's: both ends inclusive, a missing end open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from guidance.document import Option as KioskOption
from guidance.model import Option as ContentOption
from routing.routes import Route
from routing.validity import ValidOn

START, END = dt.date(2026, 4, 1), dt.date(2026, 9, 30)


@pytest.mark.parametrize("make", [lambda **dates: Route(to="next", **dates),
                                  lambda **dates: ContentOption(key="yes", routes=(), **dates),
                                  lambda **dates: KioskOption(key="yes", routes=(), **dates)],
                         ids=["route", "content option", "kiosk option"])
def test_validity_dates_are_inclusive_and_open_where_missing(make: Callable[..., ValidOn]) -> None:
    dated = make(valid_from=START, valid_until=END)
    assert [dated.valid_on(day) for day in (START - dt.timedelta(days=1), START, END, END + dt.timedelta(days=1))] \
        == [False, True, True, False]
    assert make().valid_on(dt.date(1, 1, 1)) and make().valid_on(dt.date(9999, 12, 31))
    assert make(valid_from=START).valid_on(dt.date(9999, 12, 31)) and not make(valid_until=END).valid_on(
        END + dt.timedelta(days=1))
