"""Provides the figure tables as plain data: what the JSON, CSV and SVG renderers all show.

A Figure is a number, a hidden number (秘匿), or nothing to show; only the suppression rule
(backend.figures.suppression) decides which is hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backend.figures.suppression import protect

SUPPRESSED = "秘匿"
"""Shown in place of a hidden number, the same for a small count and for one hidden to protect it."""
SUPPRESSED_NOTE = ("「秘匿」は、5未満の数と、ほかの数から計算できてしまう数です。"
                   "利用した人が分からないように表示していません。")


@dataclass(frozen=True)
class Figure:
    value: float | None = None
    """None when hidden or when there is nothing to show (a rate of nothing)."""
    unit: str = ""
    """"回", "件", "%" or "分"; the number alone is ``value``."""
    hidden: bool = False

    @property
    def text(self) -> str:
        if self.hidden:
            return SUPPRESSED
        if self.value is None:
            return ""
        number = f"{self.value:.1f}" if self.unit in ("%", "分") else f"{self.value:,.0f}"
        return number + ("%" if self.unit == "%" else "")


def count(value: int, *, hidden: bool, unit: str = "回") -> Figure:
    return Figure(None, unit, True) if hidden else Figure(float(value), unit)


def share(part: Figure, whole: Figure) -> Figure:
    """``part`` as a percentage of ``whole``; hidden when either is (it would give the count back)."""
    if part.hidden or whole.hidden:
        return Figure(None, "%", True)
    if part.value is None or not whole.value:
        return Figure(None, "%")
    return Figure(round(100 * part.value / whole.value, 1), "%")


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Row:
    key: str
    labels: tuple[str, ...]
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    description: str
    label_columns: tuple[str, ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None

    def column(self, key: str) -> list[tuple[str, Figure]]:
        """One column's figures with their row labels, for a chart."""
        index = [c.key for c in self.columns].index(key)
        return [("　".join(row.labels), row.figures[index]) for row in self.rows]


def partition_rows(items: Sequence[tuple[str, tuple[str, ...], int]], *, total: int, total_hidden: bool,
                   unit: str) -> tuple[Row, ...]:
    """Rows of (count, share of the total) for counts that add up to ``total``, protected together."""
    hidden = protect([n for _key, _labels, n in items], total_shown=not total_hidden).cells
    whole = count(total, hidden=total_hidden, unit=unit)
    rows = []
    for (key, labels, n), hide in zip(items, hidden, strict=True):
        figure = count(n, hidden=hide, unit=unit)
        rows.append(Row(key, labels, (figure, share(figure, whole))))
    return tuple(rows)


def total_row(total: int, *, hidden: bool, unit: str, columns: int = 2) -> Row:
    return Row("total", ("合計",), (count(total, hidden=hidden, unit=unit), *(Figure() for _ in range(columns - 1))))
