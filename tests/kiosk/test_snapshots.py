"""Snapshots of each kiosk screen in default, high-contrast, furigana and English modes (fixed
terminal size). Review the report before `--snapshot-update`: a changed snapshot is a changed
screen in front of a resident."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from accessibility.speech import RecordingSpeaker
from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.i18n import use_language
from tests.conftest import LiveBackend

pytestmark = pytest.mark.live
SIZE = (100, 34)


@pytest.fixture(autouse=True)
def japanese_again():  # type: ignore[no-untyped-def]
    yield
    use_language("ja")


def kiosk(backend: LiveBackend, language: str = "ja") -> KioskApp:
    settings = KioskSettings(backend_url=backend.url, api_key=backend.api_key, language=language)
    return make_app(settings, speaker_factory=lambda readings: RecordingSpeaker())


async def settle(pilot: Pilot[object], *, credits: bool = False) -> None:
    for _ in range(150):
        await pilot.pause(0.02)
        if not credits or str(pilot.app.screen.query("#welcome-credits").first().render()).strip():
            break
    await pilot.pause(0.1)


def steps(*keys: str, setting: str | None = None) -> Callable[[Pilot[object]], Awaitable[None]]:
    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot, credits=True)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if setting:
            await pilot.app.run_action(f"setting('{setting}')")
            await settle(pilot)

    return run


SCREENS = {
    "welcome": (),
    "home": ("space",),
    "topic": ("space", "1"),
    "question": ("space", "1", "1", "enter"),
    "outcome": ("space", "1", "1", "enter", "1", "enter", "enter"),
    "settings": ("space", "1", "1", "0"),
}


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("mode", ["default", "contrast", "furigana", "english"])
def test_screen(snap_compare, live_backend: LiveBackend, screen: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    app = kiosk(live_backend, "en" if mode == "english" else "ja")
    setting = {"contrast": "contrast", "furigana": "furigana"}.get(mode)
    assert snap_compare(app, run_before=steps(*SCREENS[screen], setting=setting), terminal_size=SIZE)
