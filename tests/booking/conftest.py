"""Fixtures for booking tests: a municipality with the sample services, kiosks and a staff account."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from backend.booking.demo import sample_booking_ensure
from backend.booking.models import Service, Slot
from backend.booking.schedules import schedule_create
from backend.municipalities.models import Municipality, StaffMember
from backend.municipalities.services import device_register

VALUES = {"telemedicine_facility": "公民館（サンプル）", "telemedicine_facility_fee": "利用料 500円（サンプル）"}


@pytest.fixture
def town(db: None) -> Municipality:
    municipality = Municipality.objects.create(code="demo", name="みほん市", is_sample=True)
    sample_booking_ensure(municipality=municipality, values=VALUES)
    return municipality


@pytest.fixture
def other_town(db: None) -> Municipality:
    municipality = Municipality.objects.create(code="kita", name="きた町", is_sample=True)
    sample_booking_ensure(municipality=municipality, values=VALUES)
    return municipality


def kiosk_for(municipality: Municipality, name: str = "kiosk") -> Client:
    _, key = device_register(municipality_code=municipality.code, name=name)
    return Client(headers={"X-Kiosk-Key": key})


@pytest.fixture
def kiosk(town: Municipality) -> Client:
    return kiosk_for(town)


def staff_for(municipality: Municipality, username: str = "clerk") -> Client:
    user = User.objects.create_user(username=username, password="correct horse battery")
    StaffMember.objects.create(user=user, municipality=municipality)
    import base64

    token = base64.b64encode(f"{username}:correct horse battery".encode()).decode()
    return Client(headers={"Authorization": f"Basic {token}"})


@pytest.fixture
def staff(town: Municipality) -> Client:
    return staff_for(town)


def tomorrow_slot(municipality: Municipality, *, capacity: int = 1, code: str = "telemedicine-booth",
                  at: time = time(19, 0)) -> Slot:
    """A slot tomorrow evening (outside the sample hours), with the given capacity, 祝日 or not."""
    day = timezone.localdate() + timedelta(days=1)
    schedule_create(municipality=municipality, service_code=code, starts_on=day, ends_on=day,
                    weekdays=range(7), times=[at], capacity=capacity, skip_holidays=False)
    zone = timezone.get_current_timezone()
    return Slot.objects.get(service__municipality=municipality, service__code=code,
                            start=datetime.combine(day, at, tzinfo=zone))


def book_body(slot: Slot | None = None, hold: str | None = None, **overrides: object) -> dict[str, object]:
    body: dict[str, object] = {"name_kana": "ヤマダ ハナコ", "phone": "090-0000-0000"}
    body.update({"slot_id": slot.pk} if slot else {"hold": hold})
    body.update(overrides)
    return body


__all__ = ["Service", "date", "tomorrow_slot", "book_body", "kiosk_for", "staff_for"]
