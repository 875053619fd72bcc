"""GET /api/staff/figures and /api/staff/figures.csv through Django's test client: staff only,
their own municipality only, dates checked into a 422 envelope (never a 500), CSV Excel reads."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.test import Client

from backend.municipalities.models import Municipality
from tests.figures.conftest import recorder, staff_client

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def test_the_figures_are_for_staff_only(town: Municipality) -> None:
    for path in ("/api/staff/figures", "/api/staff/figures.csv?table=summary"):
        response = Client().get(path)
        assert response.status_code == 401 and response.json()["code"] == "unauthorized"


def test_staff_see_their_own_municipalitys_figures_as_json(town: Municipality, other_town: Municipality) -> None:
    recorder(town)(date(2026, 11, 2), 12)
    recorder(other_town)(date(2026, 11, 2), 30)
    document = staff_client(town).get("/api/staff/figures?from=2026-11-01&to=2026-11-30").json()
    assert document["municipality"]["code"] == "demo"
    assert document["period"] == {"from": "2026-11-01", "to": "2026-11-30", "days": 30}
    assert document["threshold"] == 5 and document["suppressed_text"] == "秘匿"
    summary = next(t for t in document["tables"] if t["key"] == "summary")
    assert summary["title"] == "利用のまとめ" and summary["rows"][0]["figures"][0]["value"] == 12
    theirs = staff_client(other_town, "kita-clerk").get("/api/staff/figures?from=2026-11-01&to=2026-11-30").json()
    assert next(t for t in theirs["tables"] if t["key"] == "summary")["rows"][0]["figures"][0]["value"] == 30


def test_without_dates_the_four_weeks_up_to_today(town: Municipality) -> None:
    from django.utils import timezone

    period = staff_client(town).get("/api/staff/figures").json()["period"]
    assert period["to"] == timezone.localdate().isoformat() and period["days"] == 28


@pytest.mark.parametrize("query", [
    "from=0001-01-01&to=2026-11-30", "from=2026-11-01&to=9999-12-31", "to=0001-01-01", "from=9999-12-31",
    "from=2026-12-01&to=2026-11-01", "from=2024-01-01&to=2026-01-01", "from=2026-13-01", "from=yesterday",
    "from=99999-01-01", "from=",
])
def test_a_period_that_is_not_one_is_a_422_in_the_envelope(town: Municipality, query: str) -> None:
    staff = staff_client(town)
    for path in ("/api/staff/figures", "/api/staff/figures.csv"):
        response = staff.get(f"{path}?table=summary&{query}")
        assert response.status_code == 422, (path, query, response.content[:200])
        assert response.json()["code"] == "invalid_request" and response.json()["details"]["errors"]


@pytest.mark.parametrize("query", ["table=nonsense", "", "table=summary;drop"])
def test_an_unknown_table_is_a_422(town: Municipality, query: str) -> None:
    response = staff_client(town).get(f"/api/staff/figures.csv?{query}")
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"


def test_every_table_comes_as_csv_that_excel_opens_in_japanese(town: Municipality) -> None:
    from backend.figures.report import TABLE_KEYS

    recorder(town)(date(2026, 11, 2), 12)
    staff = staff_client(town)
    for key in TABLE_KEYS:
        response = staff.get(f"/api/staff/figures.csv?table={key}&from=2026-11-01&to=2026-11-30")
        assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == (
            f'attachment; filename="madoguchi-demo-{key}-2026-11-01-2026-11-30.csv"')
        assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM, so Excel reads UTF-8
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] and all(rows[0])
    days = staff.get("/api/staff/figures.csv?table=sessions_by_day&from=2026-11-01&to=2026-11-03").content
    assert days.decode("utf-8-sig").split("\r\n") == [
        "日付,利用回数", "2026-11-01（日）,秘匿", "2026-11-02（月）,12", "2026-11-03（火）,秘匿", "合計,12", ""]


def test_every_status_is_in_the_openapi(town: Municipality) -> None:
    schema = Client().get("/api/openapi.json").json()
    for path in ("/api/staff/figures", "/api/staff/figures.csv"):
        assert {"200", "401", "422"} <= set(schema["paths"][path]["get"]["responses"]), path
    assert "text/csv" in schema["paths"]["/api/staff/figures.csv"]["get"]["responses"]["200"]["content"]
