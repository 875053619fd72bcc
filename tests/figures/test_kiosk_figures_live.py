"""From the kiosk to the figures over loopback HTTP: a real backend, the kiosk (Pilot) walking
five residents through a guide with furigana on, and a clerk reading the figures. Five is the
fewest the figures show, and "all of them" is hidden as "none of them" is, so other kiosks' sessions
(posted over HTTP as another kiosk would) make the counts the kiosk's residents show up in."""

from __future__ import annotations

import base64
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk.app import make_app
from kiosk.config import KioskSettings
from kiosk.screens.settings import SettingsScreen
from kiosk.screens.step import StepScreen
from tests.conftest import MADOGUCHI, madoguchi_env, start_backend, stop_backend

pytestmark = [pytest.mark.live, pytest.mark.database]
PASSWORD = "figures-clerk-pw"


async def until(pilot: Any, check: Callable[[], bool], what: str, seconds: float = 8.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await pilot.pause(0.05)


async def test_five_residents_at_the_kiosk_are_counted_in_the_figures(tmp_path: Path) -> None:
    backend = start_backend(tmp_path / "data")
    env = madoguchi_env(backend.data_dir, MADOGUCHI_STAFF_PASSWORD=PASSWORD)
    subprocess.run([*MADOGUCHI, "staff", "add", "--municipality", "demo", "--username", "clerk"], env=env,
                   check=True, capture_output=True, timeout=60)
    kiosk = make_app(KioskSettings(backend_url=backend.url, api_key=backend.api_key, speech=False,
                                   cache_dir=tmp_path / "kiosk"))
    staff = httpx.Client(base_url=backend.url, timeout=10, headers={
        "Authorization": "Basic " + base64.b64encode(f"clerk:{PASSWORD}".encode()).decode()})
    try:
        async with kiosk.run_test(size=(100, 40)) as resident:
            for _resident in range(5):
                await resident.press("enter")
                await until(resident, lambda: len(kiosk.screen_stack) > 1, "home")
                await resident.press("1", "1")  # the lost-card guide
                await until(resident, lambda: isinstance(kiosk.screen, StepScreen), "the first step")
                await resident.press("0")
                await until(resident, lambda: isinstance(kiosk.screen, SettingsScreen), "the settings")
                await resident.press("3", "8")  # furigana on, close
                await until(resident, lambda: isinstance(kiosk.screen, StepScreen), "the step again")
                for _step in range(8):  # on to the end: information, the question (1: outside), ...
                    if kiosk.help_desk.figures.completed:
                        break
                    await resident.press("1")
                    await resident.pause(0.2)
                assert kiosk.help_desk.figures.completed == {"lost_card"}
                await resident.press("full_stop")
                await until(resident, lambda: len(kiosk.screen_stack) == 1, "the welcome screen")

        kiosk_api = httpx.Client(base_url=backend.url, timeout=10, headers={"X-Kiosk-Key": backend.api_key})
        others = [{"flows": ["lost_card"], "last_flow": "lost_card", "last_node": "where_lost", "language": "en"},
                  {"flows": ["renew_card"], "completed": ["renew_card"], "language": "ja"},
                  {"flows": ["renew_card"]}]  # the last as an older kiosk sends it
        for body in others:
            for _ in range(5):
                assert kiosk_api.post("/api/help/sessions", json=body).status_code == 204
        kiosk_api.close()

        def tables() -> dict[str, Any]:
            document = staff.get("/api/staff/figures").json()
            return {t["key"]: t for t in document["tables"]}

        def value(table: dict[str, Any], key: str, column: int = 0) -> Any:
            return next(r for r in table["rows"] if r["key"] == key)["figures"][column]["value"]

        deadline = time.monotonic() + 10
        while value(tables()["summary"], "sessions") != 20:
            assert time.monotonic() < deadline, "the kiosk's five sessions were not counted"
            time.sleep(0.2)
        found = tables()
        assert value(found["summary"], "detailed") == 15
        assert [value(found["flows"], "lost_card", i) for i in range(3)] == [10, 5, 5]  # completed: the kiosk's
        assert [value(found["modes"], "furigana", i) for i in range(2)] == [5, 10]  # furigana: the kiosk's five
        assert value(found["languages"], "en") == 5
        csv = staff.get("/api/staff/figures.csv", params={"table": "summary"})
        assert csv.status_code == 200 and csv.content.decode("utf-8-sig").startswith("項目,回数,割合（%）")
    finally:
        staff.close()
        stop_backend(backend)
