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
