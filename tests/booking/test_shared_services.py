"""地域間連携: one municipality's service booked from two municipalities' kiosks, over real HTTP.

The sample city (demo, みほん市) shares its telemedicine booth and its mobile clinic with the sample
town (sample_kita, きたみほん町). Both towns' kiosks book one schedule, so capacity holds across
both; each town's staff see only their own residents' bookings, the provider sees all of its own
and alone runs the schedule and attendance. Runs on SQLite and (scripts/run-tests) on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from backend.booking.demo import ROUTE
from tests.conftest import MADOGUCHI, LiveBackend, madoguchi_env, start_backend, stop_backend

pytestmark = [pytest.mark.live, pytest.mark.database]

PASSWORD = "shared-services-test-password"
CITY, TOWN = "みほん市", "きたみほん町"


@dataclass(frozen=True)
class Towns:
    backend: LiveBackend
    city_kiosk: httpx.Client
    town_kiosk: httpx.Client
    city_staff: httpx.Client
    town_staff: httpx.Client


def _madoguchi(data_dir: Path, *args: str) -> str:
    done = subprocess.run([*MADOGUCHI, *args], env=madoguchi_env(data_dir, MADOGUCHI_STAFF_PASSWORD=PASSWORD),
                          check=True, capture_output=True, text=True, timeout=120)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


@pytest.fixture(scope="module")
def towns(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Towns]:
    live = start_backend(tmp_path_factory.mktemp("shared-services"))
    town_key = _madoguchi(live.data_dir, "devices", "add", "--municipality", "sample_kita", "--name", "town kiosk")
    _madoguchi(live.data_dir, "staff", "add", "--municipality", "demo", "--username", "city-clerk")
    _madoguchi(live.data_dir, "staff", "add", "--municipality", "sample_kita", "--username", "town-clerk")

    def client(**options: object) -> httpx.Client:
        return httpx.Client(base_url=live.url, timeout=15, **options)  # type: ignore[arg-type]

    yield Towns(live, client(headers={"X-Kiosk-Key": live.api_key}), client(headers={"X-Kiosk-Key": town_key}),
                client(auth=("city-clerk", PASSWORD)), client(auth=("town-clerk", PASSWORD)))
    stop_backend(live)


def evening_slot(towns: Towns, *, hour: int, capacity: int) -> tuple[dt.date, int]:
    """A slot of the city's booth outside the sample hours, made by the city's clerk; the town's
    kiosk finds it by the same id."""
    day = dt.date.today() + dt.timedelta(days=3)
    made = towns.city_staff.post("/api/staff/schedules", json={
        "service": "telemedicine-booth", "starts_on": str(day), "ends_on": str(day), "weekdays": list(range(7)),
        "times": [f"{hour}:00"], "capacity": capacity, "skip_holidays": False})
    assert made.status_code == 201, made.text
    slots = towns.town_kiosk.get(f"/api/booking/services/telemedicine-booth/slots?start={day}&end={day}").json()
    return day, next(s["id"] for s in slots["slots"] if s["start"].startswith(f"{day}T{hour}:00"))


def book(kiosk: httpx.Client, slot_id: int, key: str, phone: str) -> httpx.Response:
    return kiosk.post("/api/booking/appointments", headers={"Idempotency-Key": key},
                      json={"slot_id": slot_id, "name_kana": "テスト", "phone": phone})


def test_the_town_kiosk_lists_the_citys_shared_services_by_name(towns: Towns) -> None:
    listed = {s["code"]: s["offered_by"] for s in towns.town_kiosk.get("/api/booking/services").json()}
    assert listed["telemedicine-booth"] == CITY and listed["mobile-clinic"] == CITY
    assert listed["child-video"] == "" and listed["remote-counter"] == ""  # the town's own
    city = {s["code"]: s["offered_by"] for s in towns.city_kiosk.get("/api/booking/services").json()}
    assert city["telemedicine-booth"] == "" and city["mobile-clinic"] == ""


def test_the_shared_mobile_clinic_stops_in_the_town_on_its_route(towns: Towns) -> None:
    slots = towns.town_kiosk.get("/api/booking/services/mobile-clinic/slots").json()["slots"]
    stops = {weekday: place for place, weekdays in ROUTE for weekday in weekdays}
    assert slots and all(s["place"] == stops[dt.date.fromisoformat(s["start"][:10]).weekday()] for s in slots)
    assert any(TOWN in s["place"] for s in slots)
    assert slots == towns.city_kiosk.get("/api/booking/services/mobile-clinic/slots").json()["slots"]


def test_capacity_holds_across_both_towns_kiosks(towns: Towns) -> None:
    day, slot_id = evening_slot(towns, hour=19, capacity=2)
    town = book(towns.town_kiosk, slot_id, "shared-town-1", "09011110001")
    city = book(towns.city_kiosk, slot_id, "shared-city-1", "09011110002")
    assert town.status_code == city.status_code == 201, (town.text, city.text)
    assert town.json()["service"]["offered_by"] == CITY and city.json()["service"]["offered_by"] == ""
    late = book(towns.town_kiosk, slot_id, "shared-town-2", "09011110003")
    assert late.status_code == 409 and late.json()["code"] == "slot_taken", late.text

    _, single = evening_slot(towns, hour=20, capacity=1)
    held = towns.town_kiosk.post("/api/booking/holds", json={"slot_id": single})
    assert held.status_code == 201, held.text
    refused = towns.city_kiosk.post("/api/booking/holds", json={"slot_id": single})
    assert refused.status_code == 409 and refused.json()["code"] == "slot_taken"
    made = towns.town_kiosk.post("/api/booking/appointments", headers={"Idempotency-Key": "shared-town-hold"},
                                 json={"hold": held.json()["token"], "name_kana": "テスト", "phone": "09011110004"})
    assert made.status_code == 201, made.text

    # Each kiosk finds its own residents' bookings by code and phone, never the other's.
    reference, phone = town.json()["reference"], "09011110001"
    found = towns.town_kiosk.post(f"/api/booking/appointments/{reference}/lookup", json={"phone": phone})
    assert found.status_code == 200 and found.json()["slot"]["id"] == slot_id
    assert towns.city_kiosk.post(f"/api/booking/appointments/{reference}/lookup",
                                 json={"phone": phone}).status_code == 404

    # Staff: the town sees its two residents' bookings, the city (the provider) all three.
    listed = {name: {a["reference"]: a for a in staff.get(f"/api/staff/appointments?start={day}&end={day}").json()}
              for name, staff in (("town", towns.town_staff), ("city", towns.city_staff))}
    town_refs = {town.json()["reference"], made.json()["reference"]}
    assert set(listed["town"]) == town_refs
    assert set(listed["city"]) == town_refs | {city.json()["reference"]}
    assert {listed["city"][r]["booked_in"] for r in town_refs} == {TOWN}
    assert listed["city"][city.json()["reference"]]["booked_in"] == CITY
    assert "09011110002" not in towns.town_staff.get(f"/api/staff/appointments?start={day}&end={day}").text
    day_list = towns.city_staff.get(f"/api/staff/services/telemedicine-booth/days/{day}").json()
    assert {a["booked_in"] for a in day_list["appointments"]} == {CITY, TOWN}


def test_only_the_provider_runs_the_shared_schedule(towns: Towns) -> None:
    day, slot_id = evening_slot(towns, hour=21, capacity=1)
    booked = book(towns.town_kiosk, slot_id, "shared-town-run", "09011110005")
    assert booked.status_code == 201, booked.text
    reference = booked.json()["reference"]
    town, city = towns.town_staff, towns.city_staff
    refusals = [
        town.post("/api/staff/schedules", json={"service": "telemedicine-booth", "starts_on": str(day),
                                                "ends_on": str(day), "weekdays": [day.weekday()], "times": ["22:00"]}),
        town.post(f"/api/staff/slots/{slot_id}/block"),
        town.post(f"/api/staff/services/telemedicine-booth/days/{day}/close"),
        town.get(f"/api/staff/services/telemedicine-booth/days/{day}"),
        town.post("/api/staff/appointments/mark", json={"references": [reference], "status": "noshow"}),
        town.post(f"/api/staff/appointments/{reference}/status", json={"status": "cancelled"}),
    ]
    for response in refusals:
        assert response.status_code == 404, (response.request.url, response.text)
        assert set(response.json()) >= {"code", "message"}
    # The car cannot come that evening: the provider cancels, the town's list shows it.
    marked = city.post(f"/api/staff/appointments/{reference}/status", json={"status": "cancelled"})
    assert marked.status_code == 200 and marked.json()["booked_in"] == TOWN, marked.text
    assert [a["status"] for a in town.get(f"/api/staff/appointments?start={day}&end={day}").json()
            if a["reference"] == reference] == ["cancelled"]


def test_the_two_towns_share_a_template_flow_with_their_own_words(towns: Towns) -> None:
    """One national step, two towns' own words over it (seeded as sample data); everything else of
    the flow is the template's in both, with each town's values."""
    from backend.guidance.demo import SAMPLE_WORDS, STEP

    flow_id, node_id, register = STEP
    releases = {name: kiosk.get("/api/guidance/release").json()["document"]
                for name, kiosk in (("demo", towns.city_kiosk), ("sample_kita", towns.town_kiosk))}
    steps = {code: document["flows"][flow_id]["nodes"][node_id]["text"][register]["steps"]
             for code, document in releases.items()}
    for code, own in SAMPLE_WORDS.items():
        assert steps[code][-len(own["steps"]):] == own["steps"]
        other = next(c for c in SAMPLE_WORDS if c != code)
        assert not set(own["steps"]) & set(steps[other])
    assert len(steps["demo"]) == len(steps["sample_kita"])  # the template's lines, then one of their own
    assert "きたみほん町" in releases["sample_kita"]["municipality"]["name"]
