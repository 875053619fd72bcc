"""The foundation slice, driven like a resident would, against a real backend over HTTP."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.screens.home import HomeScreen
from kiosk.screens.offline import OfflineScreen
from kiosk.screens.step import StepScreen
from kiosk.screens.topic import TopicScreen
from kiosk.screens.welcome import WelcomeScreen
from tests.conftest import LiveBackend, start_backend, stop_backend

pytestmark = pytest.mark.live


def screen_text(app: KioskApp) -> str:
    """Everything the resident can read on the current screen: texts and button labels."""
    parts = [str(w.label) if isinstance(w, Button) else str(w.render()) for w in app.screen.query("Static, Button")]
    return "\n".join(parts)


def kiosk(backend: LiveBackend, **overrides: object) -> KioskApp:
    settings = KioskSettings(backend_url=backend.url, api_key=backend.api_key, retry_seconds=1, speech=False)
    return make_app(settings, **overrides)  # type: ignore[arg-type]


async def wait_for(pilot, app: KioskApp, screen_type: type, step: str | None = None) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        await pilot.pause(0.02)
        if isinstance(app.screen, screen_type) and (step is None or app.screen.node.id == step):
            await pilot.pause(0.05)  # let the new screen finish composing and mounting
            return
    raise AssertionError(f"expected {screen_type.__name__} {step or ''}, got {app.screen!r}")


async def test_lost_card_outside_with_number_keys(live_backend: LiveBackend) -> None:
    app = kiosk(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, app, WelcomeScreen)
        await pilot.press("space")
        await wait_for(pilot, app, HomeScreen)
        assert "みほん市" in screen_text(app)
        assert "マイナンバーカードの手続き" in screen_text(app)
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        await pilot.press("1")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        text = screen_text(app)
        assert "0120-95-0178" in text and "24時間365日" in text
        assert "kojinbango-card.go.jp" not in text  # titles are shown, not raw URLs…
        assert "確認" in text  # …with the checked-on date
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "where_lost")
        await pilot.press("1")
        await wait_for(pilot, app, StepScreen, "police_report")
        assert "受理番号" in screen_text(app)
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "reissue")
        assert "1,000円" in screen_text(app) and "あと 最大 1 画面" in screen_text(app)
        await pilot.press("enter")  # the route depends on the earlier answer (predicate lost_outside_home)
        await wait_for(pilot, app, StepScreen, "outcome_outside")
        text = screen_text(app)
        assert "これからすること" in text
        assert "みほん市役所（サンプル）" in text  # the municipality's own office, from its override file
        assert "1,000円" in text
        assert app.session.answers == {"where_lost": "outside"}
        assert app.screen.query_one("VerticalScroll").scroll_y == 0  # the page opens at its title
        await pilot.press("2")  # finish: the session is wiped
        await wait_for(pilot, app, WelcomeScreen)
        assert app.session.answers == {} and app.session.trail == ()
        assert app.flow is None


async def test_arrows_enter_and_back_keep_the_earlier_answer(live_backend: LiveBackend) -> None:
    app = kiosk(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("enter")  # the first option has the focus
        await wait_for(pilot, app, TopicScreen)
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "where_lost")
        await pilot.press("down", "enter")  # second option: lost at home
        await wait_for(pilot, app, StepScreen, "lost_at_home")
        await pilot.press("escape")
        await wait_for(pilot, app, StepScreen, "where_lost")
        assert app.screen.query_one("#choice-home").has_class("-selected")
        assert app.focused is not None and app.focused.id == "choice-home"
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "lost_at_home")
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "reissue")
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "outcome_home")
        assert "警察" not in "".join(app.screen.node.words("standard").steps)


async def test_mouse_and_plain_japanese(live_backend: LiveBackend) -> None:
    app = kiosk(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.click("#welcome-prompt")
        await wait_for(pilot, app, HomeScreen)
        await pilot.click("#choice-mynumber_card")
        await wait_for(pilot, app, TopicScreen)
        await pilot.click("#choice-lost_card")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        assert "一時停止を申し込んで" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert "はじめに 電話で カードを 止めて ください" in screen_text(app)
        assert app.session.trail == ("suspend_card",)  # progress kept
        await pilot.click("#choice-next")
        await wait_for(pilot, app, StepScreen, "where_lost")
        assert "家の 中で なくした" in screen_text(app)


async def test_telemedicine_hands_off_to_the_booking_wizard(live_backend: LiveBackend) -> None:
    """Booking at the kiosk comes with issue 7; until then the hand-off says how to book instead."""
    app = kiosk(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("3")
        await wait_for(pilot, app, TopicScreen)
        assert "オンライン診療" in screen_text(app)
        await pilot.press("1")
        for _ in range(200):
            await pilot.pause(0.02)
            if isinstance(app.screen, StepScreen):
                break
        # walk: not an emergency, a regular doctor, at home, then the hand-off to booking
        for _ in range(12):
            screen = app.screen
            if isinstance(screen, StepScreen) and screen.node.kind == "handoff":
                break
            if isinstance(screen, StepScreen) and screen.node.kind == "question":
                keys = [o.key for o in screen.node.options]
                choice = next((k for k in ("no", "regular", "home") if k in keys), keys[0])
                await pilot.press(str(keys.index(choice) + 1))
            else:
                await pilot.press("enter")
            await pilot.pause(0.1)
        assert isinstance(app.screen, StepScreen) and app.screen.node.handoff == "booking"
        await pilot.press("1")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.name == "booking-service":
                break
        # The booking wizard opens with the telemedicine services (tests/kiosk/test_booking_pilot.py
        # walks it to the slip).
        assert app.screen.name == "booking-service" and "オンライン診療（サンプル）" in screen_text(app)


async def test_unreachable_backend_shows_offline_screen_then_recovers(live_backend: LiveBackend) -> None:
    from tests.conftest import free_port

    app = kiosk(live_backend)
    real_url = app.client.base_url
    app.client.base_url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, OfflineScreen)
        text = screen_text(app)
        assert "つながりません" in text and "The service is not available right now" in text
        assert "Traceback" not in text
        await pilot.press("escape")  # cannot be dismissed by hand; it retries by itself
        assert isinstance(app.screen, OfflineScreen)
        app.client.base_url = real_url  # the backend comes back
        await wait_for(pilot, app, HomeScreen)


async def test_backend_lost_mid_session_guidance_goes_on_from_the_cached_release(tmp_path) -> None:  # type: ignore[no-untyped-def]
    backend = start_backend(tmp_path / "data")
    settings = KioskSettings(backend_url=backend.url, api_key=backend.api_key, retry_seconds=1,
                             cache_dir=tmp_path / "kiosk-cache")
    app = make_app(settings)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("enter")
            await wait_for(pilot, app, HomeScreen)
            assert not app.offline and (tmp_path / "kiosk-cache" / "release.json").exists()
            await pilot.press("1")
            await wait_for(pilot, app, TopicScreen)
            stop_backend(backend)  # the server goes away while the resident reads
            await pilot.press("1")
            await wait_for(pilot, app, StepScreen, "suspend_card")  # the flow still opens
            await pilot.press("f10")  # next resident
            await wait_for(pilot, app, WelcomeScreen)
            await pilot.press("enter")
            await wait_for(pilot, app, HomeScreen)
            assert app.offline
            text = screen_text(app)
            assert "保存した 案内" in text and "000-0000-0000" in text  # says so, and where else to ask
            port = int(backend.url.rsplit(":", 1)[1])
            backend = start_backend(tmp_path / "data", port=port, api_key=backend.api_key)
            await pilot.press("f10", "enter")
            await wait_for(pilot, app, HomeScreen)
            assert not app.offline and "保存した 案内" not in screen_text(app)
    finally:
        stop_backend(backend)


async def test_damaged_cache_is_never_shown(live_backend: LiveBackend, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kiosk.release_cache import ReleaseCache

    cache_dir = tmp_path / "cache"
    app = make_app(KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key, cache_dir=cache_dir))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
    path = cache_dir / "release.json"
    path.write_text(path.read_text(encoding="utf-8").replace("0120-95-0178", "0120-00-0000"), encoding="utf-8")
    assert ReleaseCache(cache_dir).load() is None  # checksum no longer matches: ignored


async def test_english_interface_and_guidance(live_backend: LiveBackend) -> None:
    settings = KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key, language="en")
    app = make_app(settings)
    try:
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.press("enter")
            await wait_for(pilot, app, HomeScreen)
            assert "What would you like to do?" in screen_text(app)
            assert "My Number Card procedures (マイナンバーカード)" in screen_text(app)
            await pilot.press("1")
            await wait_for(pilot, app, TopicScreen)
            await pilot.press("1")
            await wait_for(pilot, app, StepScreen, "suspend_card")
            text = screen_text(app)
            assert "First, phone to suspend the card" in text and "0120-95-0178" in text
            assert "not translated yet" not in text
    finally:
        from kiosk.i18n import use_language

        use_language("ja")


async def test_answer_summary_changes_an_earlier_answer(live_backend: LiveBackend) -> None:
    from kiosk.screens.summary import SummaryScreen

    app = kiosk(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        await pilot.press("1")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "where_lost")
        await pilot.press("1")
        await wait_for(pilot, app, StepScreen, "police_report")
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "reissue")
        await pilot.press("f4")
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, SummaryScreen):
                break
        assert "カードをどこで紛失しましたか — 外出先で紛失した、または盗まれた" in screen_text(app)
        await pilot.press("1")
        await wait_for(pilot, app, StepScreen, "where_lost")
        assert app.session.trail == ("suspend_card", "where_lost")
        assert app.focused is not None and app.focused.id == "choice-outside"  # the earlier answer, pre-selected
        await pilot.press("2")
        await wait_for(pilot, app, StepScreen, "lost_at_home")
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "reissue")
        await pilot.press("enter")
        await wait_for(pilot, app, StepScreen, "outcome_home")
        assert len(app.screen_stack) == 3 + 5  # welcome, home, topic + one screen per step: nothing left over
