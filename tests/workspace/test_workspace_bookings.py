"""The booking pages of the workspace: weekly schedules with 祝日 left out, the month calendar in
和暦, a day's bookings marked 来所 / 無断キャンセル in bulk and undone, closing a day with the list
of who is affected — through Django's test client, the same services as the API."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from backend.booking.demo import sample_booking_ensure
from backend.booking.models import Appointment, Slot
from backend.municipalities.models import Municipality
from backend.municipalities.services import device_register
from tests.booking.conftest import VALUES, book_body
from tests.workspace.conftest import signed_in, staff

pytestmark = pytest.mark.django_db

SERVICE = "telemedicine-booth"


@pytest.fixture
def clerk(imported: object) -> Client:
    sample_booking_ensure(municipality=Municipality.objects.get(code="demo"), values=VALUES)
    return signed_in(staff("demo", "clerk"))


def book(slot: Slot, key: str, phone: str = "090-0000-0000") -> str:
    _, device = device_register(municipality_code="demo", name=f"kiosk {key}")
    response = Client(headers={"X-Kiosk-Key": device}).post(
        "/api/booking/appointments", json.dumps(book_body(slot, phone=phone)), content_type="application/json",
        headers={"Idempotency-Key": f"workspace-{key}"})
    assert response.status_code == 201, response.content
    return str(response.json()["reference"])


def test_a_weekly_schedule_leaves_out_new_year_and_is_not_made_twice(clerk: Client) -> None:
    form = {"starts_on": "2027-01-01", "ends_on": "2027-01-15", "weekday": ["4"], "times": "10:00, 14:30",
            "capacity": "2"}
    page = clerk.post(f"/staff/bookings/{SERVICE}/schedule/", form)
    assert page.status_code == 200, page.content.decode()
    result = page.context["result"]
    assert result.created == 4 and dt.date(2027, 1, 1) in result.holidays
    assert "元日" in page.content.decode()
    again = clerk.post(f"/staff/bookings/{SERVICE}/schedule/", form)
    assert again.context["result"].created == 0 and "新しい 枠は ありません" in again.content.decode()
    zero = clerk.post(f"/staff/bookings/{SERVICE}/schedule/", {**form, "capacity": "0"})
    assert zero.status_code == 400 and zero.context["error"]
    nonsense = clerk.post(f"/staff/bookings/{SERVICE}/schedule/", {**form, "starts_on": "9999-99-99"})
    assert nonsense.status_code == 400

    month = clerk.get(f"/staff/bookings/{SERVICE}/month/2027/1/")
    text = month.content.decode()
    assert month.status_code == 200 and "令和9年" in text and "元日" in text and "成人の日" in text
    cells = {c["day"].date: c["count"] for week in month.context["weeks"] for c in week}
    assert cells[dt.date(2027, 1, 8)].slots == 2 and cells.get(dt.date(2027, 1, 1)) is None


def test_a_day_marked_arrived_and_no_show_in_bulk_and_undone(clerk: Client) -> None:
    # An hour from now, at :07 (the sample slots are on the hour and half hour): today's bookings.
    moment = (timezone.localtime() + dt.timedelta(hours=1)).replace(minute=7, second=0, microsecond=0)
    on = moment.date().isoformat()
    clerk.post(f"/staff/bookings/{SERVICE}/schedule/", {"starts_on": on, "ends_on": on,
                                                        "weekday": [str(moment.weekday())],
                                                        "times": moment.time().isoformat(timespec="minutes"),
                                                        "capacity": "3", "holidays": "1"})
    slot = Slot.objects.get(service__code=SERVICE, service__municipality__code="demo", start=moment)
    first, second = book(slot, "a"), book(slot, "b", phone="090-1111-2222")
    day = f"/staff/bookings/{SERVICE}/{timezone.localtime(slot.start).date().isoformat()}/"
    page = clerk.get(day)
    text = page.content.decode()
    assert page.status_code == 200 and first in text and second in text
    assert Appointment.objects.get(reference=second).phone in text  # staff call residents back
    assert clerk.post(day + "mark/", {"reference": [first, second], "action": "arrived"}).status_code == 302
    assert set(Appointment.objects.filter(reference__in=[first, second]).values_list("status", flat=True)) == {
        "arrived"}
    assert clerk.post(day + "mark/", {"reference": [first], "action": "undo"}).status_code == 302
    assert Appointment.objects.get(reference=first).status == "booked"
    refused = clerk.post(day + "mark/", {"reference": [first], "action": "undo"})
    assert refused.status_code == 409  # nothing left to undo: said, not a 500

    closed = clerk.post(day + "close/", {})
    assert closed.status_code == 200
    text = closed.content.decode()
    assert first in text and second in text and "取り消されたわけでは ありません" in text
    assert Slot.objects.get(pk=slot.pk).blocked


def test_another_municipalitys_bookings_are_not_reachable(clerk: Client) -> None:
    other = Municipality.objects.get(code="other")
    sample_booking_ensure(municipality=other, values=VALUES)
    outsider = signed_in(staff("other", "neighbour"))
    today = timezone.localdate().isoformat()
    ours = Slot.objects.filter(service__municipality__code="demo").first()
    assert ours is not None
    for path in (f"/staff/bookings/{SERVICE}/{today}/", f"/staff/bookings/{SERVICE}/month/2027/1/"):
        page = outsider.get(path)
        assert page.status_code in (200, 404)
        assert "みほん市" not in page.content.decode()
    response = outsider.post(f"/staff/bookings/{SERVICE}/{today}/close/", {"slot": str(ours.pk)})
    assert response.status_code == 404 and not Slot.objects.get(pk=ours.pk).blocked
    assert outsider.get("/staff/bookings/no-such-service/2027-01-01/").status_code == 404
    assert clerk.get(f"/staff/bookings/{SERVICE}/not-a-date/").status_code == 404
