"""Provides the registry of named predicates that flows may use in their routes.

A predicate answers a yes/no question about the resident's answers so far (never personal data:
answers are option keys). Each one is a small pure function with a docstring that content editors
can read, registered under a snake_case name and unit-tested in tests/routing/.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

Answers = Mapping[str, str]
"""Question node id → chosen option key."""
Predicate = Callable[[Answers], bool]

PREDICATES: dict[str, Predicate] = {}


def predicate(name: str) -> Callable[[Predicate], Predicate]:
    """Register ``function`` under ``name`` for use in flow files (``when = "name"``)."""

    def register(function: Predicate) -> Predicate:
        if name in PREDICATES:
            raise ValueError(f"predicate '{name}' is registered twice")
        PREDICATES[name] = function
        return function

    return register


@predicate("lost_outside_home")
def lost_outside_home(answers: Answers) -> bool:
    """The card was lost outside the home, was stolen, or the resident does not know where.

    In those cases a police report (遺失届・盗難届) is needed before the reissue; "I don't know"
    takes the safe side.
    """
    return answers.get("where_lost") in ("outside", "unknown")
