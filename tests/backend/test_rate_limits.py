"""Rate limits on guessing (ADR 0010): 429 in the one error envelope, with Retry-After.

Each test fails before the limits existed: the attempt past the limit was a 401 or 404 like the
others. The counts live in the database (backend/limits), so these run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import base64

import pytest
from django.contrib.auth.models import User
from django.test import Client

from backend.assistance.services import volunteer_register
from backend.booking.demo import sample_booking_ensure
from backend.limits.rules import (
    DEVICE_KEY_PER_ADDRESS,
    LOOKUP_PER_DEVICE,
    LOOKUP_PER_REFERENCE,
    SIGNIN_PER_USERNAME,
)
from backend.municipalities.models import Municipality, StaffMember
from backend.municipalities.services import device_register
from tests.booking.conftest import VALUES, book_body, tomorrow_slot

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def limited(response: object) -> dict[str, object]:
    """The 429 envelope, checked: code, message, details.retry_after and the Retry-After header."""
    assert response.status_code == 429, response.content  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"code", "message", "details"} and body["code"] == "rate_limited"
    wait = int(response["Retry-After"])  # type: ignore[index]
    assert 0 < wait and body["details"]["retry_after"] == wait
    return dict(body)


@pytest.fixture
def town(db: None) -> Municipality:
    municipality = Municipality.objects.create(code="demo", name="みほん市", is_sample=True)
    sample_booking_ensure(municipality=municipality, values=VALUES)
    return municipality


def basic(username: str, password: str) -> Client:
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return Client(headers={"Authorization": f"Basic {token}"})


def test_staff_basic_sign_in_is_limited_per_username_even_with_the_right_password(town: Municipality) -> None:
    user = User.objects.create_user(username="clerk", password=PASSWORD)
    StaffMember.objects.create(user=user, municipality=town)
    for _ in range(SIGNIN_PER_USERNAME.limit):
        assert basic("clerk", "wrong guess!").get("/api/staff/services").status_code == 401
    limited(basic("clerk", "wrong guess!").get("/api/staff/services"))
    limited(basic("CLERK", PASSWORD).get("/api/staff/services"))  # blocked: the password is not tried
    assert basic("other", "wrong").get("/api/staff/services").status_code == 401  # per username


def test_the_workspace_form_shares_the_count_and_answers_in_japanese(town: Municipality) -> None:
    user = User.objects.create_user(username="clerk", password=PASSWORD)
    StaffMember.objects.create(user=user, municipality=town)
    for _ in range(SIGNIN_PER_USERNAME.limit - 1):
        assert basic("clerk", "wrong guess!").get("/api/staff/services").status_code == 401
    form = Client()
    assert form.post("/staff/login/", {"username": "clerk", "password": "nope"}).status_code == 200
    page = form.post("/staff/login/", {"username": "clerk", "password": PASSWORD})
    assert page.status_code == 429 and int(page["Retry-After"]) > 0
    assert "しばらく ログインできません" in page.content.decode()
    limited(basic("clerk", PASSWORD).get("/api/staff/services"))


def test_volunteer_sign_in_is_limited(town: Municipality) -> None:
    volunteer_register(municipality_code="demo", site="公民館", username="helper", password="pw-long-enough",
                       display_name="helper")
    client = Client()
    for _ in range(SIGNIN_PER_USERNAME.limit):
        assert client.post("/api/volunteer/login", {"username": "helper", "password": "nope"},
                           content_type="application/json").status_code == 401
    limited(client.post("/api/volunteer/login", {"username": "helper", "password": "pw-long-enough"},
                        content_type="application/json"))


def _book(town: Municipality) -> tuple[Client, str]:
    _, key = device_register(municipality_code="demo", name="kiosk")
    kiosk = Client(headers={"X-Kiosk-Key": key})
    answer = kiosk.post("/api/booking/appointments", book_body(tomorrow_slot(town)),
                        content_type="application/json", headers={"Idempotency-Key": "limit-test-key"})
    assert answer.status_code == 201
    return kiosk, str(answer.json()["reference"])


def test_a_reference_cannot_be_confirmed_by_guessing_phones_from_many_kiosks(town: Municipality) -> None:
    _, reference = _book(town)
    for n in range(LOOKUP_PER_REFERENCE.limit):
        _, key = device_register(municipality_code="demo", name=f"guesser {n}")
        guess = Client(headers={"X-Kiosk-Key": key}).post(
            f"/api/booking/appointments/{reference}/lookup", {"phone": f"0901111{n:04d}"},
            content_type="application/json")
        assert guess.status_code == 404
    _, key = device_register(municipality_code="demo", name="one more")
    right = Client(headers={"X-Kiosk-Key": key}).post(
        f"/api/booking/appointments/{reference}/lookup", {"phone": "090-0000-0000"}, content_type="application/json")
    limited(right)  # even the right phone: otherwise the 200 would confirm the guess


def test_one_kiosk_trying_references_is_limited(town: Municipality) -> None:
    kiosk, reference = _book(town)
    for n in range(LOOKUP_PER_DEVICE.limit):
        assert kiosk.post(f"/api/booking/appointments/ZZZ-{n:04d}/cancel", {"phone": "09000000000"},
                          content_type="application/json").status_code == 404
    limited(kiosk.post(f"/api/booking/appointments/{reference}/lookup", {"phone": "090-0000-0000"},
                       content_type="application/json"))


def test_wrong_device_keys_from_one_address_are_limited_but_a_right_key_still_works(town: Municipality) -> None:
    _, key = device_register(municipality_code="demo", name="kiosk")
    for n in range(DEVICE_KEY_PER_ADDRESS.limit):
        assert Client(headers={"X-Kiosk-Key": f"mdg_{n:04x}_guess"}).get("/api/booking/services").status_code == 401
    limited(Client(headers={"X-Kiosk-Key": "mdg_ffff_guess"}).get("/api/booking/services"))
    other = Client(headers={"X-Kiosk-Key": "mdg_ffff_guess"}, REMOTE_ADDR="192.0.2.7")
    assert other.get("/api/booking/services").status_code == 401  # per address
    assert Client(headers={"X-Kiosk-Key": key}).get("/api/booking/services").status_code == 200
