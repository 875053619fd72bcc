"""Calling a volunteer from the kiosk, against a real backend over loopback HTTP: the request,
the queue, the volunteer on the way, a co-pilot suggestion the resident confirms, the context the
volunteer sees moving with the resident, and the session end. The volunteer's side is driven over
HTTP here, as the console does (tests/console drives the console itself)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.screens.script import screen_script
from kiosk.screens.step import StepScreen
from kiosk.state import SessionFigures
from tests.conftest import MADOGUCHI, LiveBackend, madoguchi_env, start_backend, stop_backend

pytestmark = [pytest.mark.live, pytest.mark.database]
PASSWORD = "volunteer-password"


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveBackend]:
    live = start_backend(tmp_path_factory.mktemp("help"))
    env = madoguchi_env(live.data_dir, MADOGUCHI_VOLUNTEER_PASSWORD=PASSWORD)
    # The test kiosk was registered with no site (""): this volunteer serves that site.
    subprocess.run([*MADOGUCHI, "volunteers", "add", "--municipality", "demo", "--site", "", "--username",
                    "tanaka", "--name", "田中"], env=env, check=True, capture_output=True, timeout=60)
    yield live
    stop_backend(live)


def volunteer(backend: LiveBackend) -> httpx.Client:
    token = httpx.post(f"{backend.url}/api/volunteer/login", json={"username": "tanaka", "password": PASSWORD},
                       timeout=10).json()["token"]
    return httpx.Client(base_url=backend.url, headers={"Authorization": f"Bearer {token}"}, timeout=10)


def kiosk(backend: LiveBackend, tmp_path: Path) -> KioskApp:
    return make_app(KioskSettings(backend_url=backend.url, api_key=backend.api_key, speech=False,
                                  cache_dir=tmp_path / "kiosk"))


async def until(pilot, condition, timeout: float = 6.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def into_lost_card(app: KioskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await pilot.pause(0.3)
    await pilot.press("1", "1")
    await until(pilot, lambda: isinstance(app.screen, StepScreen))


async def test_no_volunteer_on_duty_offers_the_counter(backend: LiveBackend, tmp_path: Path) -> None:
    app = kiosk(backend, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await into_lost_card(app, pilot)
        await pilot.press("asterisk")
        await until(pilot, lambda: app.screen.name == "help-reason")
        await pilot.press("2")
        await until(pilot, lambda: app.screen.name == "help-waiting")
        words = "\n".join(screen_script(app.screen))
        assert "000-0000-0000" in words  # the counter's number from the municipality's file
        await pilot.press("1")  # close: the request is cancelled
        await until(pilot, lambda: isinstance(app.screen, StepScreen))
        assert not app.help_desk.active


async def test_help_queue_volunteer_suggestion_and_context(backend: LiveBackend, tmp_path: Path) -> None:
    tanaka = volunteer(backend)
    assert tanaka.post("/api/volunteer/duty", json={"on_duty": True}).status_code == 204
    app = kiosk(backend, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await into_lost_card(app, pilot)
        first_node = app.screen.node.id  # type: ignore[attr-defined]
        await pilot.press("asterisk")
        await until(pilot, lambda: app.screen.name == "help-reason")
        await pilot.press("2")  # I don't understand
        await until(pilot, lambda: app.screen.name == "help-waiting")
        assert "1" in "\n".join(screen_script(app.screen))  # number 1 in the queue
        queue = tanaka.get("/api/volunteer/requests").json()
        asked = [(r["flow_id"], r["node_id"], r["reason"]) for r in queue]
        assert asked == [("lost_card", first_node, "dont_understand")]
        request_id = queue[0]["id"]
        assert tanaka.post(f"/api/volunteer/requests/{request_id}/accept").status_code == 200
        await until(pilot, lambda: "田中" in "\n".join(screen_script(app.screen)))
        await pilot.press("1")  # back to my screen while the volunteer comes
        await until(pilot, lambda: isinstance(app.screen, StepScreen))
        assert app.session.register == "standard"
        assert tanaka.post(f"/api/volunteer/requests/{request_id}/suggest",
                           json={"action": "plain_on"}).status_code == 201
        await until(pilot, lambda: app.screen.name == "help-suggestion")
        assert app.session.register == "standard"  # nothing changes before the resident agrees
        await pilot.press("1")  # yes
        await until(pilot, lambda: app.session.register == "plain")
        detail = tanaka.get(f"/api/volunteer/requests/{request_id}").json()
        assert detail["suggestions"][-1]["status"] == "accepted"
        # The resident answers; the volunteer sees the new step and the answer.
        await pilot.press("1")
        await until(pilot, lambda: tanaka.get(f"/api/volunteer/requests/{request_id}").json()["node_id"] != first_node)
        assert tanaka.get(f"/api/volunteer/requests/{request_id}").json()["modes"]["plain"] is True
        for _ in range(6):  # on to the first question, and answer it
            if app.session.answers:
                break
            await pilot.press("1")
            await pilot.pause(0.2)
        answers = {str(k): str(v) for k, v in app.session.answers.items()}
        assert answers
        await until(pilot, lambda: tanaka.get(f"/api/volunteer/requests/{request_id}").json()["answers"] == answers)
        # Finishing wipes the session: the request ends and the session is counted as assisted.
        await pilot.press("full_stop")
        await until(pilot, lambda: len(app.screen_stack) == 1)
        await until(pilot, lambda: tanaka.get(f"/api/volunteer/requests/{request_id}").json()["status"] == "cancelled")
        assert not app.help_desk.active
        assert app.help_desk.figures == SessionFigures(language=app.session.language)  # nothing of the resident
