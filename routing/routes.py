"""Provides Route and the pure resolution of a node's next step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from routing.predicates import PREDICATES, Answers
from routing.validity import ValidOn


@dataclass(frozen=True)
class Route(ValidOn):
    """Go to ``to`` when ``when`` (a predicate name) holds and ``on`` is within the validity dates."""

    to: str
    when: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    """Last day this route applies (inclusive)."""

    def as_json(self) -> dict[str, str | None]:
        return {"to": self.to, "when": self.when,
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_until": self.valid_until.isoformat() if self.valid_until else None}

    @classmethod
    def from_json(cls, data: Mapping[str, str | None]) -> Route:
        day = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
        return cls(to=str(data["to"]), when=data.get("when"), valid_from=day(data.get("valid_from")),
                   valid_until=day(data.get("valid_until")))


class UnknownPredicate(KeyError):
    pass


def resolve(routes: Sequence[Route], answers: Answers, day: dt.date) -> str | None:
    """The first route that is valid on ``day`` and whose predicate holds; None if none does."""
    for route in routes:
        if not route.valid_on(day):
            continue
        if route.when is not None:
            check = PREDICATES.get(route.when)
            if check is None:
                raise UnknownPredicate(route.when)
            if not check(answers):
                continue
        return route.to
    return None


def boundaries(routes: Sequence[Route]) -> tuple[dt.date, ...]:
    """The days on which these routes can change: every valid-from, and the day after each valid-until."""
    days = {r.valid_from for r in routes if r.valid_from} | {
        r.valid_until + dt.timedelta(days=1) for r in routes if r.valid_until}
    return tuple(sorted(days))
