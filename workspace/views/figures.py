"""Provides the figures dashboard: every table of backend.figures (already through the k-anonymity
rule), a chart drawn on the server for each, and each table as a CSV download for Excel."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe

from backend.figures.charts import bar_chart, line_chart
from backend.figures.period import Period, default_period
from backend.figures.presenters import csv_filename
from backend.figures.report import TABLE_KEYS, figures_of
from backend.figures.spreadsheet import table_csv
from backend.figures.tables import SUPPRESSED_NOTE, Table
from backend.municipalities.models import StaffMember
from workspace.access import staff_page

LINES = {"sessions_by_day", "sessions_by_week"}
"""Tables over time, drawn as lines; the others as bars."""


def _period(request: HttpRequest) -> tuple[Period | None, str]:
    """The period asked for (default: the last four weeks), or None and why not, in Japanese."""
    try:
        first = dt.date.fromisoformat(request.GET["from"]) if request.GET.get("from") else None
        last = dt.date.fromisoformat(request.GET["to"]) if request.GET.get("to") else None
        return default_period(timezone.localdate(), first, last), ""
    except (ValueError, OverflowError):
        return None, "期間を 確かめて ください：2000年から 2099年までの 日付で、始めが 終わりより 前、366日 以内です。"


def _chart(table: Table) -> str:
    if not table.columns or not table.rows:
        return ""
    draw = line_chart if table.key in LINES else bar_chart
    return draw(table, table.columns[0].key, chart_id=f"chart-{table.key}")


@staff_page
def dashboard(request: HttpRequest, staff: StaffMember) -> HttpResponse:
    period, problem = _period(request)
    if period is None:
        return render(request, "workspace/figures.html", {"staff": staff, "problem": problem}, status=400)
    found = figures_of(municipality=staff.municipality, period=period)
    # The charts escape every label themselves (backend/figures/charts.py): safe to embed as they are.
    tables = [{"table": t, "chart": mark_safe(_chart(t))} for t in found.tables]
    return render(request, "workspace/figures.html", {
        "staff": staff, "period": period, "tables": tables, "note": SUPPRESSED_NOTE, "threshold": found.threshold})


@staff_page
def download(request: HttpRequest, staff: StaffMember, key: str) -> HttpResponse:
    if key not in TABLE_KEYS:
        raise Http404("no such table")
    period, problem = _period(request)
    if period is None:
        return render(request, "workspace/message.html", {"staff": staff, "title": "期間が 正しく ありません",
                                                          "message": problem}, status=400)
    found = figures_of(municipality=staff.municipality, period=period)
    response = HttpResponse(table_csv(found.table(key)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_filename(found, key)}"'
    return response
