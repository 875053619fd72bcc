"""The figures dashboard of the workspace: tables and charts through the k-anonymity rule, each
table as CSV for Excel, periods checked, and nothing of another municipality."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client

from backend.municipalities.services import device_register
from tests.workspace.conftest import signed_in, staff

pytestmark = pytest.mark.django_db


def sessions(code: str, count: int, **body: object) -> None:
    """``count`` ended sessions as kiosks send them (POST /api/help/sessions)."""
    _, key = device_register(municipality_code=code, name=f"kiosk {code} {len(body)}")
    kiosk = Client(headers={"X-Kiosk-Key": key})
    for _ in range(count):
        response = kiosk.post("/api/help/sessions", json.dumps({"flows": ["lost_card"], "assisted": False, **body}),
                              content_type="application/json")
        assert response.status_code in (200, 201, 204), response.content


@pytest.fixture
def clerk(imported: object) -> Client:
    return signed_in(staff("demo", "clerk"))


def test_the_dashboard_counts_hides_small_cells_and_downloads_csv(clerk: Client) -> None:
    sessions("demo", 12, language="ja", completed=["lost_card"], last_flow="lost_card", last_node="outcome_outside",
             modes={"plain": True, "furigana": False, "read_aloud": False, "high_contrast": False})
    sessions("demo", 2, language="vi", last_flow="lost_card", last_node="suspend_card",
             modes={"plain": False, "furigana": False, "read_aloud": True, "high_contrast": False})
    page = clerk.get("/staff/figures/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "<title" in text and "秘匿" in text  # two Vietnamese sessions are not shown as 2
    summary = next(t["table"] for t in page.context["tables"] if t["table"].key == "summary")
    assert any(f.text == "14" for row in summary.rows for f in row.figures), summary

    download = clerk.get("/staff/figures/languages.csv")
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    assert download.content.startswith("\ufeff".encode())  # Excel reads the Japanese right
    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert any("日本語" in cell for row in rows for cell in row)
    assert not any(cell == "2" for row in rows for cell in row[1:])


def test_a_period_that_is_not_one_is_refused_in_words(clerk: Client) -> None:
    for query in ("from=9999-01-01&to=9999-12-31", "from=2026-12-01&to=2026-01-01", "from=0001-01-01",
                  "from=2026-13-45", "to=9999-12-31"):
        page = clerk.get(f"/staff/figures/?{query}")
        assert page.status_code == 400, query
        assert "期間を 確かめて ください" in page.content.decode()
    assert clerk.get("/staff/figures/nothing.csv").status_code == 404
    assert clerk.get("/staff/figures/languages.csv?from=9999-01-01").status_code == 400


def test_another_municipalitys_sessions_are_not_counted(clerk: Client) -> None:
    sessions("demo", 20, language="ja")
    outsider = signed_in(staff("other", "neighbour"))
    page = outsider.get("/staff/figures/")
    assert page.status_code == 200
    summary = next(t["table"] for t in page.context["tables"] if t["table"].key == "summary")
    assert not any(f.text == "20" for row in summary.rows for f in row.figures)
    assert "みほん市" not in page.content.decode()
