"""Provides table_csv: a figure table as CSV that Excel opens with its Japanese intact.

UTF-8 with a byte-order mark (Excel reads BOM-less CSV as Shift_JIS), CRLF line ends, hidden
numbers as 秘匿 and counts as plain numbers (no thousands separator) so they stay numbers.
"""

from __future__ import annotations

import csv
import io

from backend.figures.tables import Figure, Row, Table

BOM = "\ufeff"


def _text(label: str) -> str:
    """A label as a cell: one starting with = + - @ would run as a formula in Excel."""
    return f"'{label}" if label[:1] in ("=", "+", "-", "@") else label


def _number(figure: Figure) -> str:
    if figure.hidden or figure.value is None:
        return figure.text
    return f"{figure.value:.1f}" if figure.unit in ("%", "分") else f"{figure.value:.0f}"


def _line(row: Row, width: int) -> list[str]:
    labels = [_text(label) for label in row.labels] + [""] * (width - len(row.labels))
    return labels + [_number(figure) for figure in row.figures]


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    width = len(table.label_columns)
    writer.writerow([*table.label_columns, *(column.label + ("（%）" if column.key in ("share", "rate") else "")
                                              for column in table.columns)])
    for row in table.rows:
        writer.writerow(_line(row, width))
    if table.total is not None:
        writer.writerow(_line(table.total, width))
    return (BOM + out.getvalue()).encode("utf-8")
