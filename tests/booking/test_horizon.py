"""The booking horizon: the kiosk is offered days up to it (next month included), and nothing past it."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backend.booking.demo import DAYS_AHEAD
from backend.booking.models import Service, Slot
from backend.booking.schedules import schedule_create
from backend.municipalities.models import Municipality

pytestmark = pytest.mark.django_db


def test_without_an_end_the_kiosk_gets_every_day_up_to_the_horizon(kiosk: Client, town: Municipality) -> None:
    body = kiosk.get("/api/booking/services/child-video/slots").json()
    today = timezone.localdate()
    assert body["horizon_days"] == 60 and body["last_day"] == str(today + timedelta(days=59))
    days = {date.fromisoformat(s["start"][:10]) for s in body["slots"]}
    assert max(days) > today + timedelta(days=14)  # more than the two weeks the kiosk used to show
    assert max(days) <= today + timedelta(days=DAYS_AHEAD)


def test_nothing_past_the_horizon_is_offered_or_bookable(kiosk: Client, town: Municipality) -> None:
    Service.objects.filter(municipality=town, code="child-video").update(horizon_days=3)
    today = timezone.localdate()
    body = kiosk.get(f"/api/booking/services/child-video/slots?start={today}&end={today + timedelta(days=20)}").json()
    assert body["last_day"] == str(today + timedelta(days=2))
    assert all(date.fromisoformat(s["start"][:10]) <= today + timedelta(days=2) for s in body["slots"])
    far = (Slot.objects.filter(service__municipality=town, service__code="child-video",
                               start__date__gt=today + timedelta(days=5)).order_by("start").first())
    assert far is not None
    refused = kiosk.post("/api/booking/holds", {"slot_id": far.pk}, content_type="application/json")
    assert refused.status_code == 409 and refused.json()["code"] == "slot_unavailable"
    assert refused.json()["details"]["horizon_days"] == 3


def test_a_horizon_longer_than_two_months_may_be_asked_for_whole(kiosk: Client, town: Municipality) -> None:
    Service.objects.filter(municipality=town, code="child-video").update(horizon_days=120)
    today = timezone.localdate()
    later = today + timedelta(days=100)
    schedule_create(municipality=town, service_code="child-video", starts_on=later, ends_on=later,
                    weekdays=range(7), times=[time(19, 0)], skip_holidays=False)
    body = kiosk.get("/api/booking/services/child-video/slots").json()
    assert str(later) in {s["start"][:10] for s in body["slots"]}
    too_long = kiosk.get(f"/api/booking/services/child-video/slots?start={today}&end={today + timedelta(days=200)}")
    assert too_long.status_code == 400
