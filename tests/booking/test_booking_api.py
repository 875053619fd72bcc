"""The kiosk's booking endpoints through Django's test client, on a real database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from backend.booking.models import Appointment, Hold
from backend.municipalities.models import Municipality
from tests.booking.conftest import book_body, kiosk_for, tomorrow_slot

pytestmark = pytest.mark.django_db


def error(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"} and body["code"] == code and body["message"]
    return body


def post(client: Client, path: str, body: dict, **headers: str):  # type: ignore[no-untyped-def]
    return client.post(path, body, content_type="application/json", headers=headers)


def test_services_by_kind_show_fee_nurse_and_what_to_prepare(kiosk: Client) -> None:
    services = kiosk.get("/api/booking/services?kind=telemedicine").json()
    assert [s["code"] for s in services] == ["mobile-clinic", "telemedicine-booth"]
    booth = services[1]
    assert booth["nurse_attends"] is True and booth["facility_fee"] == "利用料 500円（サンプル）"
    assert "お薬手帳" in booth["prepare"] and booth["provider"]["kind"] == "clinic"


def test_free_slots_are_future_weekday_slots_in_tokyo_time(kiosk: Client) -> None:
    body = kiosk.get("/api/booking/services/child-video/slots").json()
    assert body["service"]["code"] == "child-video" and body["slots"]
    first = body["slots"][0]
    assert first["start"].endswith("+09:00") and first["status"] == "free" and first["remaining"] == 1
    assert all(s["start"] > timezone.localtime().isoformat() for s in body["slots"])


def test_slot_range_is_checked(kiosk: Client) -> None:
    today = timezone.localdate()
    error(kiosk.get(f"/api/booking/services/child-video/slots?start={today}&end={today + timedelta(days=90)}"),
          400, "bad_request")
    error(kiosk.get("/api/booking/services/child-video/slots?start=not-a-date"), 422, "invalid_request")
    error(kiosk.get("/api/booking/services/no-such/slots"), 404, "not_found")


def test_hold_then_book_with_idempotency_key_and_replay(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    hold = post(kiosk, "/api/booking/holds", {"slot_id": slot.pk})
    assert hold.status_code == 201 and 0 < hold.json()["seconds_left"] <= 300
    token = hold.json()["token"]
    # While held, the slot is busy-tentative and not offered to others.
    day = slot.start.date()
    listed = kiosk.get(f"/api/booking/services/telemedicine-booth/slots?start={day}&end={day}").json()["slots"]
    assert slot.pk not in [s["id"] for s in listed]

    first = post(kiosk, "/api/booking/appointments", book_body(hold=token), **{"Idempotency-Key": "kiosk-1-abcdef"})
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["status"] == "booked" and len(body["reference"]) == 7 and body["reference"][3] == "-"
    assert "ヤマダ" not in first.content.decode() and "090" not in first.content.decode()
    assert [p["role"] for p in body["participants"]] == ["resident", "provider", "nurse"]

    again = post(kiosk, "/api/booking/appointments", book_body(hold=token), **{"Idempotency-Key": "kiosk-1-abcdef"})
    assert again.status_code == 201 and again.json() == body and again.headers["Idempotent-Replayed"] == "true"
    assert Appointment.objects.count() == 1 and not Hold.objects.exists()
    stored = Appointment.objects.get()
    assert (stored.name_kana, stored.phone) == ("ヤマダ ハナコ", "09000000000")


def test_same_key_for_a_different_request_is_409(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town, capacity=2)
    assert post(kiosk, "/api/booking/appointments", book_body(slot),
                **{"Idempotency-Key": "key-12345"}).status_code == 201
    other = post(kiosk, "/api/booking/appointments", book_body(slot, name_kana="サトウ"),
                 **{"Idempotency-Key": "key-12345"})
    assert error(other, 409, "idempotency_key_reused")["details"]["reason"] == "idempotency_key_reused"


def test_booking_needs_an_idempotency_key(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    error(post(kiosk, "/api/booking/appointments", book_body(slot)), 422, "invalid_request")


def test_full_slot_is_409_slot_taken_for_hold_and_book(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    assert post(kiosk, "/api/booking/appointments", book_body(slot),
                **{"Idempotency-Key": "first-key"}).status_code == 201
    body = error(post(kiosk, "/api/booking/appointments", book_body(slot), **{"Idempotency-Key": "second-key"}),
                 409, "slot_taken")
    assert body["details"] == {"reason": "slot_taken", "slot_id": slot.pk}
    error(post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}), 409, "slot_taken")


def test_a_held_place_is_not_bookable_by_others_until_released(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    other = kiosk_for(town, "second kiosk")
    token = post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}).json()["token"]
    error(post(other, "/api/booking/appointments", book_body(slot),
               **{"Idempotency-Key": "other-key"}), 409, "slot_taken")
    assert kiosk.delete(f"/api/booking/holds/{token}").status_code == 204
    assert post(other, "/api/booking/appointments", book_body(slot),
                **{"Idempotency-Key": "other-key"}).status_code == 201


def test_expired_hold_is_409_hold_expired(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    token = post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}).json()["token"]
    Hold.objects.update(release_at=timezone.now() - timedelta(seconds=1))
    error(post(kiosk, "/api/booking/appointments", book_body(hold=token), **{"Idempotency-Key": "late-key"}),
          409, "hold_expired")
    # The resident can hold it again (nobody else took it) and finish.
    again = post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}).json()["token"]
    assert post(kiosk, "/api/booking/appointments", book_body(hold=again),
                **{"Idempotency-Key": "late-key-2"}).status_code == 201


def test_a_hold_of_another_kiosk_cannot_be_used(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    token = post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}).json()["token"]
    other = kiosk_for(town, "second kiosk")
    error(post(other, "/api/booking/appointments", book_body(hold=token), **{"Idempotency-Key": "stolen-key"}),
          409, "hold_expired")


def test_started_or_closed_slots_are_409_slot_unavailable(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    slot.blocked = True
    slot.save()
    error(post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}), 409, "slot_unavailable")
    slot.blocked = False
    slot.start = timezone.now() - timedelta(minutes=1)
    slot.save()
    error(post(kiosk, "/api/booking/appointments", book_body(slot), **{"Idempotency-Key": "past-key"}),
          409, "slot_unavailable")


@pytest.mark.parametrize(("field", "value"), [
    ("name_kana", "山田花子"), ("name_kana", ""), ("name_kana", "ア" * 31), ("name_kana", "ア" * 5000),
    ("name_kana", "ヤマダ123"), ("phone", "12345"), ("phone", "1234 5678 9012"), ("phone", "0" * 500),
    ("phone", "090-1234-56789"),
])
def test_bad_or_oversized_fields_are_422_and_book_nothing(kiosk: Client, town: Municipality, field: str,
                                                          value: str) -> None:
    slot = tomorrow_slot(town)
    body = error(post(kiosk, "/api/booking/appointments", book_body(slot, **{field: value}),
                      **{"Idempotency-Key": "bad-field-key"}), 422, "invalid_request")
    assert body["details"]["errors"][0]["location"][-1] == field
    assert value not in str(body) or not value
    assert not Appointment.objects.exists()


def test_hiragana_and_full_width_input_are_normalised(kiosk: Client, town: Municipality) -> None:
    slot = tomorrow_slot(town)
    typed = book_body(slot, name_kana="やまだ　はなこ", phone="０９０ー１１１１ー２２２２")
    response = post(kiosk, "/api/booking/appointments", typed, **{"Idempotency-Key": "normalise-key"})
    assert response.status_code == 201, response.content
    assert Appointment.objects.get().name_kana == "ヤマダ ハナコ" and Appointment.objects.get().phone == "09011112222"


def test_cancel_and_reschedule_need_reference_and_phone(kiosk: Client, town: Municipality) -> None:
    slot, later = tomorrow_slot(town), tomorrow_slot(town, at=__import__("datetime").time(20, 0))
    reference = post(kiosk, "/api/booking/appointments", book_body(slot),
                     **{"Idempotency-Key": "to-move-key"}).json()["reference"]
    error(post(kiosk, f"/api/booking/appointments/{reference}/cancel", {"phone": "09099999999"}), 404, "not_found")
    moved = post(kiosk, f"/api/booking/appointments/{reference.lower().replace('-', '')}/reschedule",
                 {"phone": "090-0000-0000", "slot_id": later.pk})
    assert moved.status_code == 200 and moved.json()["slot"]["id"] == later.pk
    assert moved.json()["reference"] == reference
    # The old slot is free again.
    assert post(kiosk, "/api/booking/holds", {"slot_id": slot.pk}).status_code == 201
    cancelled = post(kiosk, f"/api/booking/appointments/{reference}/cancel", {"phone": "09000000000"})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    error(post(kiosk, f"/api/booking/appointments/{reference}/cancel", {"phone": "09000000000"}),
          409, "not_cancellable")
    looked = post(kiosk, f"/api/booking/appointments/{reference}/lookup", {"phone": "09000000000"})
    assert looked.json()["status"] == "cancelled"


def test_wrong_or_missing_device_key_is_401(town: Municipality) -> None:
    error(Client().get("/api/booking/services"), 401, "unauthorized")
    error(Client(headers={"X-Kiosk-Key": "mdg_0000_nope"}).post(
        "/api/booking/holds", {"slot_id": 1}, content_type="application/json"), 401, "unauthorized")


def test_a_kiosk_sees_and_touches_only_its_own_municipality(kiosk: Client, town: Municipality,
                                                            other_town: Municipality) -> None:
    foreign = tomorrow_slot(other_town)
    foreign_kiosk = kiosk_for(other_town)
    reference = post(foreign_kiosk, "/api/booking/appointments", book_body(foreign),
                     **{"Idempotency-Key": "foreign-key"}).json()["reference"]
    error(post(kiosk, "/api/booking/holds", {"slot_id": foreign.pk}), 404, "not_found")
    error(post(kiosk, "/api/booking/appointments", book_body(foreign), **{"Idempotency-Key": "cross-key"}),
          404, "not_found")
    error(post(kiosk, f"/api/booking/appointments/{reference}/lookup", {"phone": "09000000000"}), 404, "not_found")
    error(post(kiosk, f"/api/booking/appointments/{reference}/cancel", {"phone": "09000000000"}), 404, "not_found")
    day = foreign.start.date()
    ids = [s["id"] for s in kiosk.get(
                                      f"/api/booking/services/telemedicine-booth/slots?start={day}&end={day}").json()["slots"]]
    assert foreign.pk not in ids
