"""What a partnership grants and nothing more: a municipality without one reaches no slot, no
booking and no list of the provider's; a partnership never hides a partner's own service."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from backend.booking.models import Partnership, Service
from backend.booking.sharing import partnership_create
from backend.core.errors import ApplicationError
from backend.municipalities.models import Municipality
from tests.booking.conftest import book_body, kiosk_for, staff_for, tomorrow_slot

pytestmark = pytest.mark.django_db


@pytest.fixture
def neighbour(db: None) -> Municipality:
    """A town with no services of its own."""
    return Municipality.objects.create(code="minami", name="みなみ村", is_sample=True)


def test_without_a_partnership_nothing_of_the_providers_is_reachable(town: Municipality,
                                                                     neighbour: Municipality) -> None:
    slot = tomorrow_slot(town)
    stranger = kiosk_for(neighbour)
    assert stranger.get("/api/booking/services").json() == []
    assert stranger.get("/api/booking/services/telemedicine-booth/slots").status_code == 404
    assert stranger.post("/api/booking/holds", json.dumps({"slot_id": slot.pk}),
                         content_type="application/json").status_code == 404
    refused = stranger.post("/api/booking/appointments", json.dumps(book_body(slot)), content_type="application/json",
                            headers={"Idempotency-Key": "stranger-1"})
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"

    partnership_create(service=Service.objects.get(municipality=town, code="telemedicine-booth"), partner=neighbour)
    listed = stranger.get("/api/booking/services").json()
    assert [(s["code"], s["offered_by"]) for s in listed] == [("telemedicine-booth", "みほん市")]
    booked = stranger.post("/api/booking/appointments", json.dumps(book_body(slot)), content_type="application/json",
                           headers={"Idempotency-Key": "partner-1"})
    assert booked.status_code == 201, booked.content
    # only the booth was shared: the mobile clinic's slots stay the provider's own
    assert stranger.get("/api/booking/services/mobile-clinic/slots").status_code == 404

    # The provider's own residents' bookings stay out of the partner's staff list.
    own_slot = tomorrow_slot(town, capacity=1, code="child-video")
    own = kiosk_for(town, "city kiosk").post("/api/booking/appointments", json.dumps(book_body(own_slot)),
                                             content_type="application/json",
                                             headers={"Idempotency-Key": "own-booking-1"})
    assert own.status_code == 201
    partner_list = staff_for(neighbour, "minami-clerk").get("/api/staff/appointments").json()
    assert [a["reference"] for a in partner_list] == [booked.json()["reference"]]

    # Figures count bookings where the resident booked them: the partner's its own, the provider's its own.
    from django.utils import timezone

    from backend.figures.period import Period
    from backend.figures.selectors import booking_facts

    today = timezone.localdate()
    period = Period(today, today)
    assert sum(booking_facts(municipality=neighbour, period=period).made.values()) == 1
    assert sum(booking_facts(municipality=town, period=period).made.values()) == 1


def test_a_partnership_is_refused_where_the_kiosk_could_not_serve_it(town: Municipality,
                                                                     other_town: Municipality) -> None:
    booth = Service.objects.get(municipality=town, code="telemedicine-booth")
    with pytest.raises(ApplicationError, match="own municipality"):
        partnership_create(service=booth, partner=town)
    with pytest.raises(ApplicationError, match="already has a service"):
        partnership_create(service=booth, partner=other_town)  # its kiosks ask for its own booth by this code
    assert not Partnership.objects.exists()


def test_the_admin_offers_a_service_to_a_partner_and_refuses_a_clash(town: Municipality, other_town: Municipality,
                                                                     neighbour: Municipality) -> None:
    from django.contrib.auth.models import User

    from backend.municipalities.models import StaffMember

    user = User.objects.create_user(username="admin-clerk", password="correct horse battery", is_staff=True,
                                    is_superuser=True)
    StaffMember.objects.create(user=user, municipality=town)
    admin = Client()
    admin.force_login(user)
    booth = Service.objects.get(municipality=town, code="telemedicine-booth")
    url = f"/admin/booking/service/{booth.pk}/change/"
    form = admin.get(url)
    assert form.status_code == 200 and "partnerships-TOTAL_FORMS" in form.content.decode()
    fields = _form_values(booth)

    def post(partner: Municipality) -> str:
        data = {**fields, "partnerships-TOTAL_FORMS": "1", "partnerships-INITIAL_FORMS": "0",
                "partnerships-MIN_NUM_FORMS": "0", "partnerships-MAX_NUM_FORMS": "1000",
                "partnerships-0-partner": str(partner.pk), "partnerships-0-service": str(booth.pk)}
        return admin.post(url, data).content.decode()

    assert "already has a service" in post(other_town)
    assert not Partnership.objects.exists()
    post(neighbour)
    assert list(Partnership.objects.values_list("partner__code", flat=True)) == ["minami"]


def _form_values(service: Service) -> dict[str, str]:
    """The change form's fields as the browser sends them back unchanged."""
    values = {"municipality": str(service.municipality_id), "code": service.code, "kind": service.kind,
              "name": service.name, "provider_kind": service.provider_kind, "provider_name": service.provider_name,
              "mode": service.mode, "duration_minutes": str(service.duration_minutes),
              "facility_fee": service.facility_fee, "place": service.place, "how_it_works": service.how_it_works,
              "prepare": json.dumps(service.prepare, ensure_ascii=False),
              "can_do": json.dumps(service.can_do), "cannot_do": json.dumps(service.cannot_do),
              "is_active": "on", "horizon_days": str(service.horizon_days)}
    if service.nurse_attends:
        values["nurse_attends"] = "on"
    return values
