"""Every page of the workspace, asked for by the staff of another municipality (and by nobody):
nothing of みほん市 is shown, changed or downloadable. The URL list is read from the URL map, so a
new page is covered without anyone remembering to add it here."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern

from backend.booking.demo import sample_booking_ensure
from backend.booking.models import Appointment, Slot
from backend.municipalities.models import Municipality, MunicipalityValues
from tests.booking.conftest import VALUES
from tests.workspace.conftest import signed_in, staff
from workspace.urls import staff as staff_urls

pytestmark = pytest.mark.django_db

ARGUMENTS = {"flow_id": "lost_card", "node_id": "outcome_outside", "version": "1", "code": "telemedicine-booth",
             "day": "2026-12-08", "year": "2026", "month": "12", "key": "languages"}


def paths() -> list[str]:
    found = []
    for pattern in staff_urls:
        assert isinstance(pattern, URLPattern)
        route = str(pattern.pattern)
        for name, value in ARGUMENTS.items():
            for converter in ("slug", "int", "str"):
                route = route.replace(f"<{converter}:{name}>", value)
        assert "<" not in route, route
        found.append("/staff/" + route)
    return found


def test_every_staff_page_of_another_municipality(imported: object) -> None:
    demo = Municipality.objects.get(code="demo")
    sample_booking_ensure(municipality=demo, values=VALUES)
    MunicipalityValues.objects.create(municipality=demo, draft={"office_phone": "000-9999-9999（サンプル）"})
    outsider = signed_in(staff("other", "neighbour"))
    slots, appointments = Slot.objects.count(), list(Appointment.objects.values_list("reference", "status"))
    for path in paths():
        if path.endswith(("logout/", "login/")):
            continue
        for method in ("get", "post"):
            response = getattr(outsider, method)(path, {"action": "save", "reference": "X"})
            assert response.status_code < 500, (method, path, response.status_code)
            body = response.content.decode("utf-8", "replace")
            assert "みほん市" not in body and "000-9999-9999" not in body, (method, path)
        anonymous = Client().get(path)
        assert anonymous.status_code in (302, 403, 404, 405), path
    assert Slot.objects.filter(blocked=True, municipality=demo).count() == 0
    assert Slot.objects.count() == slots
    assert list(Appointment.objects.values_list("reference", "status")) == appointments
    assert MunicipalityValues.objects.get(municipality=demo).published is None


def test_a_partner_sees_its_own_residents_bookings_of_a_shared_service_and_nothing_more(imported: object) -> None:
    """地域間連携: ほかの町 books みほん市's booth; its clerks find their residents' bookings to call
    them, never the city's residents', and change nothing of the city's schedule or attendance."""
    from django.utils import timezone

    from backend.booking.models import Service
    from backend.booking.sharing import partnership_create

    demo, other = Municipality.objects.get(code="demo"), Municipality.objects.get(code="other")
    sample_booking_ensure(municipality=demo, values=VALUES)
    booth = Service.objects.get(municipality=demo, code="telemedicine-booth")
    partnership_create(service=booth, partner=other)
    slot = Slot.objects.filter(service=booth, start__gt=timezone.now()).order_by("start").first()
    assert slot is not None
    Appointment.objects.create(municipality=demo, slot=slot, service=booth, reference="CTY-777",
                               name_kana="シミン タロウ", phone="09000000001")
    Appointment.objects.create(municipality=other, slot=slot, service=booth, reference="TWN-333",
                               name_kana="チョウミン ハナコ", phone="09000000002")
    partner = signed_in(staff("other", "neighbour"))
    slots, appointments = Slot.objects.count(), list(Appointment.objects.values_list("reference", "status"))
    for path in paths():
        if path.endswith(("logout/", "login/")):
            continue
        for method in ("get", "post"):
            response = getattr(partner, method)(path, {"action": "arrived", "reference": "CTY-777", "slot": slot.pk})
            assert response.status_code < 500, (method, path, response.status_code)
            body = response.content.decode("utf-8", "replace")
            assert not any(word in body for word in ("シミン タロウ", "09000000001", "CTY-777")), (method, path)
    assert Slot.objects.count() == slots and not Slot.objects.filter(blocked=True).exists()
    assert list(Appointment.objects.values_list("reference", "status")) == appointments

    listed = partner.get("/staff/bookings/").content.decode()
    assert "となりの 市町村の サービス" in listed and booth.name in listed
    theirs = partner.get("/staff/bookings/telemedicine-booth/upcoming/?days=60").content.decode()
    assert "チョウミン ハナコ" in theirs and "09000000002" in theirs and "みほん市の サービスです" in theirs

    city = signed_in(staff("demo", "city-clerk"))
    provided = city.get("/staff/bookings/telemedicine-booth/upcoming/?days=60").content.decode()
    assert "シミン タロウ" in provided and "チョウミン ハナコ" in provided
    assert "ほかの町の 人も 予約できます" in provided
    day = city.get(f"/staff/bookings/telemedicine-booth/{timezone.localdate(slot.start)}/").content.decode()
    assert "予約した 市町村" in day and "ほかの町" in day and "チョウミン ハナコ" in day
    assert "ほかの町" in city.get("/staff/bookings/").content.decode()  # offered to, on the list of services
