"""A clerk's day: closing slots and days, the day's list, 来所 / 無断キャンセル in bulk with undo, tenancy."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backend.booking.models import Appointment, Service, Slot
from backend.municipalities.models import Municipality
from tests.booking.conftest import book_body, kiosk_for, staff_for, tomorrow_slot

pytestmark = pytest.mark.django_db


def post(client: Client, path: str, body: dict | None = None, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(path, body or {}, content_type="application/json", headers=headers)


def error(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"} and body["code"] == code and body["message"]
    return body


def book(kiosk: Client, slot: Slot, key: str, phone: str = "090-0000-0000") -> str:
    response = post(kiosk, "/api/booking/appointments", book_body(slot, phone=phone),
                    **{"Idempotency-Key": f"staff-days-{key}"})
    assert response.status_code == 201, response.content
    return str(response.json()["reference"])


def started(slot: Slot) -> None:
    """Move a booked slot to five minutes ago (it can only be booked while in the future)."""
    now = timezone.now()
    Slot.objects.filter(pk=slot.pk).update(start=now - timedelta(minutes=5), end=now + timedelta(minutes=10))


def town_only_service(town: Municipality) -> Service:
    return Service.objects.create(municipality=town, code="town-only", kind="health_consultation", name="健康相談",
                                  provider_kind="municipal_team", provider_name="保健師", mode="kiosk_video",
                                  duration_minutes=20, place="窓口")


def test_blocking_a_slot_lists_its_bookings_and_stops_new_ones(staff: Client, kiosk: Client,
                                                               town: Municipality) -> None:
    slot = tomorrow_slot(town, capacity=2)
    reference = book(kiosk, slot, "block-1")
    closed = post(staff, f"/api/staff/slots/{slot.pk}/block")
    assert closed.status_code == 200, closed.content
    [shown] = closed.json()["slots"]
    assert shown["start"] == timezone.localtime(slot.start).isoformat() and shown["start"].endswith("+09:00")
    assert (shown["id"], shown["capacity"], shown["booked"], shown["blocked"], shown["status"]) == (
        slot.pk, 2, 1, True, "busy-unavailable")
    [row] = closed.json()["appointments"]
    assert (row["reference"], row["status"], row["name_kana"], row["phone"]) == (reference, "booked", "ヤマダ ハナコ",
                                                                                 "09000000000")
    assert row["start"].endswith("+09:00")
    error(post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}), 409, "slot_unavailable")
    assert Appointment.objects.get(reference=reference).status == "booked"  # closing cancels nothing
    opened = post(staff, f"/api/staff/slots/{slot.pk}/unblock")
    assert opened.json()["slots"][0]["blocked"] is False and opened.json()["slots"][0]["status"] == "free"
    assert post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}).status_code == 201


def test_closing_a_day_blocks_every_slot_of_that_service_only(staff: Client, kiosk: Client,
                                                              town: Municipality) -> None:
    slot = tomorrow_slot(town)
    other = tomorrow_slot(town, code="child-video", at=time(19, 30))
    reference = book(kiosk, slot, "close-day-1")
    day = timezone.localtime(slot.start).date()
    closed = post(staff, f"/api/staff/services/telemedicine-booth/days/{day}/close")
    assert closed.status_code == 200, closed.content
    assert slot.pk in [s["id"] for s in closed.json()["slots"]] and all(s["blocked"] for s in closed.json()["slots"])
    assert [a["reference"] for a in closed.json()["appointments"]] == [reference]
    other.refresh_from_db()
    assert other.blocked is False
    listed = kiosk.get(f"/api/booking/services/telemedicine-booth/slots?start={day}&end={day}").json()["slots"]
    assert listed == []
    reopened = post(staff, f"/api/staff/services/telemedicine-booth/days/{day}/open")
    assert not any(s["blocked"] for s in reopened.json()["slots"])
    error(post(staff, f"/api/staff/services/no-such/days/{day}/close"), 404, "not_found")
    error(post(staff, "/api/staff/services/telemedicine-booth/days/2026-02-30/close"), 422, "invalid_request")


def test_a_services_day_lists_slots_bookings_and_counts(staff: Client, kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town, capacity=3)
    first, second = book(kiosk, slot, "day-1"), book(kiosk, slot, "day-2", phone="0312345678")
    post(kiosk, f"/api/booking/appointments/{second}/cancel", {"phone": "0312345678"})
    day = timezone.localtime(slot.start).date()
    response = staff.get(f"/api/staff/services/telemedicine-booth/days/{day}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["day"]["date"] == str(day) and body["day"]["wareki"].startswith("令和")
    row = next(s for s in body["slots"] if s["id"] == slot.pk)
    assert (row["capacity"], row["booked"], row["status"]) == (3, 1, "free")
    assert {a["reference"]: a["status"] for a in body["appointments"]} == {first: "booked", second: "cancelled"}
    assert body["counts"]["booked"] == 1 and body["counts"]["cancelled"] == 1 and body["counts"]["noshow"] == 0
    upcoming = staff.get("/api/staff/services/telemedicine-booth/upcoming?days=3").json()
    assert [a["reference"] for a in upcoming] == [first]
    error(staff.get("/api/staff/services/telemedicine-booth/upcoming?days=0"), 400, "bad_request")


def test_bulk_arrived_and_noshow_with_undo(staff: Client, kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town, capacity=3)
    one, two, three = (book(kiosk, slot, f"bulk-{n}") for n in range(3))
    early = post(staff, "/api/staff/appointments/mark", {"references": [one], "status": "noshow"})
    error(early, 409, "not_started")
    started(slot)
    arrived = post(staff, "/api/staff/appointments/mark", {"references": [one, two.replace("-", "").lower()],
                                                            "status": "arrived"})
    assert arrived.status_code == 200, arrived.content
    assert [(a["reference"], a["status"], a["can_undo"]) for a in arrived.json()] == [(one, "arrived", True),
                                                                                      (two, "arrived", True)]
    again = post(staff, "/api/staff/appointments/mark", {"references": [one], "status": "arrived"})
    assert again.status_code == 200 and again.json()[0]["can_undo"]  # a double press changes nothing
    # All or nothing: an arrived booking cannot become a no-show, so neither changes.
    mixed = error(post(staff, "/api/staff/appointments/mark", {"references": [three, one], "status": "noshow"}),
                  409, "invalid_transition")
    assert mixed["details"]["refused"] == [{"reference": one, "status": "arrived", "reason": "invalid_transition"}]
    assert Appointment.objects.get(reference=three).status == "booked"
    assert post(staff, "/api/staff/appointments/mark", {"references": [three], "status": "noshow"}).status_code == 200
    undone = post(staff, "/api/staff/appointments/undo", {"references": [two, three]})
    assert [(a["status"], a["can_undo"]) for a in undone.json()] == [("booked", False), ("booked", False)]
    error(post(staff, "/api/staff/appointments/undo", {"references": [two]}), 409, "nothing_to_undo")
    fulfilled = post(staff, "/api/staff/appointments/mark", {"references": [one], "status": "fulfilled"})
    assert fulfilled.json()[0]["status"] == "fulfilled"
    assert post(staff, "/api/staff/appointments/undo", {"references": [one]}).json()[0]["status"] == "arrived"
    error(post(staff, "/api/staff/appointments/mark", {"references": ["AAA-AAA"], "status": "arrived"}),
          404, "not_found")
    error(post(staff, "/api/staff/appointments/mark", {"references": [], "status": "arrived"}), 422,
          "invalid_request")
    error(post(staff, "/api/staff/appointments/mark", {"references": [one], "status": "booked"}), 422,
          "invalid_request")


def test_a_cancelled_booking_cannot_be_marked_or_undone(staff: Client, kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    reference = book(kiosk, slot, "cancelled-1")
    post(kiosk, f"/api/booking/appointments/{reference}/cancel", {"phone": "09000000000"})
    started(slot)
    error(post(staff, "/api/staff/appointments/mark", {"references": [reference], "status": "arrived"}),
          409, "invalid_transition")
    error(post(staff, "/api/staff/appointments/undo", {"references": [reference]}), 409, "nothing_to_undo")


def test_another_towns_staff_reach_nothing_of_ours(kiosk: Client, town: Municipality,
                                                   other_town: Municipality) -> None:
    town_only_service(town)
    slot = tomorrow_slot(town)
    reference = book(kiosk, slot, "tenancy-1")
    started(slot)
    day = timezone.localtime(slot.start).date()
    outsider = staff_for(other_town, "kita-clerk")
    error(post(outsider, f"/api/staff/slots/{slot.pk}/block"), 404, "not_found")
    error(post(outsider, f"/api/staff/slots/{slot.pk}/unblock"), 404, "not_found")
    for path in (f"/api/staff/services/town-only/days/{day}/close", f"/api/staff/services/town-only/days/{day}/open"):
        error(post(outsider, path), 404, "not_found")
    error(outsider.get(f"/api/staff/services/town-only/days/{day}"), 404, "not_found")
    error(outsider.get("/api/staff/services/town-only/upcoming"), 404, "not_found")
    for path, body in (("/api/staff/appointments/mark", {"references": [reference], "status": "arrived"}),
                       ("/api/staff/appointments/undo", {"references": [reference]})):
        assert reference not in error(post(outsider, path, body), 404, "not_found")["message"]
    # A service code both towns have answers with the outsider's own day: none of our bookings.
    theirs = outsider.get(f"/api/staff/services/telemedicine-booth/days/{day}").json()
    assert reference not in str(theirs) and slot.pk not in [s["id"] for s in theirs["slots"]]
    closed = post(outsider, f"/api/staff/services/telemedicine-booth/days/{day}/close").json()
    assert closed["appointments"] == [] and slot.pk not in [s["id"] for s in closed["slots"]]
    assert reference not in str(outsider.get("/api/staff/services/telemedicine-booth/upcoming?days=3").json())
    slot.refresh_from_db()
    assert slot.blocked is False and Appointment.objects.get(reference=reference).status == "booked"
    kita_kiosk = kiosk_for(other_town, "kita kiosk")
    error(post(kita_kiosk, "/api/booking/holds", {"slot_id": slot.pk}), 404, "not_found")


def test_staff_endpoints_need_a_staff_account(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    for response in (post(Client(), f"/api/staff/slots/{slot.pk}/block"),
                     post(kiosk, "/api/staff/appointments/mark", {"references": ["AAA-AAA"], "status": "arrived"}),
                     Client().get("/api/staff/calendar/2026/1"),
                     Client().get("/api/staff/services/telemedicine-booth/upcoming")):
        error(response, 401, "unauthorized")


def test_calendar_month_for_a_calendar_page(staff: Client) -> None:
    body = staff.get("/api/staff/calendar/2019/5").json()
    assert body["wareki_year"] == "令和元年" and len(body["weeks"]) == 5
    may_first = body["weeks"][0][2]
    assert may_first == {"date": "2019-05-01", "weekday": "水", "in_month": True, "holiday": "天皇の即位の日",
                         "closed": True}
    error(staff.get("/api/staff/calendar/2026/13"), 422, "invalid_request")
