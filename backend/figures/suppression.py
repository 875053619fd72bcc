"""Provides the k-anonymity rule every figure passes through (docs/decisions/0009-figures.md).

Within a partition (counts that add up to a total): every count of fewer than K is hidden, zero
included, so a hidden cell never tells whether anyone is in it. When any is hidden and the total
is shown, one more is hidden, the next one along (by place, never by size, which would bound the
hidden ones): the hidden small counts then add up to an unknown, so none can be worked out. When
every count is small, the total is hidden instead; when the total is hidden, the counts may not
all be shown, or their sum would give it back.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

K = 5
"""The fewest sessions (or help requests, or bookings) a shown figure may count."""


def too_few(count: int) -> bool:
    return count < K


@dataclass(frozen=True)
class Protection:
    cells: tuple[bool, ...]
    """Which counts to hide."""
    total: bool
    """Whether the total must be hidden as well: every count is small, so the total would bound them."""


def _hide_next_shown(hidden: list[bool], after: int) -> bool:
    """Hide the first count still shown after position ``after``, wrapping round; False if none is.

    Chosen by place, never by size: a rule such as "the smallest" would tell that the count hidden
    with it is no larger than those shown, which can pin a small one down.
    """
    for step in range(1, len(hidden) + 1):
        i = (after + step) % len(hidden)
        if not hidden[i]:
            hidden[i] = True
            return True
    return False


def protect(counts: Sequence[int], *, total_shown: bool, forced: Collection[int] = ()) -> Protection:
    """Which of a partition's counts to hide, given whether its total is shown; ``forced`` counts
    are hidden whatever they are (a finer table needs them hidden)."""
    small = [too_few(c) for c in counts]
    hidden = [h or i in forced for i, h in enumerate(small)]
    if total_shown and any(hidden):
        _hide_next_shown(hidden, max(i for i, h in enumerate(hidden) if h))
    elif not total_shown and counts and not any(hidden):
        hidden[0] = True
    return Protection(tuple(hidden), total=total_shown and bool(counts) and all(small))


def protect_total(total: int, *partitions: Sequence[int]) -> bool:
    """Whether a top-level total (one no table divides further up) is hidden: too small, or
    given away by one of the partitions that divide it."""
    return too_few(total) or any(protect(p, total_shown=True).total for p in partitions)
