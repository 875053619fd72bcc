"""Issue 5 behaviours at the kiosk, against a real backend: settings that apply at once, language
at any time, keypad-only operation, and the inactivity warning that can be extended."""

from __future__ import annotations

import asyncio

import pytest

from accessibility.speech import RecordingSpeaker
from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.i18n import use_language
from kiosk.screens.booking import BookingPage
from kiosk.screens.home import HomeScreen
from kiosk.screens.settings import SettingsScreen
from kiosk.screens.step import StepScreen
from kiosk.screens.timeout import TimeoutScreen
from kiosk.screens.topic import TopicScreen
from kiosk.screens.welcome import WelcomeScreen
from kiosk.themes import DEFAULT, HIGH_CONTRAST
from tests.conftest import LiveBackend
from tests.kiosk.test_slice_pilot import screen_text, wait_for

pytestmark = pytest.mark.live


@pytest.fixture(autouse=True)
def japanese_again():  # type: ignore[no-untyped-def]
    yield
    use_language("ja")


def app_for(backend: LiveBackend, **settings: object) -> KioskApp:
    return make_app(KioskSettings(backend_url=backend.url, api_key=backend.api_key, **settings),  # type: ignore[arg-type]
                    speaker_factory=lambda readings: RecordingSpeaker())


async def wait_screen(pilot, app: KioskApp, kind: type) -> None:  # type: ignore[no-untyped-def]
    """Until ``kind`` is on top and has composed: a screen pushed a moment ago is on the stack before
    its widgets are mounted (CI read an empty TimeoutScreen once)."""
    for _ in range(200):
        await pilot.pause(0.02)
        if isinstance(app.screen, kind) and app.screen.is_mounted and app.screen.query("Static"):
            await pilot.pause(0.02)
            return
    raise AssertionError(f"expected {kind.__name__}, got {app.screen!r}")


