"""Staff endpoints, the admin's municipality scoping, and the retention command."""

from __future__ import annotations

import base64
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from backend.booking.demo import DAYS_AHEAD
from backend.booking.models import Appointment, Slot
from backend.municipalities.models import Municipality
from tests.booking.conftest import book_body, staff_for, tomorrow_slot

pytestmark = pytest.mark.django_db


def post(client: Client, path: str, body: dict, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(path, body, content_type="application/json", headers=headers)


def book(kiosk: Client, slot: Slot, key: str) -> str:
    response = post(kiosk, "/api/booking/appointments", book_body(slot), **{"Idempotency-Key": key})
    assert response.status_code == 201, response.content
    return str(response.json()["reference"])


def test_bulk_schedule_creates_weekday_slots_once(staff: Client, town: Municipality) -> None:
    # A Monday beyond the sample slots made for the coming weeks (demo.DAYS_AHEAD), whose 09:30
    # would otherwise be skipped: a fixed date here started failing once today came within reach.
    after = timezone.localdate() + timedelta(days=DAYS_AHEAD + 7)
    start = after + timedelta(days=-after.weekday() % 7)
    body = {"service": "child-video", "starts_on": str(start), "ends_on": str(start + timedelta(days=13)),
            "weekdays": [0, 2], "times": ["09:00", "09:30", "10:00"], "capacity": 2, "skip_holidays": False}
    first = post(staff, "/api/staff/schedules", body)
    assert first.status_code == 201 and first.json()["created"] == 12 and first.json()["skipped"] == 0
    again = post(staff, "/api/staff/schedules", body)
    assert again.status_code == 200 and again.json()["created"] == 0 and again.json()["skipped"] == 12
    assert again.json()["repeated"] and again.json()["schedule_id"] == first.json()["schedule_id"]
    slot = Slot.objects.filter(service__code="child-video", start__date=start).order_by("start").first()
    assert slot is not None and slot.capacity == 2
    assert timezone.localtime(slot.start).hour == 9 and (slot.end - slot.start) == timedelta(minutes=30)


def test_bulk_schedule_rejects_bad_ranges(staff: Client) -> None:
    body = {"service": "child-video", "starts_on": "2027-02-01", "ends_on": "2027-01-01", "weekdays": [0],
            "times": ["09:00"]}
    assert post(staff, "/api/staff/schedules", body).status_code == 400
    assert post(staff, "/api/staff/schedules", {**body, "weekdays": [9]}).status_code == 422
    assert post(staff, "/api/staff/schedules", {**body, "service": "nope", "ends_on": "2027-03-01"}).status_code == 404


def test_staff_list_bookings_with_contact_and_mark_attendance(staff: Client, kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    reference = book(kiosk, slot, "staff-list-key")
    listed = staff.get("/api/staff/appointments").json()
    rows = [(a["reference"], a["name_kana"], a["phone"]) for a in listed]
    assert rows == [(reference, "ヤマダ ハナコ", "09000000000")]
    early = post(staff, f"/api/staff/appointments/{reference}/status", {"status": "arrived"})
    assert early.status_code == 409 and early.json()["code"] == "not_today", early.json()  # tomorrow's booking
    Slot.objects.filter(pk=slot.pk).update(start=timezone.now() - timedelta(minutes=5),
                                           end=timezone.now() + timedelta(minutes=10))
    arrived = post(staff, f"/api/staff/appointments/{reference}/status", {"status": "arrived"})
    assert arrived.status_code == 200 and arrived.json()["status"] == "arrived"
    fulfilled = post(staff, f"/api/staff/appointments/{reference}/status", {"status": "fulfilled"})
    assert fulfilled.json()["status"] == "fulfilled"
    refused = post(staff, f"/api/staff/appointments/{reference}/status", {"status": "noshow"})
    assert refused.status_code == 409 and refused.json()["code"] == "invalid_transition"
    assert post(staff, f"/api/staff/appointments/{reference}/status", {"status": "lost"}).status_code == 422


def test_staff_see_only_their_municipality(kiosk: Client, town: Municipality, other_town: Municipality) -> None:
    reference = book(kiosk, tomorrow_slot(town), "scoped-key")
    outsider = staff_for(other_town, "kita-clerk")
    assert outsider.get("/api/staff/appointments").json() == []
    assert post(outsider, f"/api/staff/appointments/{reference}/status", {"status": "arrived"}).status_code == 404
    assert Appointment.objects.get().status == "booked"


def test_staff_auth_failures_are_401(town: Municipality) -> None:
    assert Client().get("/api/staff/appointments").status_code == 401
    wrong = base64.b64encode(b"clerk:wrong").decode()
    staff_for(town)
    response = Client(headers={"Authorization": f"Basic {wrong}"}).get("/api/staff/appointments")
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"
    User.objects.create_user(username="no-municipality", password="pw-123456")
    token = base64.b64encode(b"no-municipality:pw-123456").decode()
    assert Client(headers={"Authorization": f"Basic {token}"}).get("/api/staff/appointments").status_code == 401
    # A kiosk key is not a staff credential.
    from backend.municipalities.services import device_register

    _, key = device_register(municipality_code="demo", name="k")
    assert Client(headers={"X-Kiosk-Key": key}).get("/api/staff/appointments").status_code == 401


def test_admin_lists_only_the_staff_members_municipality(kiosk: Client, town: Municipality,
                                                         other_town: Municipality) -> None:
    from tests.booking.conftest import kiosk_for

    mine = book(kiosk, tomorrow_slot(town), "admin-mine")
    theirs = book(kiosk_for(other_town), tomorrow_slot(other_town), "admin-theirs")
    staff_for(town)
    user = User.objects.get(username="clerk")
    user.is_staff = True
    user.save()
    from django.contrib.auth.models import Permission

    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_appointment", "change_appointment"]))
    browser = Client()
    browser.force_login(user)
    page = browser.get("/admin/booking/appointment/")
    assert page.status_code == 200
    text = page.content.decode()
    assert mine in text and theirs not in text


def test_retention_command_erases_name_and_phone_after_the_period(kiosk: Client, town: Municipality) -> None:
    reference = book(kiosk, tomorrow_slot(town), "retention-key")
    out = StringIO()
    call_command("erase_booking_personal_data", "--days", "30", stdout=out)
    assert "0 appointment" in out.getvalue()
    appointment = Appointment.objects.get(reference=reference)
    Slot.objects.filter(pk=appointment.slot_id).update(start=timezone.now() - timedelta(days=31, hours=1),
                                                        end=timezone.now() - timedelta(days=31))
    call_command("erase_booking_personal_data", "--days", "30", stdout=out)
    appointment.refresh_from_db()
    assert (appointment.name_kana, appointment.phone) == ("", "")
    assert appointment.personal_data_erased_at is not None and appointment.status == "booked"
    assert "1 appointment" in out.getvalue()
    # After erasure the booking can no longer be found by phone.
    assert post(kiosk, f"/api/booking/appointments/{reference}/lookup", {"phone": "09000000000"}).status_code == 404
