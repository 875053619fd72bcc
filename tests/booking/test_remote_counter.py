"""The remote counter (リモート窓口): a video consultation with municipal staff from the kiosk booth,
booked like other services, saying before booking what it can and cannot complete (issue #16)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from backend.booking.models import ServiceKind
from kiosk import booking as words
from kiosk.i18n import use_language
from tests.booking.conftest import book_body

pytestmark = pytest.mark.django_db


def test_a_remote_counter_is_listed_booked_and_says_what_it_cannot_do(kiosk: Client) -> None:
    services = kiosk.get(f"/api/booking/services?kind={ServiceKind.REMOTE_COUNTER}").json()
    assert [s["code"] for s in services] == ["remote-counter"]
    document = services[0]
    assert document["can_do"] and any("暗証番号の 再設定" in item for item in document["cannot_do"])
    # what to show the camera never includes the card's back (facts-brief §8.2)
    assert "裏" in document["how_it_works"] and not any("裏" in item for item in document["prepare"])

    slots = kiosk.get("/api/booking/services/remote-counter/slots").json()["slots"]
    booked = kiosk.post("/api/booking/appointments", json.dumps(book_body(slot_id=slots[0]["id"])),
                        content_type="application/json", headers={"Idempotency-Key": "remote-counter-1"})
    assert booked.status_code == 201, booked.content
    booking = words.Booking.of(booked.json())

    service = words.Service.of(document)
    for language, cannot in (("ja", "ここで できない こと："), ("vi", "Không thể làm ở đây: "),
                             ("ne", "यहाँ गर्न नसकिने: ")):
        use_language(language)
        before = words.day_page(service, [words.Slot.of(s) for s in slots], language).lines
        after = words.slip_page(booking, {}, language).lines
        for lines in (before, after):
            said = [line for line in lines if line.startswith(cannot)]
            assert said and "暗証番号の 再設定" in said[0], (language, lines)
    use_language("ja")


def test_other_services_say_nothing_of_procedures(kiosk: Client) -> None:
    document = kiosk.get("/api/booking/services?kind=telemedicine").json()[0]
    assert document["can_do"] == [] and document["cannot_do"] == []
    assert words.what_it_does(words.Service.of(document), "ja") == []
