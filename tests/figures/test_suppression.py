"""The k-anonymity rule on its own: no count under 5 is shown, and none hidden can be worked out
again from what is shown, even by someone who knows the rule (docs/decisions/0009-figures.md)."""

from __future__ import annotations

import itertools

import pytest

from backend.figures.suppression import K, protect


def hide(counts: list[int], *, total_shown: bool = True) -> tuple[bool, ...]:
    return protect(counts, total_shown=total_shown).cells


def test_small_counts_and_zero_are_hidden_and_the_next_one_along_with_them() -> None:
    assert hide([12, 3, 7, 9]) == (False, True, True, False)  # the next one along, whatever its size
    assert hide([0, 9, 6]) == (True, True, False)
    assert hide([12, 9, 3]) == (True, False, True)  # round from the end to the start
    assert hide([2, 1, 30]) == (True, True, True)
    assert hide([5, 6, 7]) == (False, False, False)


def test_under_a_hidden_total_the_counts_are_never_all_shown() -> None:
    assert hide([6, 9], total_shown=False) == (True, False)
    assert hide([3, 9], total_shown=False) == (True, False)


def test_when_every_count_is_small_the_total_goes_too() -> None:
    assert protect([4, 4, 4], total_shown=True).total
    assert protect([4, 3], total_shown=True).total
    assert not protect([4, 5], total_shown=True).total
    assert not protect([7], total_shown=True).total


def consistent(shown: tuple[int | None, ...], hidden: tuple[bool, ...], total: int) -> list[tuple[int, ...]]:
    """Every table the public could take the shown one for, knowing the rule and the total."""
    slots = [i for i, h in enumerate(hidden) if h]
    rest = total - sum(v for v in shown if v is not None)
    found = []
    for guess in itertools.product(range(rest + 1), repeat=len(slots)):
        if sum(guess) != rest:
            continue
        values = list(shown)
        for i, v in zip(slots, guess, strict=True):
            values[i] = v
        if hide([int(v) for v in values if v is not None]) == hidden:
            found.append(tuple(int(v) for v in values if v is not None))
    return found


@pytest.mark.parametrize(("cells", "largest"), [(2, 14), (3, 11), (4, 7)])
def test_no_hidden_small_count_can_be_worked_out_from_the_total_by_someone_who_knows_the_rule(
        cells: int, largest: int) -> None:
    for values in itertools.product(range(0, largest + 1), repeat=cells):
        total = sum(values)
        if total < K:
            continue  # the total is hidden too, then nothing adds up to anything shown
        protection = protect(values, total_shown=True)
        if protection.total:
            continue  # the total is hidden as well: no sum to work from
        hidden = protection.cells
        assert not any(h is False and v < K for v, h in zip(values, hidden, strict=True))
        shown = tuple(None if h else v for v, h in zip(values, hidden, strict=True))
        candidates = consistent(shown, hidden, total)
        for i in (i for i, h in enumerate(hidden) if h and 0 < values[i] < K):  # a few residents in it
            assert len({c[i] for c in candidates}) > 1, (values, hidden, i)
