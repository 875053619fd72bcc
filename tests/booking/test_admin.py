"""The Django admin keeps the booking rules: read-only appointments, schedules made by the service,
lists, filters and choices of one municipality only, and times in Japan time with the weekday."""

from __future__ import annotations

from datetime import time

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from backend.booking.calendar import weekday_ja
from backend.booking.models import Appointment, Schedule, Slot
from backend.municipalities.models import Municipality
from backend.municipalities.services import staff_register
from tests.booking.conftest import book_body, kiosk_for, tomorrow_slot

pytestmark = pytest.mark.django_db

SCHEDULE = {"service": "", "starts_on": "2031-01-01", "ends_on": "2031-01-07", "weekdays": ["2", "3"],
            "times": "10:00, 11:00", "capacity": "2", "skip_holidays": "on", "comment": "冬"}
"""Wednesday 元日 2031 to the next Tuesday, Wednesdays and Thursdays: only Thursday 2 January is made."""


def admin_browser(municipality: Municipality, username: str = "clerk-admin") -> Client:
    staff_register(municipality_code=municipality.code, username=username, password="kita-no-hoken-center",
                   admin=True)
    browser = Client()
    browser.force_login(User.objects.get(username=username))
    return browser


def book(municipality: Municipality, slot: Slot, key: str) -> Appointment:
    response = kiosk_for(municipality, f"kiosk-{key}").post("/api/booking/appointments", book_body(slot),
                                                            content_type="application/json",
                                                            headers={"Idempotency-Key": f"admin-test-{key}"})
    assert response.status_code == 201, response.content
    return Appointment.objects.get(reference=response.json()["reference"])


def test_appointments_are_read_only_in_the_admin(town: Municipality) -> None:
    appointment = book(town, tomorrow_slot(town), "ro")
    browser = admin_browser(town)
    assert browser.get("/admin/booking/appointment/add/").status_code == 403
    assert browser.post("/admin/booking/appointment/add/", {"reference": ""}).status_code == 403
    page = browser.get(f"/admin/booking/appointment/{appointment.pk}/change/")
    assert page.status_code == 200 and 'name="status"' not in page.content.decode()
    assert browser.post(f"/admin/booking/appointment/{appointment.pk}/change/",
                        {"status": "cancelled"}).status_code == 403
    assert browser.get(f"/admin/booking/appointment/{appointment.pk}/delete/").status_code == 403
    appointment.refresh_from_db()
    assert appointment.status == "booked" and Appointment.objects.count() == 1


def test_admin_lists_show_japan_time_with_the_weekday(town: Municipality) -> None:
    slot = tomorrow_slot(town, at=time(10, 0))
    book(town, slot, "jst")
    browser = admin_browser(town)
    day = timezone.localtime(slot.start).date()
    shown = f"{day:%Y-%m-%d}（{weekday_ja(day)}）10:00"
    assert shown in browser.get("/admin/booking/appointment/").content.decode()
    assert shown in browser.get(f"/admin/booking/slot/?service__id__exact={slot.service_id}").content.decode()


def test_filters_and_choices_list_only_our_municipality(town: Municipality, other_town: Municipality) -> None:
    book(town, tomorrow_slot(town), "ours")
    book(other_town, tomorrow_slot(other_town), "theirs")
    browser = admin_browser(town)
    for path in ("/admin/booking/appointment/", "/admin/booking/slot/", "/admin/booking/schedule/",
                 "/admin/booking/schedule/add/"):
        page = browser.get(path)
        assert page.status_code == 200, path
        text = page.content.decode()
        assert "(demo)" in text and "(kita)" not in text, path


def test_a_schedule_added_in_the_admin_follows_the_rules(town: Municipality) -> None:
    browser = admin_browser(town)
    service = town.services.get(code="child-video")
    body = {**SCHEDULE, "service": str(service.pk)}
    added = browser.post("/admin/booking/schedule/add/", body)
    assert added.status_code == 302, added.content.decode()[:2000]
    schedule = Schedule.objects.get(service=service, comment="冬")
    starts = sorted(timezone.localtime(s.start).strftime("%m-%d %H:%M") for s in schedule.slots.all())
    assert starts == ["01-02 10:00", "01-02 11:00"] and {s.capacity for s in schedule.slots.all()} == {2}
    again = browser.post("/admin/booking/schedule/add/", body)
    assert again.status_code == 200 and "would make no slot" in again.content.decode()
    zero = browser.post("/admin/booking/schedule/add/", {**body, "capacity": "0", "starts_on": "2031-02-05",
                                                          "ends_on": "2031-02-06"})
    assert zero.status_code == 200 and "errorlist" in zero.content.decode()
    assert not Slot.objects.filter(service=service, start__year=2031, start__month=2).exists()
    only_holiday = browser.post("/admin/booking/schedule/add/", {**body, "ends_on": "2031-01-01"})
    assert only_holiday.status_code == 200 and "1 祝日 left out" in only_holiday.content.decode()
    assert Schedule.objects.filter(service=service, comment="冬").count() == 1


def test_a_slot_keeps_its_time_and_never_holds_fewer_places_than_bookings(town: Municipality) -> None:
    slot = tomorrow_slot(town)
    book(town, slot, "cap")
    browser = admin_browser(town)
    assert browser.get("/admin/booking/slot/add/").status_code == 403
    refused = browser.post(f"/admin/booking/slot/{slot.pk}/change/", {"capacity": "0"})
    assert refused.status_code == 200 and "at least 1" in refused.content.decode()
    moved = browser.post(f"/admin/booking/slot/{slot.pk}/change/", {"capacity": "3", "blocked": "on",
                                                                     "start": "2031-01-01 00:00:00"})
    assert moved.status_code == 302
    stored = Slot.objects.get(pk=slot.pk)
    assert (stored.capacity, stored.blocked, stored.start) == (3, True, slot.start)
