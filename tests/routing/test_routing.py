"""Named predicates and route resolution: each predicate has a yes and a no case."""

from __future__ import annotations

import datetime as dt

import pytest

from routing.predicates import PREDICATES, predicate
from routing.routes import Route, UnknownPredicate, boundaries, resolve

DAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize(("answers", "expected"), [
    ({"where_lost": "outside"}, True),
    ({"where_lost": "unknown"}, True),   # "I don't know" takes the safe side: report to the police
    ({"where_lost": "home"}, False),
    ({}, False),
])
def test_lost_outside_home(answers: dict[str, str], expected: bool) -> None:
    assert PREDICATES["lost_outside_home"](answers) is expected


def test_every_predicate_is_documented_for_editors() -> None:
    for name, function in PREDICATES.items():
        assert function.__doc__ and len(function.__doc__) > 20, name


def test_first_matching_route_wins_and_a_default_ends_the_list() -> None:
    routes = (Route("police", when="lost_outside_home"), Route("home"))
    assert resolve(routes, {"where_lost": "outside"}, DAY) == "police"
    assert resolve(routes, {"where_lost": "home"}, DAY) == "home"


def test_routes_switch_on_their_dates() -> None:
    routes = (Route("paper_card", valid_until=dt.date(2026, 3, 31)), Route("shikaku_kakuninsho"))
    assert resolve(routes, {}, dt.date(2026, 3, 31)) == "paper_card"
    assert resolve(routes, {}, dt.date(2026, 4, 1)) == "shikaku_kakuninsho"
    assert boundaries(routes) == (dt.date(2026, 4, 1),)


def test_unknown_predicate_is_an_error_not_a_silent_default() -> None:
    with pytest.raises(UnknownPredicate):
        resolve((Route("x", when="no_such_thing"), Route("y")), {}, DAY)


def test_a_name_cannot_be_registered_twice() -> None:
    with pytest.raises(ValueError, match="twice"):
        predicate("lost_outside_home")(lambda answers: True)


def test_route_json_round_trip() -> None:
    route = Route("a", when="lost_outside_home", valid_from=dt.date(2026, 4, 1))
    assert Route.from_json(route.as_json()) == route
