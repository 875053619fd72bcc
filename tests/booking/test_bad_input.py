"""Bad input, class by class: always a 4xx in the one envelope, never a 500, and nothing stored.

Each class here was found by hand or by the fuzzing run (tests/backend/test_schemathesis.py): huge
bodies, NUL characters, dates at the edges of what ``datetime`` holds, digits of other scripts,
unknown fields, CSRF refusals and the 404/405 that no API operation answers.
"""

from __future__ import annotations

import base64
import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from backend.assistance.models import HelpRequest, KioskSession
from backend.booking.models import Appointment, Schedule
from backend.municipalities.models import Municipality
from tests.booking.conftest import book_body, tomorrow_slot


def post(client: Client, path: str, body: object, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(path, body if isinstance(body, (str, bytes)) else json.dumps(body),
                       content_type="application/json", headers=headers)


def envelope(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    return body


def test_a_body_of_megabytes_is_413_and_stores_nothing(kiosk: Client, town: Municipality) -> None:
    huge = {"reason": "cant_read", "flow_id": "a" * (3 * 1024 * 1024)}
    assert envelope(post(kiosk, "/api/help/requests", huge), 413)["code"] == "too_large"
    slot = tomorrow_slot(town)
    body = book_body(slot, name_kana="ヤマダ", padding="x" * (2 * 1024 * 1024))
    envelope(post(kiosk, "/api/booking/appointments", body, **{"Idempotency-Key": "huge-body-1"}), 413)
    assert not HelpRequest.objects.exists() and not Appointment.objects.exists()


@pytest.mark.parametrize("body", [
    '{"reason": "cant_read", "flow_id": "a\\u0000b"}',
    '{"reason": "cant_read", "answers": {"q\\u0000": "a"}}',
    b'{"reason": "cant_read", "flow_id": "a\x00b"}',
])
def test_nul_in_a_json_body_is_400(kiosk: Client, body: str | bytes) -> None:
    assert envelope(post(kiosk, "/api/help/requests", body), 400)["code"] == "bad_request"
    assert not HelpRequest.objects.exists()


def test_an_escaped_backslash_before_u0000_is_text_not_nul(kiosk: Client) -> None:
    """``\\\\u0000`` in JSON is a backslash then "u0000": not a NUL, so the schema decides (422)."""
    envelope(post(kiosk, "/api/help/requests", '{"reason": "cant_read", "flow_id": "a\\\\u0000"}'), 422)


def test_nul_in_query_path_headers_and_credentials_is_400(kiosk: Client, staff: Client, town: Municipality) -> None:
    envelope(kiosk.get("/api/booking/services?kind=%00"), 400)
    envelope(staff.get("/api/staff/appointments?status=a%00b"), 400)
    envelope(kiosk.delete("/api/booking/holds/abc%00def"), 400)
    envelope(Client(headers={"X-Kiosk-Key": "mdg_\x00_x"}).get("/api/kiosk/me"), 400)
    basic = base64.b64encode(b"clerk\x00:correct horse battery").decode()
    envelope(Client(headers={"Authorization": f"Basic {basic}"}).get("/api/staff/services"), 400)
    envelope(post(Client(), "/api/volunteer/login", {"username": "a\u0000", "password": "b"}), 400)


EDGE_DAYS = ["0001-01-01", "9999-12-31"]


@pytest.mark.parametrize("day", EDGE_DAYS)
def test_dates_at_the_edges_are_422_in_every_date_parameter(kiosk: Client, staff: Client, day: str) -> None:
    envelope(kiosk.get(f"/api/booking/services/telemedicine-booth/slots?start={day}"), 422)
    envelope(kiosk.get(f"/api/booking/services/telemedicine-booth/slots?end={day}"), 422)
    envelope(staff.get(f"/api/staff/appointments?start={day}"), 422)
    envelope(staff.get(f"/api/staff/appointments?end={day}"), 422)
    envelope(staff.get(f"/api/staff/services/telemedicine-booth/days/{day}"), 422)
    envelope(post(staff, f"/api/staff/services/telemedicine-booth/days/{day}/close", {}), 422)
    envelope(post(staff, f"/api/staff/services/telemedicine-booth/days/{day}/open", {}), 422)
    envelope(staff.get(f"/api/staff/figures?from={day}"), 422)
    envelope(staff.get(f"/api/staff/figures.csv?table=flows&to={day}"), 422)
    schedule = {"service": "telemedicine-booth", "starts_on": day, "ends_on": day, "weekdays": [0],
                "times": ["10:00"]}
    envelope(post(staff, "/api/staff/schedules", schedule), 422)
    envelope(post(staff, "/api/staff/schedules", {**schedule, "starts_on": "2026-01-05"}), 422)
    assert not Schedule.objects.filter(starts_on__year__in=[1, 9999]).exists()


def test_a_calendar_month_before_meiji_is_422_not_500(staff: Client) -> None:
    envelope(staff.get("/api/staff/calendar/1868/10"), 422)
    assert staff.get("/api/staff/calendar/1869/1").status_code == 200


@pytest.mark.parametrize("typed", ["０９０－１２３４－５６７８", "090ー1234ー5678", "(090) 1234 5678", "090−1234−5678"])
def test_phone_numbers_as_residents_type_them_are_normalised(kiosk: Client, town: Municipality, typed: str) -> None:
    slot = tomorrow_slot(town)
    booked = post(kiosk, "/api/booking/appointments", book_body(slot, phone=typed),
                  **{"Idempotency-Key": "phone-key-1"})
    assert booked.status_code == 201, booked.content
    assert Appointment.objects.get().phone == "09012345678"


@pytest.mark.parametrize("typed", ["٠٩٠١٢٣٤٥٦٧٨", "0９0１２３４٥٦٧٨", "+81 90 1234 5678", "090-1234-5678-9",
                                   "1190123456"])
def test_what_is_not_a_japanese_phone_number_is_422(kiosk: Client, town: Municipality, typed: str) -> None:
    slot = tomorrow_slot(town)
    refused = post(kiosk, "/api/booking/appointments", book_body(slot, phone=typed),
                   **{"Idempotency-Key": "phone-key-2"})
    envelope(refused, 422)
    assert not Appointment.objects.exists()


def test_a_full_width_reference_code_is_read_as_ascii(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    reference = post(kiosk, "/api/booking/appointments", book_body(slot),
                     **{"Idempotency-Key": "ref-width-1"}).json()["reference"]
    typed = reference.translate({ord(c): ord(c) + 0xFEE0 for c in reference if c != "-"}).replace("-", "－")
    found = post(kiosk, f"/api/booking/appointments/{typed}/lookup", {"phone": "０９０００００００００"})
    assert found.status_code == 200, found.content
    assert found.json()["reference"] == reference


def test_unknown_fields_are_ignored_and_never_stored(kiosk: Client, town: Municipality) -> None:
    created = post(kiosk, "/api/help/requests", {"reason": "cant_read", "flow_id": "mynumber", "name": "山田花子",
                                                 "modes": {"plain": True, "phone": "09012345678"}})
    assert created.status_code == 201, created.content
    assert post(kiosk, "/api/help/sessions", {"flows": ["mynumber"], "typed": "山田"}).status_code == 204
    stored = json.dumps([vars(row) for row in [*HelpRequest.objects.all(), *KioskSession.objects.all()]],
                        default=str, ensure_ascii=False)
    assert "mynumber" in stored
    assert "山田" not in stored and "09012345678" not in stored


def test_a_staff_session_without_its_csrf_token_is_403_in_the_envelope(town: Municipality, staff: Client) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(User.objects.get(username="clerk"))
    slot = tomorrow_slot(town)
    refused = browser.post(f"/api/staff/slots/{slot.pk}/block", content_type="application/json")
    assert envelope(refused, 403)["code"] in ("forbidden", "csrf_failed")
    slot.refresh_from_db()
    assert not slot.blocked


def test_api_paths_no_route_matches_are_the_envelope_and_staff_pages_keep_html(kiosk: Client) -> None:
    assert envelope(kiosk.get("/api/no-such-thing"), 404)["code"] == "not_found"
    assert envelope(kiosk.get("/api/booking/holds"), 405)["code"] == "method_not_allowed"
    assert envelope(kiosk.put("/api/booking/services"), 405)["code"] == "method_not_allowed"
    page = Client().get("/staff/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