async def test_settings_apply_at_once_and_keep_progress(live_backend: LiveBackend) -> None:
    app = app_for(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1", "1")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        await pilot.press("0")  # keypad: settings
        await wait_screen(pilot, app, SettingsScreen)
        await pilot.press("3")  # furigana on
        await pilot.press("4")  # high contrast on
        await pilot.pause()
        assert app.session.furigana and app.theme == HIGH_CONTRAST
        assert "ふりがな（漢字の 読み方）：オン" in screen_text(app)
        await pilot.press("8")  # close
        await wait_for(pilot, app, StepScreen, "suspend_card")
        title = str(app.screen.query_one("#step-title").render())
        assert "でんわ" in title and "いちじていし" in title  # readings above 電話 and 一時停止 (dictionary)
        assert app.session.trail == ("suspend_card",)
        await pilot.press("full_stop")  # keypad: finish → everything back to the defaults
        await wait_for(pilot, app, WelcomeScreen)
        assert app.theme == DEFAULT and not app.session.furigana


async def test_furigana_is_over_the_home_topic_and_settings_words_too(live_backend: LiveBackend) -> None:
    """Every screen with furigana, not the steps alone: home, topic and settings titles were
    Statics without readings. Switched on from the home screen, they show at once."""
    app = app_for(live_backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("0")
        await wait_screen(pilot, app, SettingsScreen)
        await pilot.press("3")  # furigana on
        await pilot.pause(0.2)
        assert "せってい" in screen_text(app)  # over 設定, the settings' own title
        await pilot.press("8")
        await wait_for(pilot, app, HomeScreen)
        await pilot.pause(0.2)
        assert "なに" in screen_text(app)  # over 何を しますか
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        await pilot.pause(0.2)
        assert "てつづ" in screen_text(app)  # over マイナンバーカードの 手続き


async def test_language_at_the_welcome_and_mid_flow(live_backend: LiveBackend) -> None:
    app = app_for(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, app, WelcomeScreen)
        assert "English" in screen_text(app) and "한국어" in screen_text(app) and "नेपाली" in screen_text(app)
        await pilot.press("2")  # English, by its number
        await wait_for(pilot, app, HomeScreen)
        assert app.session.language == "en" and "What would you like to do?" in screen_text(app)
        await pilot.press("1", "1", "enter")
        await wait_for(pilot, app, StepScreen, "where_lost")
        assert "Where did you lose the card?" in screen_text(app)
        await pilot.press("f6")
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen.query("#language-choices"):
                break
        await pilot.press("1")  # back to Japanese, mid-flow
        await wait_for(pilot, app, StepScreen, "where_lost")
        await pilot.pause()
        assert "カードをどこで紛失しましたか" in screen_text(app)
        assert app.session.trail == ("suspend_card", "where_lost")


async def test_keypad_alone(live_backend: LiveBackend) -> None:
    recorder = RecordingSpeaker()
    app = make_app(KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key),
                   speaker_factory=lambda readings: recorder)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        await pilot.press("minus")  # back
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1", "1")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        for _ in range(100):
            await pilot.pause(0.02)
            if app.speaker is not None:
                break
        await pilot.press("slash")  # read aloud
        assert recorder.spoken
        await pilot.press("asterisk")  # help: why do you need a volunteer?
        await wait_screen(pilot, app, BookingPage)
        assert app.screen.name == "help-reason"
        await pilot.press("minus")  # back, without calling anyone
        await wait_for(pilot, app, StepScreen, "suspend_card")
        await pilot.press("enter", "3", "enter", "enter")  # next, "I don't know", next, next
        await wait_for(pilot, app, StepScreen, "outcome_outside")


async def test_a_site_can_remap_keys_by_binding_id(live_backend: LiveBackend) -> None:
    app = app_for(live_backend, keymap={"back": "plus"})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        await pilot.press("plus")
        await wait_for(pilot, app, HomeScreen)


async def test_inactivity_warns_can_be_extended_ten_times_then_wipes(live_backend: LiveBackend) -> None:
    app = app_for(live_backend, idle_seconds=3, warning_seconds=2)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1", "1")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        for _extension in range(10):
            await wait_screen(pilot, app, TimeoutScreen)
            assert "Are you still there?" in screen_text(app) or "まだ 使って いますか" in screen_text(app)
            await pilot.press("space")  # one key extends
            await wait_for(pilot, app, StepScreen, "suspend_card")
        assert app.session.trail == ("suspend_card",)  # ten extensions, nothing lost
        await wait_screen(pilot, app, TimeoutScreen)
        await asyncio.sleep(2.5)  # nobody answers
        await wait_for(pilot, app, WelcomeScreen)
        assert app.session.trail == () and app.flow is None


async def test_the_idle_check_ticking_once_more_while_the_kiosk_closes_raises_nothing(
        live_backend: LiveBackend) -> None:
    """The one-second idle timer can fire after Textual has emptied the screen stack on exit
    (seen in CI on PostgreSQL): it must not raise, or the kiosk ends on a traceback."""
    app = app_for(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
    assert not app.screen_stack
    app._check_idle()  # the tick that raced the shutdown


async def test_every_flow_of_a_long_topic_is_reachable_by_keypad(live_backend: LiveBackend) -> None:
    app = app_for(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        flows = [f.id for f in app.screen.topic.flows]
        reached = []
        while True:
            keys = [b.id.removeprefix("choice-") for b in app.screen.query("Choices Button")]
            reached += [key for key in keys if not key.startswith("page-")]
            if "page-next" not in keys:
                break
            await pilot.press(str(keys.index("page-next") + 1))  # "next page" by its number
            await pilot.pause()
        assert reached == flows and len(flows) > 9
        if "page-previous" in keys:
            await pilot.press(str(keys.index("page-previous") + 1))
            await pilot.pause()
            assert [b.id for b in app.screen.query("Choices Button")][0] != f"choice-{flows[-1]}"
