"""A mobile clinic's route: slots that carry the place where the car stands that day, made by a
clerk's schedule, offered to the kiosk, read back on the confirmation and the slip, and shown on
the staff calendar and day list (issue #16)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from backend.booking.calendar import JAPAN
from backend.booking.demo import ROUTE
from backend.booking.models import Slot
from backend.municipalities.models import Municipality
from kiosk import booking as words
from tests.booking.conftest import book_body, staff_for

pytestmark = pytest.mark.django_db

CLINIC = "mobile-clinic"
STOP = "東公民館の 駐車場（サンプル）"
TODAY = timezone.localdate()
SATURDAY = TODAY + dt.timedelta(days=7 + (5 - TODAY.weekday()) % 7)
"""A Saturday one to two weeks ahead: within the booking horizon, and no sample slots then."""
SCHEDULE = {"service": CLINIC, "starts_on": str(SATURDAY), "ends_on": str(SATURDAY), "weekdays": [5],
            "times": ["10:00", "11:00"], "capacity": 2, "place": STOP}


def post(client: Client, path: str, body: dict[str, object]):  # type: ignore[no-untyped-def]
    return client.post(path, json.dumps(body), content_type="application/json")


def test_the_sample_clinic_stands_where_its_route_says_each_weekday(kiosk: Client) -> None:
    body = kiosk.get(f"/api/booking/services/{CLINIC}/slots").json()
    assert body["slots"], body
    stops = {weekday: place for place, weekdays in ROUTE for weekday in weekdays}
    for slot in body["slots"]:
        day = dt.datetime.fromisoformat(slot["start"]).date()
        assert slot["place"] == stops[day.weekday()], slot
    other = kiosk.get("/api/booking/services/child-video/slots").json()["slots"]
    assert {slot["place"] for slot in other} == {""}  # a booth service: the service's own place


def test_a_clerk_schedules_a_stop_and_the_kiosk_books_it_there(town: Municipality, kiosk: Client) -> None:
    staff = staff_for(town)
    made = post(staff, "/api/staff/schedules", SCHEDULE)
    assert made.status_code == 201 and made.json()["created"] == 2, made.content
    slots = Slot.objects.filter(schedule_id=made.json()["schedule_id"]).order_by("start")
    assert {slot.place for slot in slots} == {STOP}

    # the same weekdays and times at another stop: the car cannot be in two places at once
    elsewhere = post(staff, "/api/staff/schedules", {**SCHEDULE, "place": "西公民館（サンプル）"}).json()
    assert elsewhere["created"] == 0 and elsewhere["skipped"] == 2

    offered = kiosk.get(f"/api/booking/services/{CLINIC}/slots?start={SATURDAY}&end={SATURDAY}")
    assert [s["place"] for s in offered.json()["slots"]] == [STOP, STOP], offered.content
    booked = kiosk.post("/api/booking/appointments", json.dumps(book_body(slots[0])),
                        content_type="application/json", headers={"Idempotency-Key": "route-stop-1"})
    assert booked.status_code == 201, booked.content
    assert booked.json()["slot"]["place"] == STOP

    # what the resident reads, hears and takes home names the stop, not the service's vague place
    booking = words.Booking.of(booked.json())
    assert booking.slot.place == STOP
    assert dict(words.slip_lines(booking, "ja"))["場所"] == STOP
    draft = words.Draft(service=booking.service, slot=booking.slot, name="ヤマダ", phone="09000000000")
    assert f"場所：{STOP}" in words.confirm_page(draft, "ja").lines
    kiosk_slots = [words.Slot.of(s) for s in offered.json()["slots"]]
    assert f"場所：{STOP}" in words.time_page(SATURDAY, kiosk_slots, "ja").lines
    assert any(STOP in label for _, label in words.day_page(booking.service, kiosk_slots, "ja").options)


def test_two_stops_on_one_day_name_each_time(kiosk: Client) -> None:
    start = dt.datetime(2031, 2, 8, 10, tzinfo=JAPAN)
    slots = [words.Slot(id=1, start=start, place="A公民館"), words.Slot(id=2, start=start.replace(hour=14),
                                                                      place="B駐車場")]
    page = words.time_page(start.date(), slots, "en")
    assert [label.split()[-1] for _, label in page.options] == ["A公民館", "B駐車場"]
    assert not any(line.startswith("Where") for line in page.lines)


@pytest.mark.parametrize("place", ["停車\x00場所", "\u202e所場車停", "停車\x7f場所", "長" * 201])
def test_a_place_that_cannot_be_printed_on_one_line_is_refused(town: Municipality, place: str) -> None:
    response = post(staff_for(town), "/api/staff/schedules", {**SCHEDULE, "place": place})
    assert response.status_code in (400, 422) and "code" in response.json(), response.content
    assert not Slot.objects.filter(place__contains="場所", service__code=CLINIC).exists()
    assert not Slot.objects.filter(service__code=CLINIC, start__gte=dt.datetime.combine(
        SATURDAY, dt.time(), tzinfo=JAPAN), start__lt=dt.datetime.combine(SATURDAY, dt.time(23), tzinfo=JAPAN)).exists()


def test_the_staff_calendar_and_day_list_show_the_stop(town: Municipality) -> None:
    from tests.workspace.conftest import signed_in, staff

    clerk = signed_in(staff("demo", "clerk"))
    form = {"starts_on": str(SATURDAY), "ends_on": str(SATURDAY), "weekday": ["5"], "times": "10:00, 11:00",
            "capacity": "2", "place": f"  {STOP} "}
    made = clerk.post(f"/staff/bookings/{CLINIC}/schedule/", form)
    assert made.status_code == 200 and "2枠を 作りました" in made.content.decode(), made.content.decode()
    month = clerk.get(f"/staff/bookings/{CLINIC}/month/{SATURDAY.year}/{SATURDAY.month}/").content.decode()
    assert month.count(STOP) == 1  # once on its day, not per slot
    day = clerk.get(f"/staff/bookings/{CLINIC}/{SATURDAY}/").content.decode()
    assert day.count(STOP) == 2  # beside each of the two times
