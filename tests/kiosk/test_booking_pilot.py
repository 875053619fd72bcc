"""Booking at the kiosk, end to end: a real backend over loopback HTTP and the real app (Pilot).

The resident walks the telemedicine pre-check with keypad keys, chooses a day and a time, types a
name on the kana board and a phone number on the number pad, confirms, gets the slip (and prints
it to a PDF), and finishes; then nothing of theirs is left in the kiosk.
"""

from __future__ import annotations

import datetime as dt
import gc
import linecache
import subprocess
import sys
import time
import urllib.parse
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path

import httpx
import pytest

from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.screens.booking import BookingPage
from kiosk.screens.home import HomeScreen
from kiosk.screens.script import screen_script
from kiosk.screens.step import StepScreen
from kiosk.screens.topic import TopicScreen
from kiosk.screens.welcome import WelcomeScreen
from tests.conftest import LiveBackend, start_backend, stop_backend

pytestmark = [pytest.mark.live, pytest.mark.database]

CANARY_NAME_KEYS = ["2", "enter", "2", "2", "enter", "2", "2", "2", "enter", "plus", "enter"]
"""か き く on the kana board with the keypad alone (2 Enter, 2 2 Enter, 2 2 2 Enter, + Enter)."""
CANARY_NAME = "かきく"
CANARY_PHONE = "09087654321"
PRECHECK_ANSWERS = {"emergency": "2", "visit_type": "1", "where_from": "2"}


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LiveBackend]:
    live = start_backend(tmp_path_factory.mktemp("booking-data"))
    yield live  # type: ignore[misc]
    stop_backend(live)


SITE = "みほん市立図書館 1階（サンプル）"
"""Where the test's kiosk stands (KioskSettings.site)."""


def kiosk(backend: LiveBackend, tmp_path: Path, **overrides: object) -> KioskApp:
    settings = KioskSettings(backend_url=backend.url, api_key=backend.api_key, speech=False,
                             cache_dir=tmp_path / "kiosk", **overrides)  # type: ignore[arg-type]
    return make_app(settings)


