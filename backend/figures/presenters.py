"""Provides the JSON document of a set of figures (the shape of schemas.FiguresOut)."""

from __future__ import annotations

from typing import Any

from backend.figures.report import Figures
from backend.figures.tables import SUPPRESSED, SUPPRESSED_NOTE, Figure, Row, Table


def _figure(figure: Figure) -> dict[str, Any]:
    return {"value": None if figure.hidden else figure.value, "text": figure.text, "unit": figure.unit,
            "suppressed": figure.hidden}


def _row(row: Row) -> dict[str, Any]:
    return {"key": row.key, "labels": list(row.labels), "figures": [_figure(f) for f in row.figures]}


def table_document(table: Table) -> dict[str, Any]:
    return {"key": table.key, "title": table.title, "description": table.description,
            "label_columns": list(table.label_columns),
            "columns": [{"key": c.key, "label": c.label} for c in table.columns],
            "rows": [_row(r) for r in table.rows], "total": _row(table.total) if table.total else None}


def figures_document(figures: Figures) -> dict[str, Any]:
    period = figures.period
    return {"municipality": {"code": figures.municipality_code, "name": figures.municipality_name},
            "period": {"from": period.first, "to": period.last, "days": period.days},
            "threshold": figures.threshold, "suppressed_text": SUPPRESSED, "suppressed_note": SUPPRESSED_NOTE,
            "tables": [table_document(t) for t in figures.tables]}


def csv_filename(figures: Figures, key: str) -> str:
    period = figures.period
    return f"madoguchi-{figures.municipality_code}-{key}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
