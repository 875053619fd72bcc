"""A volunteer-assisted session end to end: a real backend, the kiosk (Pilot) and the volunteer
console (Pilot), together over loopback HTTP. The resident asks for help, the volunteer accepts,
suggests plain Japanese, the resident confirms on the kiosk, the volunteer resolves; the session
is counted as assisted, and the console never shows the resident's name, phone or booking."""

from __future__ import annotations

import base64
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.widgets import DataTable, Input, RadioButton

from console.app import make_console_app
from console.screens.queue import QueueScreen
from console.screens.request import RequestScreen
from console.screens.resolve import ResolveScreen
from kiosk.app import make_app
from kiosk.config import KioskSettings
from kiosk.screens.step import StepScreen
from tests.conftest import MADOGUCHI, madoguchi_env, start_backend, stop_backend

pytestmark = [pytest.mark.live, pytest.mark.database]
PASSWORD = "assisted-session-pw"


async def until(pilots: list[Any], check: Callable[[], bool], seconds: float = 8.0, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        for pilot in pilots:
            await pilot.pause(0.05)


def text_of(app: Any) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("Static, Label, Button, DataTable"))


async def test_resident_asks_volunteer_accepts_suggests_resident_confirms_volunteer_resolves(tmp_path: Path) -> None:
    backend = start_backend(tmp_path / "data")
    env = madoguchi_env(backend.data_dir, MADOGUCHI_VOLUNTEER_PASSWORD=PASSWORD, MADOGUCHI_STAFF_PASSWORD=PASSWORD)
    for command in (["volunteers", "add", "--municipality", "demo", "--site", "", "--username", "tanaka",
                     "--name", "田中"],
                    ["staff", "add", "--municipality", "demo", "--username", "clerk"]):
        subprocess.run([*MADOGUCHI, *command], env=env, check=True, capture_output=True, timeout=60)
    kiosk = make_app(KioskSettings(backend_url=backend.url, api_key=backend.api_key, speech=False,
                                   cache_dir=tmp_path / "kiosk"))
    console = make_console_app(backend.url, poll_seconds=1.0, export_dir=tmp_path, language="en")
    try:
        async with kiosk.run_test(size=(100, 40)) as resident, console.run_test(size=(120, 40)) as volunteer:
            pilots = [resident, volunteer]
            # The volunteer signs in and goes on duty.
            console.screen.query_one("#username", Input).value = "tanaka"
            console.screen.query_one("#password", Input).value = PASSWORD
            console.screen.query_one("#password", Input).focus()
            await volunteer.press("enter")
            await until(pilots, lambda: isinstance(console.screen, QueueScreen), what="the queue")

            # The resident is in the lost-card guide and presses * (help): "I don't understand".
            await resident.press("enter")
            await until(pilots, lambda: len(kiosk.screen_stack) > 1, what="home")
            await resident.press("1", "1")
            await until(pilots, lambda: isinstance(kiosk.screen, StepScreen), what="the first step")
            await resident.press("asterisk")
            await until(pilots, lambda: kiosk.screen.name == "help-reason", what="the reasons")
            await resident.press("2")
            await until(pilots, lambda: kiosk.screen.name == "help-waiting", what="help is coming")
            request_id = kiosk.help_desk.request_id
            assert request_id is not None

            # It reaches the console's queue; the volunteer accepts it.
            table = console.screen.query_one("#requests", DataTable)
            await until(pilots, lambda: table.row_count == 1, seconds=2.5, what="the request in the queue")
            await volunteer.press("a")
            await until(pilots, lambda: isinstance(console.screen, RequestScreen), what="the request screen")
            await until(pilots, lambda: "田中" in "\n".join(kiosk.screen.page.lines),  # type: ignore[attr-defined]
                        what="the kiosk saying who is coming")
            await resident.press("1")  # back to my screen while the volunteer walks over
            await until(pilots, lambda: isinstance(kiosk.screen, StepScreen), what="the step again")

            # The volunteer suggests plain Japanese; nothing changes until the resident says yes.
            assert kiosk.session.register == "standard"
            await volunteer.press("2")
            await until(pilots, lambda: kiosk.screen.name == "help-suggestion", what="the suggestion on the kiosk")
            assert kiosk.session.register == "standard"
            await resident.press("1")
            await until(pilots, lambda: kiosk.session.register == "plain", what="plain Japanese on")
            await until(pilots, lambda: "accepted" in text_of(console), what="the console seeing the yes")

            # The console shows the step, never personal data (there is none to show).
            shown = text_of(console)
            assert "suspend_card" in shown or "止め" in shown

            # The volunteer resolves with an outcome and a clean note.
            await volunteer.press("r")
            await until(pilots, lambda: isinstance(console.screen, ResolveScreen), what="the resolve form")
            console.screen.query_one("#outcome-solved", RadioButton).value = True
            console.screen.query_one("#note", Input).value = "やさしい日本語で一緒に読んだ"
            console.screen.query_one("#note", Input).focus()
            await volunteer.press("enter")
            await until(pilots, lambda: isinstance(console.screen, QueueScreen), what="back to the queue")
            await until(pilots, lambda: not kiosk.help_desk.active, what="the kiosk seeing the request end")

            # The resident finishes: the session is counted as assisted, anonymously.
            await resident.press("full_stop")
            await until(pilots, lambda: len(kiosk.screen_stack) == 1, what="the welcome screen")
            staff = httpx.Client(base_url=backend.url, timeout=10, headers={
                "Authorization": "Basic " + base64.b64encode(f"clerk:{PASSWORD}".encode()).decode()})
            await until(pilots, lambda: staff.get("/api/staff/assistance").json()["sessions"] == 1,
                        what="the session counted")
            summary = staff.get("/api/staff/assistance").json()
            assert summary["assisted_sessions"] == 1 and summary["outcomes"] == {"solved": 1}
            assert summary["stuck_points"][0]["flow_id"] == "lost_card"
    finally:
        stop_backend(backend)