async def to_booking(app: KioskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Welcome → telemedicine → the pre-check → its booking hand-off, keypad keys only."""
    # Each key waits for the screen it is meant for: on a loaded machine a fixed pause was outrun
    # and the keys reached the home screen before it was there.
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("3")
    await wait_until(pilot, lambda: isinstance(app.screen, TopicScreen))
    await pilot.press("1")
    await wait_until(pilot, lambda: isinstance(app.screen, StepScreen))
    for _ in range(10):
        screen = app.screen
        if not isinstance(screen, StepScreen):
            break
        node = screen.node.id
        await pilot.press(PRECHECK_ANSWERS.get(node, "1"))
        await wait_until(pilot, partial(moved_on, app, node))
    await wait_for(app, pilot, "booking-service")


def moved_on(app: KioskApp, node: str) -> bool:
    return not isinstance(app.screen, StepScreen) or app.screen.node.id != node


async def wait_until(pilot, ready, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    """Until ``ready()``; the deadline is generous: a busy CI machine with two cores runs a whole
    suite beside the kiosk, and a wait that merely runs long proves nothing wrong."""
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"the kiosk did not get there; on {pilot.app.screen!r}"
        await pilot.pause(0.05)


async def wait_for(app: KioskApp, pilot, screen_id: str, timeout: float = 20) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while (app.screen.name or app.screen.id) != screen_id:
        assert time.monotonic() < deadline, f"waited for {screen_id}, on {app.screen.id}: {screen_script(app.screen)}"
        await pilot.pause(0.05)


def text_of(app: KioskApp) -> str:
    return "\n".join(screen_script(app.screen))


async def choose_first_free_time(app: KioskApp, pilot, service_key: str = "2") -> None:  # type: ignore[no-untyped-def]
    await pilot.press(service_key)
    await wait_for(app, pilot, "booking-days")
    await pilot.press("1")
    await wait_for(app, pilot, "booking-times")
    await pilot.press("1")


async def enter_details(app: KioskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for(app, pilot, "booking-name")
    await pilot.press(*CANARY_NAME_KEYS)
    await wait_for(app, pilot, "booking-phone")
    await pilot.press(*CANARY_PHONE, "enter")
    await wait_for(app, pilot, "booking-confirm")


def _holds_canary(obj: object, canaries: tuple[str, ...]) -> bool:
    """Whether a live container directly holds a string with one of the canary values in it."""
    try:
        if isinstance(obj, dict):
            items = [*obj.keys(), *obj.values()]
        elif isinstance(obj, (list, tuple, set, frozenset)):
            items = list(obj)
        else:
            return False
    except RuntimeError:  # changed while being read: not ours
        return False
    return any(isinstance(item, str) and any(c in item for c in canaries) for item in items)


def lookup(backend: LiveBackend, reference: str, phone: str = CANARY_PHONE) -> httpx.Response:
    return httpx.post(f"{backend.url}/api/booking/appointments/{reference}/lookup", json={"phone": phone},
                      headers={"X-Kiosk-Key": backend.api_key}, timeout=5)


def reference_on(app: KioskApp) -> str:
    line = next(line for line in screen_script(app.screen) if ":" in line and line.split(":")[1].strip()[3:4] == "-")
    return line.split(":", 1)[1].strip()


async def test_book_read_back_slip_print_and_wipe(backend: LiveBackend, tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    app = kiosk(backend, tmp_path, site=SITE)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_booking(app, pilot)
        shown = text_of(app)
        assert "オンライン診療（サンプル）" in shown
        # Its words say where the call is: the community hall's room, not this kiosk's booth.
        assert "公民館の オンライン診療室（サンプル）で ビデオ通話" in shown and "ブースで" not in shown, shown
        await choose_first_free_time(app, pilot)
        await enter_details(app, pilot)
        shown = text_of(app)
        # Read back on screen; not spoken on a speaker (K7): the script says to check the screen.
        screen_words = " ".join(str(w.render()) for w in app.screen.query(".-personal"))
        assert "カキク" in screen_words or CANARY_NAME in screen_words
        assert "090-8765-4321" in screen_words
        assert CANARY_NAME not in shown and "8765" not in shown
        assert "午前" in shown or "午後" in shown
        assert "令和" in shown
        await pilot.press("1")  # book
        await wait_for(app, pilot, "booking-slip")
        reference = reference_on(app)
        assert lookup(backend, reference).json()["status"] == "booked"
        slip_words = text_of(app)
        assert CANARY_PHONE not in slip_words and "8765" not in slip_words
        assert f"予約した 場所: {SITE}" in slip_words  # "this kiosk's booth", named for the way home
        await pilot.press("1")  # print
        await pilot.pause(1.0)
        pdfs = list((tmp_path / "kiosk" / "slips").glob("*.pdf"))
        assert len(pdfs) == 1
        printed = subprocess.run(["pdftotext", str(pdfs[0]), "-"], capture_output=True, text=True, check=True).stdout
        assert reference in printed and "8765" not in printed
        assert "図書館" in printed
        assert "printed" in text_of(app) or "印刷" in text_of(app)
        await pilot.press("2")  # finish
        await pilot.pause(0.3)
        assert isinstance(app.screen, WelcomeScreen) and len(app.screen_stack) == 1
        # Canary search: nothing of the resident is left in the app, its screens, files or logs,
        # nor anywhere in the kiosk's live objects once the wizard is gone.
        await pilot.pause(0.5)
        gc.collect()
        leftovers = [repr(app.session), repr(vars(app)), text_of(app)]
        leftovers += [repr(worker) for worker in app.workers]
        assert not any(CANARY_PHONE in part or "カキク" in part or reference in part for part in leftovers)
        urllib.parse.clear_cache()  # this test's own lookup URL above carries the reference
        linecache.clearcache()  # a traceback or warning shown earlier cached this file's source, canaries and all
        canaries = (CANARY_PHONE, "090-8765-4321", CANARY_NAME, "カキク", reference)
        # The test modules' own globals hold canary-like constants (this one, the erasure test's
        # phone); they are the suite's source, not the kiosk's memory.
        test_globals = [vars(module) for name, module in list(sys.modules.items())
                        if name == "tests" or name.startswith("tests.")]
        holders = [(type(o).__name__, str(o)[:200]) for o in gc.get_objects()
                   if o is not canaries and not any(o is g for g in test_globals)
                   and _holds_canary(o, canaries)]
        assert not holders, holders
        assert not list((tmp_path / "kiosk" / "slips").glob("*.pdf"))
        for path in (tmp_path / "kiosk").rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                assert CANARY_PHONE.encode() not in data and reference.encode() not in data, path
        if log.exists():
            assert CANARY_PHONE not in log.read_text()


async def test_a_time_taken_meanwhile_sends_back_to_choose_and_keeps_nothing_lost(backend: LiveBackend,
                                                                                    tmp_path: Path) -> None:
    app = kiosk(backend, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_booking(app, pilot)
        await pilot.press("2")
        await wait_for(app, pilot, "booking-days")
        await pilot.press("1")
        await wait_for(app, pilot, "booking-times")
        # Another kiosk books the first time of that day straight away.
        slot_id = int(app.screen.page.options[0][0])  # type: ignore[attr-defined]
        taken = httpx.post(f"{backend.url}/api/booking/appointments", json={
            "slot_id": slot_id, "name_kana": "ホカノ ヒト", "phone": "0311112222"},
            headers={"X-Kiosk-Key": backend.api_key, "Idempotency-Key": f"other-{slot_id}"}, timeout=5)
        assert taken.status_code == 201
        await pilot.press("1")
        await wait_for(app, pilot, "booking-notice")
        assert "Someone has just booked this time" in text_of(app) or "予約" in text_of(app)
        await pilot.press("1")
        await wait_for(app, pilot, "booking-days")
        await pilot.press("1")
        await wait_for(app, pilot, "booking-times")
        assert str(slot_id) not in [key for key, _label in app.screen.page.options]  # type: ignore[attr-defined]


async def test_a_hold_that_runs_out_is_renewed_and_the_entry_kept(backend: LiveBackend, tmp_path: Path) -> None:
    from accessibility.speech import RecordingSpeaker

    recorder = RecordingSpeaker()
    app = make_app(KioskSettings(backend_url=backend.url, api_key=backend.api_key, cache_dir=tmp_path / "kiosk"),
                   speaker_factory=lambda readings: recorder)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_booking(app, pilot)
        await choose_first_free_time(app, pilot)
        await enter_details(app, pilot)
        page = app.screen
        assert isinstance(page, BookingPage) and page.seconds_left() > 200
        # A minute before the end, the countdown is said aloud as well as shown.
        page.hold_until = time.monotonic() + 59
        await pilot.pause(1.3)
        said = [phrase.text for script in recorder.spoken for phrase in script]
        assert any("1分" in text or "59秒" in text or "58秒" in text for text in said), said
        page.hold_until = time.monotonic()  # the countdown reaches zero
        await wait_for(app, pilot, "booking-notice")
        await pilot.press("1")
        await wait_for(app, pilot, "booking-confirm")
        assert app.screen.seconds_left() > 200  # type: ignore[attr-defined]
        await pilot.press("1")
        await wait_for(app, pilot, "booking-slip")
        assert lookup(backend, reference_on(app)).status_code == 200


async def test_a_bad_phone_number_is_explained_and_the_time_stays_held(backend: LiveBackend, tmp_path: Path) -> None:
    app = kiosk(backend, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_booking(app, pilot)
        await choose_first_free_time(app, pilot)
        await wait_for(app, pilot, "booking-name")
        await pilot.press(*CANARY_NAME_KEYS)
        await wait_for(app, pilot, "booking-phone")
        await pilot.press(*"12345", "enter")
        await pilot.pause(0.3)
        assert app.screen.name == "booking-phone"
        assert "10 or 11 digits" in text_of(app) or "10" in text_of(app)
        await pilot.press("escape")
        await wait_for(app, pilot, "booking-name")
        assert app.screen.query_one("KanaBoard").value == CANARY_NAME  # type: ignore[attr-defined]


async def test_wrong_device_key_gets_the_phone_alternative(backend: LiveBackend, tmp_path: Path) -> None:
    app = kiosk(backend, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_booking(app, pilot)
        app.client.api_key = "mdg_000000000000_wrong"
        await pilot.press("2")
        await wait_for(app, pilot, "booking-notice")
        words = text_of(app)
        assert "000-0000-0001" in words  # the municipality's number from its override file


async def test_backend_lost_while_booking_is_retried_with_the_same_key(tmp_path: Path) -> None:
    data = tmp_path / "data"
    live = start_backend(data)
    app = kiosk(live, tmp_path)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await to_booking(app, pilot)
            await choose_first_free_time(app, pilot)
            await enter_details(app, pilot)
            stop_backend(live)
            await pilot.press("1")  # book while the backend is down
            await pilot.pause(1.0)
            live = start_backend(data, port=int(live.url.rsplit(":", 1)[1]), api_key=live.api_key)
            await wait_for(app, pilot, "booking-slip", timeout=20)
            reference = reference_on(app)
            assert lookup(live, reference).json()["status"] == "booked"
    finally:
        stop_backend(live)


async def test_the_day_pages_reach_past_two_weeks_to_what_the_backend_offers(backend: LiveBackend,
                                                                             tmp_path: Path) -> None:
    """The kiosk asks for the service's days up to its booking horizon (60 days by default), not a
    fixed two weeks; the sample slots run four weeks, so the last day page is weeks away."""
    app = kiosk(backend, tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await to_booking(app, pilot)
        await pilot.press("2")
        await wait_for(app, pilot, "booking-days")
        days: list[dt.date] = []
        for _ in range(12):
            screen = app.screen
            keys = [key for key, _label in screen.page.options]  # type: ignore[attr-defined]
            days += [dt.date.fromisoformat(key) for key in keys if key[:1].isdigit()]
            if "page-next" not in keys:
                break
            await pilot.press(str(keys.index("page-next") + 1))
            deadline = time.monotonic() + 10
            while app.screen is screen or (app.screen.name or app.screen.id) != "booking-days":
                assert time.monotonic() < deadline, text_of(app)
                await pilot.pause(0.05)
        assert days == sorted(set(days)) and max(days) - min(days) > dt.timedelta(days=14), days
