"""Snapshots of each kiosk screen in default, high-contrast, furigana and English modes (fixed
terminal size). Review the report before `--snapshot-update`: a changed snapshot is a changed
screen in front of a resident."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.pilot import Pilot

import kiosk.app as kiosk_app_module
from accessibility.speech import RecordingSpeaker
from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.i18n import use_language
from kiosk.themes import DEFAULT, HIGH_CONTRAST, THEMES
from kiosk.widgets.kana_board import KanaBoard
from kiosk.widgets.number_pad import NumberPad
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
    """Wait until the kiosk has finished what the last key started: no worker running, the same
    screen for several ticks, (on the welcome screen) the voice credits written. A fixed pause
    was too short on a loaded machine and the snapshot caught a screen half built."""
    from textual.worker import WorkerState

    app, seen, steady = pilot.app, None, 0
    for _ in range(300):
        await pilot.pause(0.03)
        busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers)
        written = not credits or bool(str(app.screen.query("#welcome-credits").first().render()).strip())
        now = (id(app.screen), len(app.screen_stack), busy, written)
        steady = steady + 1 if now == seen and not busy and written else 0
        seen = now
        if steady >= 4:
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
    "help": ("space", "1", "1", "asterisk"),
}


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("mode", ["default", "contrast", "furigana", "english"])
def test_screen(snap_compare, live_backend: LiveBackend, screen: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    app = kiosk(live_backend, "en" if mode == "english" else "ja")
    setting = {"contrast": "contrast", "furigana": "furigana"}.get(mode)
    assert snap_compare(app, run_before=steps(*SCREENS[screen], setting=setting), terminal_size=SIZE)


class EntryApp(App[None]):
    """One entry widget on the kiosk's own theme and stylesheet: the booking pages around them
    show today's dates and a live countdown, so the widgets are pictured on their own."""

    CSS_PATH = str(Path(kiosk_app_module.__file__).with_name("kiosk.tcss"))

    def __init__(self, widget: str, contrast: bool) -> None:
        super().__init__()
        self.widget = widget
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = HIGH_CONTRAST if contrast else DEFAULT

    def compose(self) -> ComposeResult:
        yield KanaBoard(id="entry") if self.widget == "kana" else NumberPad(id="entry")

    def on_mount(self) -> None:
        self.query_one("#entry").focus()


@pytest.mark.parametrize("widget", ["kana", "pad"])
@pytest.mark.parametrize("mode", ["default", "contrast", "english"])
def test_entry_widget(snap_compare, widget: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    use_language("en" if mode == "english" else "ja")
    keys = ["2", "2", "enter", "1"] if widget == "kana" else ["0", "9", "0"]
    assert snap_compare(EntryApp(widget, mode == "contrast"), press=keys, terminal_size=SIZE)
