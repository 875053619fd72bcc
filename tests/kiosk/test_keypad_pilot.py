"""The keypad as a keypad (issue 12): KPEnter as terminals send it, Settings → Language from the
keypad, speech keys and hints that follow the active key map. Each test failed before its fix."""

from __future__ import annotations

import re

import pytest
from textual import events
from textual.pilot import Pilot

from accessibility.speech import RecordingSpeaker
from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.i18n import use_language
from kiosk.screens.home import HomeScreen
from kiosk.screens.script import screen_script
from kiosk.screens.settings import LanguageScreen, SettingsScreen
from kiosk.screens.step import StepScreen
from kiosk.screens.topic import TopicScreen
from tests.conftest import LiveBackend
from tests.kiosk.test_layout_pilot import rendered_lines, settle
from tests.kiosk.test_slice_pilot import wait_for

pytestmark = pytest.mark.live


@pytest.fixture(autouse=True)
def japanese_again():  # type: ignore[no-untyped-def]
    yield
    use_language("ja")


def app_for(backend: LiveBackend, speaker: RecordingSpeaker | None = None, **settings: object) -> KioskApp:
    recording = speaker or RecordingSpeaker()
    return make_app(KioskSettings(backend_url=backend.url, api_key=backend.api_key, **settings),  # type: ignore[arg-type]
                    speaker_factory=lambda readings: recording)


async def test_kpenter_arrives_as_a_line_feed_and_confirms(live_backend: LiveBackend) -> None:
    app = app_for(live_backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+j")  # KPEnter in a terminal's normal keypad mode: starts
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1", "1")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        await pilot.press("ctrl+j")  # "next" on an information step
        await wait_for(pilot, app, StepScreen, "where_lost")


async def settings_from_home(pilot: Pilot[None], app: KioskApp) -> None:
    """Start, then 0 on the home screen: the settings dialog is shown."""
    await pilot.press("enter")
    await wait_for(pilot, app, HomeScreen)
    await pilot.press("0")
    await settle(pilot, 0.2)
    assert isinstance(app.screen, SettingsScreen)


async def test_settings_then_language_from_the_keypad(live_backend: LiveBackend) -> None:
    app = app_for(live_backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await settings_from_home(pilot, app)
        await pilot.press("1")  # Language: crashed the kiosk (an awaited worker)
        await settle(pilot, 0.3)
        assert isinstance(app.screen, LanguageScreen)
        await pilot.press("2")  # English
        await settle(pilot, 0.3)
        assert app.session.language == "en"
        assert isinstance(app.screen, SettingsScreen)  # back on the settings, now in English
        assert "Settings" in "\n".join(rendered_lines(app))


async def test_keys_pressed_faster_than_a_dialog_closes_reach_the_screen_behind(live_backend: LiveBackend) -> None:
    """8 (close) then 1 at once: both reach the settings before it has closed. The 1 is for the
    home screen the resident sees next, not the settings' Language (CI showed the language list)."""
    app = app_for(live_backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await settings_from_home(pilot, app)
        app.post_message(events.Key("8", "8"))  # both queued before the first is handled
        app.post_message(events.Key("1", "1"))
        await settle(pilot, 0.5)
        assert isinstance(app.screen, TopicScreen), app.screen  # home's 1: the My Number Card topic


async def test_a_remapped_pause_key_pauses_rather_than_stops(live_backend: LiveBackend) -> None:
    recording = RecordingSpeaker()
    app = app_for(live_backend, recording, keymap={"pause-speech": "f8", "read-aloud": "f9"})
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("f9")
        spoken = len(recording.actions)
        await pilot.press("f8")
        await pilot.press("f8")
        assert recording.actions[spoken:] == ["pause", "resume"], recording.actions  # no "stop" first


async def test_hints_name_the_keys_of_the_active_key_map(live_backend: LiveBackend) -> None:
    app = app_for(live_backend, keymap={"help": "asterisk", "settings": "f3"})
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1", "1")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        await settle(pilot)
        said = screen_script(app.screen)
        bar = rendered_lines(app)[-1]
        assert "*" in said[-1] and not re.search(r"F1\b", said[-1]), said[-1]
        assert not re.search(r"F1\b", bar) and "*" in bar and "F3" in bar and " 0 " not in bar, bar


async def test_the_kana_board_page_does_not_offer_0_for_settings(live_backend: LiveBackend, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.kiosk.test_booking_pilot import choose_first_free_time, to_booking
    from tests.kiosk.test_booking_pilot import wait_for as wait_for_page

    app = app_for(live_backend, cache_dir=tmp_path / "kiosk")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_booking(app, pilot)
        await choose_first_free_time(app, pilot)
        await wait_for_page(app, pilot, "booking-name")
        await settle(pilot, 0.3)
        bar = "\n".join(rendered_lines(app)[-2:])
        assert "F3" in bar and "0 F3" not in bar, bar  # on this page 0 is the わ column


async def test_the_kiosk_keys_work_on_dialogs_as_the_key_bar_says(live_backend: LiveBackend) -> None:
    """Textual stops a modal screen's key lookup before the app: on the take-home note, − * .
    did nothing although its key bar named them."""
    app = app_for(live_backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1", "1", "enter", "2", "enter", "enter")  # lost at home → outcome
        await wait_for(pilot, app, StepScreen, "outcome_home")
        await pilot.press("3")  # the take-home note
        await settle(pilot)
        assert app.screen.id == "slip"
        await pilot.press("minus")  # back closes it
        await settle(pilot)
        assert isinstance(app.screen, StepScreen) and app.screen.node.id == "outcome_home"
        await pilot.press("0")  # settings, then * from the dialog calls for help
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("asterisk")
        await settle(pilot)
        assert app.screen.name == "help-reason" or app.screen.id == "help", screen_script(app.screen)
        await pilot.press("minus")
        await settle(pilot)
        await pilot.press("full_stop")  # finish, from the settings dialog: nothing typed, no question
        await settle(pilot)
        assert len(app.screen_stack) == 1
