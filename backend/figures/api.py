"""Provides the staff figures endpoints: every table as JSON, or one table as CSV.

Staff sign in as for the other staff endpoints (HTTP Basic, or the admin's session) and see only
their own municipality's figures, every number already through the k-anonymity rule. A period
that is not one (a year outside 2000–2099, from after to, over 366 days) is a 422 before any query.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from backend.core.schemas import ErrorOut
from backend.figures import presenters
from backend.figures.report import figures_of
from backend.figures.schemas import FiguresOut, PeriodQuery, TableQuery
from backend.figures.spreadsheet import table_csv
from backend.municipalities.auth import StaffBasic, StaffSession

router = Router(tags=["staff"], auth=[StaffBasic(), StaffSession()])
"""Basic first: the session check enforces CSRF and would refuse a Basic request before it is tried."""
ERRORS: dict[int, Any] = {401: ErrorOut, 422: ErrorOut}
CSV_OK = {"200": {"description": "The table as CSV: UTF-8 with a byte-order mark, so Excel shows the Japanese",
                  "content": {"text/csv": {"schema": {"type": "string"}}}}}


@router.get("/figures", response={200: FiguresOut, **ERRORS}, by_alias=True,
            summary="The municipality's figures for a period (hidden below 5: docs/decisions/0009-figures.md)")
def figures(request: HttpRequest, query: Query[PeriodQuery]) -> Any:
    return presenters.figures_document(figures_of(municipality=request.auth.municipality, period=query.period()))


@router.get("/figures.csv", response=ERRORS, openapi_extra={"responses": CSV_OK},
            summary="One figures table as CSV for Excel")
def figures_csv(request: HttpRequest, query: Query[TableQuery]) -> HttpResponse:
    found = figures_of(municipality=request.auth.municipality, period=query.period())
    response = HttpResponse(table_csv(found.table(query.table)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{presenters.csv_filename(found, query.table)}"'
    return response
