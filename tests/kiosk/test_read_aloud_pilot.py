"""Reading a screen aloud at the kiosk: what is said, stopping on any key, and no voice at all."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from accessibility.errors import SpeechUnavailable
from accessibility.speech import NullSpeaker, RecordingSpeaker, get_speaker
from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.screens.home import HomeScreen
from kiosk.screens.step import StepScreen
from tests.conftest import LiveBackend
from tests.kiosk.test_slice_pilot import wait_for

pytestmark = pytest.mark.live


async def open_first_step(pilot, app: KioskApp) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await wait_for(pilot, app, HomeScreen)
    await pilot.press("1", "1")
    await wait_for(pilot, app, StepScreen, "suspend_card")
    for _ in range(200):  # the voices load on a worker thread after the first release arrives
        if app.speaker is not None:
            return
        await pilot.pause(0.02)
    raise AssertionError("the speaker never loaded")


async def test_f5_reads_the_step_in_screen_order_and_any_key_stops(live_backend: LiveBackend) -> None:
    recording = RecordingSpeaker()
    settings = KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key)
    app = make_app(settings, speaker_factory=lambda readings: recording)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_step(pilot, app)
        await pilot.press("f5")
        [said] = recording.spoken
        texts = [phrase.text for phrase in said]
        assert texts[0].startswith("カードを紛失した・盗まれた — 1番目")  # where you are
        assert texts[1] == "まず、電話でカードの一時停止を申し込んでください"   # the title
        assert any("0120-95-0178" in t for t in texts)
        # options, then help (the keypad key)
        assert texts[-2] == "1番：次へ" and "*" in texts[-1] and "F1" not in texts[-1]
        assert all(phrase.lang == "ja" for phrase in said)
        await pilot.press("plus")  # keypad +: pause, then resume
        await pilot.press("plus")
        assert recording.actions[-2:] == ["pause", "resume"]
        await pilot.press("down")
        assert recording.actions[-1] == "stop"


async def test_the_reading_dictionary_travels_with_the_release(live_backend: LiveBackend) -> None:
    seen = {}
    settings = KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key)
    app = make_app(settings, speaker_factory=lambda readings: seen.setdefault("r", readings) and RecordingSpeaker())
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_step(pilot, app)
    assert seen["r"]["保健師"] == "ほけんし" and seen["r"]["みほん市"] == "みほんし"


async def test_no_voice_means_a_notice_and_the_screen_still_works(live_backend: LiveBackend) -> None:
    settings = KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key)
    unavailable = NullSpeaker(SpeechUnavailable("audio device 'default' cannot play"))
    app = make_app(settings, speaker_factory=lambda readings: unavailable)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_step(pilot, app)
        await pilot.press("f5")
        await pilot.pause()
        assert any("読み上げが 使えません" in str(n.message) for n in app._notifications)
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "where_lost")


def aplay_children() -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as stat:
                    name, rest = stat.read().split(" (", 1)[1].rsplit(")", 1)
            except (OSError, ValueError):
                continue
            state, parent = rest.split()[:2]
            if name == "aplay" and int(parent) == os.getpid() and state != "Z":
                found.append(int(entry))
    return found


async def test_real_voice_stops_within_100_ms_of_a_key(live_backend: LiveBackend) -> None:
    """Open JTalk and a real aplay on ALSA's null device (no sound card needed)."""
    settings = KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key, audio_device="null")
    app = make_app(settings, speaker_factory=lambda readings: get_speaker(("ja", "en"), device="null",
                                                                           readings=readings))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_step(pilot, app)
        assert app.speaker is not None and app.speaker.available, getattr(app.speaker, "reason", None)
        await pilot.press("f5")
        for _ in range(100):
            await pilot.pause(0.02)
            if aplay_children():
                break
        assert aplay_children(), "the screen is being read through aplay"
        for _ in range(100):  # the phrase being heard is highlighted on screen
            await pilot.pause(0.02)
            if app.screen.query(".-speaking"):
                break
        highlighted = [w.id for w in app.screen.query(".-speaking")]
        assert highlighted and highlighted[0] in ("step-place", "step-title", "step-body"), highlighted
        pressed = time.monotonic()
        app.simulate_key("down")  # as the terminal delivers it (Pilot.press adds waits of its own)
        while aplay_children() and time.monotonic() - pressed < 1:
            await asyncio.sleep(0.002)
        assert time.monotonic() - pressed < 0.1 and not aplay_children()
        for _ in range(50):
            await pilot.pause(0.02)
            if not app.screen.query(".-speaking"):
                break
        assert not app.screen.query(".-speaking")  # stopped: no highlight left behind


async def test_the_take_home_note_can_be_seen_and_heard(live_backend: LiveBackend) -> None:
    """K11: the slip of an outcome is on screen and read aloud like any other screen."""
    recording = RecordingSpeaker()
    settings = KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key)
    app = make_app(settings, speaker_factory=lambda readings: recording)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first_step(pilot, app)
        await pilot.press("enter", "2", "enter", "enter")  # lost at home → reissue → outcome
        await wait_for(pilot, app, StepScreen, "outcome_home")
        await pilot.press("3")  # take-home note
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen.id == "slip":
                break
        assert app.screen.id == "slip"
        await pilot.press("f5")
        assert recording.spoken, (recording.actions, app.screen, app.speaker)
        said = " ".join(phrase.text for phrase in recording.spoken[-1])
        assert "0120-95-0178" in said and "000-0000-0000" in said  # the hotline and the counter's phone
