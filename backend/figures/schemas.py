"""Provides the staff figures endpoints' query and response schemas."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.utils import timezone
from ninja import Schema
from pydantic import Field, model_validator

from backend.figures.period import Period, default_period

TableKey = Literal["summary", "sessions_by_day", "sessions_by_week", "flows", "stops", "languages", "modes",
                   "help_outcomes", "help_answers", "bookings_made", "bookings_held"]


class PeriodQuery(Schema):
    """``from`` and ``to`` (inclusive, YYYY-MM-DD); without them, the four weeks up to today."""

    first: date | None = Field(default=None, alias="from", description="The first day (default: 27 days before 'to')")
    last: date | None = Field(default=None, alias="to", description="The last day (default: today)")

    @model_validator(mode="after")
    def _a_period(self) -> PeriodQuery:
        self.period()  # a ValueError here is the 422, before any query runs
        return self

    def period(self) -> Period:
        return default_period(timezone.localdate(), self.first, self.last)


class TableQuery(PeriodQuery):
    table: TableKey = Field(description="Which table, as the JSON's tables[].key")


class FigureOut(Schema):
    value: float | None = Field(description="The number; null when hidden or when there is none")
    text: str = Field(description="As shown to staff: '12', '45.5%', '3.2', '秘匿' or ''")
    unit: str
    suppressed: bool = Field(description="Hidden by the k-anonymity rule (docs/decisions/0009-figures.md)")


class ColumnOut(Schema):
    key: str
    label: str


class RowOut(Schema):
    key: str
    labels: list[str]
    figures: list[FigureOut]


class TableOut(Schema):
    key: TableKey
    title: str
    description: str
    label_columns: list[str]
    columns: list[ColumnOut]
    rows: list[RowOut]
    total: RowOut | None


class MunicipalityOut(Schema):
    code: str
    name: str


class PeriodOut(Schema):
    first: date = Field(alias="from")
    last: date = Field(alias="to")
    days: int


class FiguresOut(Schema):
    municipality: MunicipalityOut
    period: PeriodOut
    threshold: int = Field(description="Counts below this are never shown")
    suppressed_text: str
    suppressed_note: str
    tables: list[TableOut]
