"""Weekly schedules as a clerk makes them: 祝日 left out and named, capacity checked, repeats harmless."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.test import Client

from backend.booking.calendar import JAPAN
from backend.booking.models import Schedule, Slot
from backend.booking.schedules import InvalidSchedule, schedule_create
from backend.municipalities.models import Municipality
from tests.booking.conftest import staff_for

pytestmark = pytest.mark.django_db

NEW_YEAR = {"service": "child-video", "starts_on": "2030-12-30", "ends_on": "2031-01-14", "weekdays": [0, 1, 2],
            "times": ["10:00", "11:00"], "capacity": 1}
"""Mondays to Wednesdays over 元日 2031 (a Wednesday) and 成人の日 (Monday 13 January)."""


def post(client: Client, path: str, body: dict):  # type: ignore[no-untyped-def]
    return client.post(path, body, content_type="application/json")


def test_holidays_are_left_out_and_named(staff: Client, town: Municipality) -> None:
    response = post(staff, "/api/staff/schedules", NEW_YEAR)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["created"] == 12 and body["skipped"] == 0 and not body["repeated"]
    assert body["holidays_skipped"] == [{"date": "2031-01-01", "weekday": "水", "name": "元日"},
                                        {"date": "2031-01-13", "weekday": "月", "name": "成人の日"}]
    days = {s.start.astimezone(JAPAN).date() for s in Slot.objects.filter(schedule_id=body["schedule_id"])}
    assert date(2031, 1, 1) not in days and date(2030, 12, 31) in days and len(days) == 6


def test_slots_are_tokyo_wall_clock_times_stored_aware(staff: Client, town: Municipality) -> None:
    body = post(staff, "/api/staff/schedules", NEW_YEAR).json()
    first = Slot.objects.filter(schedule_id=body["schedule_id"]).order_by("start").first()
    assert first is not None and first.start == datetime(2030, 12, 30, 10, 0, tzinfo=JAPAN)
    assert first.start == datetime(2030, 12, 30, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo, not 10:00 UTC


def test_holidays_can_be_scheduled_when_asked(staff: Client, town: Municipality) -> None:
    body = post(staff, "/api/staff/schedules", {**NEW_YEAR, "skip_holidays": False}).json()
    assert body["created"] == 16 and body["holidays_skipped"] == []


def test_the_same_request_twice_makes_one_schedule_and_one_set_of_slots(staff: Client, town: Municipality) -> None:
    first = post(staff, "/api/staff/schedules", NEW_YEAR).json()
    for _ in range(3):
        again = post(staff, "/api/staff/schedules", {**NEW_YEAR, "comment": "pressed again"})
        assert again.status_code == 200
        assert again.json() | {"holidays_skipped": []} == {"schedule_id": first["schedule_id"], "created": 0,
                                                           "skipped": 12, "repeated": True, "holidays_skipped": []}
    assert Schedule.objects.filter(service__code="child-video", starts_on=date(2030, 12, 30)).count() == 1
    assert Slot.objects.filter(schedule_id=first["schedule_id"]).count() == 12


def test_a_request_that_makes_nothing_new_makes_no_empty_schedule(staff: Client, town: Municipality) -> None:
    post(staff, "/api/staff/schedules", NEW_YEAR)
    narrower = post(staff, "/api/staff/schedules", {**NEW_YEAR, "weekdays": [0]})
    assert narrower.status_code == 200
    assert narrower.json()["schedule_id"] is None and narrower.json()["created"] == 0
    assert narrower.json()["skipped"] == 4
    assert Schedule.objects.filter(service__code="child-video", starts_on=date(2030, 12, 30)).count() == 1


def test_capacity_zero_is_refused_with_a_clear_message(staff: Client, town: Municipality) -> None:
    response = post(staff, "/api/staff/schedules", {**NEW_YEAR, "capacity": 0})
    assert response.status_code == 422 and response.json()["code"] == "invalid_request"
    assert response.json()["details"]["errors"][0]["location"][-1] == "capacity"
    with pytest.raises(InvalidSchedule, match="Capacity must be at least 1"):
        schedule_create(municipality=town, service_code="child-video", starts_on=date(2031, 2, 3),
                        ends_on=date(2031, 2, 3), weekdays=[0], times=[time(10)], capacity=0)
    assert not Slot.objects.filter(start__date=date(2031, 2, 3)).exists()


def test_another_towns_staff_cannot_schedule_our_service(town: Municipality, other_town: Municipality) -> None:
    from backend.booking.models import Service

    Service.objects.create(municipality=town, code="town-only", kind="health_consultation", name="健康相談",
                           provider_kind="municipal_team", provider_name="保健師", mode="kiosk_video",
                           duration_minutes=20, place="窓口")
    outsider = staff_for(other_town, "kita-clerk")
    response = post(outsider, "/api/staff/schedules", {**NEW_YEAR, "service": "town-only"})
    assert response.status_code == 404 and set(response.json()) == {"code", "message", "details"}
    assert not Slot.objects.filter(service__code="town-only").exists()
