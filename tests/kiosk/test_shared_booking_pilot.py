"""A resident of the sample town books the neighbouring city's mobile clinic at the town's own kiosk
(地域間連携), on a resident's 80×24 terminal with keypad keys: the service is named as the city's,
the car's stop of that day is on the time page and the slip, and both towns' staff find the
booking (the town its resident's, the city every booking of its car)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.app import make_app
from kiosk.config import KioskSettings
from tests.conftest import MADOGUCHI, LiveBackend, madoguchi_env, start_backend, stop_backend
from tests.kiosk.test_booking_pilot import CANARY_PHONE, enter_details, reference_on, text_of, to_booking, wait_for

pytestmark = [pytest.mark.live, pytest.mark.database]

PASSWORD = "shared-pilot-test-password"


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveBackend, str]]:
    live = start_backend(tmp_path_factory.mktemp("shared-pilot"))
    env = madoguchi_env(live.data_dir, MADOGUCHI_STAFF_PASSWORD=PASSWORD)

    def run(*args: str) -> str:
        out = subprocess.run([*MADOGUCHI, *args], env=env, check=True, capture_output=True, text=True, timeout=120)
        return (out.stdout.strip().splitlines() or [""])[-1]

    town_key = run("devices", "add", "--municipality", "sample_kita", "--name", "town library kiosk")
    run("staff", "add", "--municipality", "demo", "--username", "city-clerk")
    run("staff", "add", "--municipality", "sample_kita", "--username", "town-clerk")
    yield live, town_key
    stop_backend(live)


async def test_the_town_books_the_citys_mobile_clinic_at_its_own_kiosk(backend: tuple[LiveBackend, str],
                                                                       tmp_path: Path) -> None:
    live, town_key = backend
    app = make_app(KioskSettings(backend_url=live.url, api_key=town_key, speech=False, cache_dir=tmp_path / "kiosk"))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_booking(app, pilot)
        services = text_of(app)
        assert services.count("みほん市の サービスです") == 2, services  # the booth and the car are the city's
        await pilot.press("1")  # the mobile clinic
        await wait_for(app, pilot, "booking-days")
        assert "みほん市の サービスです" in text_of(app)
        await pilot.press("1")
        await wait_for(app, pilot, "booking-times")
        stop = next(line for line in text_of(app).splitlines() if line.startswith("場所："))
        assert "駐車場（サンプル）" in stop, text_of(app)
        await pilot.press("1")
        await enter_details(app, pilot)
        await pilot.press("1")  # book
        await wait_for(app, pilot, "booking-slip")
        slip = text_of(app)
        reference = reference_on(app)
        assert "モバイルクリニック（サンプル） / みほん市の サービスです" in slip, slip
        assert stop.removeprefix("場所：") in slip, slip
        await pilot.press("2")  # finish

    def listed(user: str) -> dict[str, str]:
        rows = httpx.get(f"{live.url}/api/staff/appointments", params={"end": _far()}, auth=(user, PASSWORD),
                         timeout=10).json()
        return {row["reference"]: row["booked_in"] for row in rows}

    assert listed("town-clerk") == {reference: "きたみほん町"}
    assert listed("city-clerk")[reference] == "きたみほん町"
    found = httpx.post(f"{live.url}/api/booking/appointments/{reference}/lookup", json={"phone": CANARY_PHONE},
                       headers={"X-Kiosk-Key": town_key}, timeout=10)
    assert found.status_code == 200 and found.json()["service"]["code"] == "mobile-clinic"


def _far() -> str:
    import datetime as dt

    return str(dt.date.today() + dt.timedelta(days=60))


async def test_the_towns_own_step_follows_the_national_list_of_what_to_bring(backend: tuple[LiveBackend, str],
                                                                            tmp_path: Path) -> None:
    """An extension point at the town's kiosk, in Vietnamese at 80×24: after the national list of
    what to bring comes the town's own step (in plain Japanese, said to be untranslated), then on."""
    from kiosk.screens.home import HomeScreen
    from kiosk.screens.step import StepScreen
    from kiosk.screens.topic import TopicScreen
    from tests.kiosk.test_booking_pilot import wait_until

    live, town_key = backend
    app = make_app(KioskSettings(backend_url=live.url, api_key=town_key, speech=False, cache_dir=tmp_path / "kiosk"))

    def at(node_id: str) -> bool:
        return isinstance(app.screen, StepScreen) and app.screen.node.id == node_id

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")  # Tiếng Việt
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, TopicScreen))
        await pilot.press("3")  # receiving the card
        for node_id, key in (("have_notice", "1"), ("who_comes", "1"), ("bring_self", "ctrl+j")):
            await wait_until(pilot, lambda node_id=node_id: at(node_id))  # type: ignore[misc]
            await pilot.press(key)
        await wait_until(pilot, lambda: at("local_documents"))
        shown = text_of(app)
        assert "きたみほん町から（サンプル）" in shown and "眼鏡" in shown, shown
        assert "tiếng Nhật dễ hiểu" in shown or "やさしい日本語" in shown, shown  # says why it is in Japanese
        await pilot.press("ctrl+j")
        await wait_until(pilot, lambda: at("outcome_visit"))
