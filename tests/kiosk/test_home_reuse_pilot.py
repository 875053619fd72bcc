"""The home screen and the topic screens are composed once and shown again in later sessions, and
from the second session on the home screen shows at once from the release in memory, re-checked
with the backend once it is painted (issue 5: key press → next screen painted within 50 ms). A
reused screen must look and behave exactly like a new one, and a new release must still reach the
resident. The offline cases are in tests/kiosk/test_slice_pilot.py."""

from __future__ import annotations

import copy

import pytest

from kiosk.app import KioskApp
from kiosk.release_cache import CachedRelease
from kiosk.screens.home import HomeScreen
from kiosk.screens.topic import TopicScreen
from kiosk.screens.welcome import WelcomeScreen
from tests.conftest import LiveBackend
from tests.kiosk.test_slice_pilot import kiosk, screen_text, wait_for

pytestmark = pytest.mark.live


@pytest.fixture(autouse=True)
def japanese_again():  # type: ignore[no-untyped-def]
    yield
    from kiosk.i18n import use_language

    use_language("ja")


async def next_resident(pilot, app: KioskApp) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("full_stop")
    await wait_for(pilot, app, WelcomeScreen)
    await pilot.press("enter")
    await wait_for(pilot, app, HomeScreen)


async def test_home_and_topic_screens_are_reused_and_look_like_new_ones(live_backend: LiveBackend) -> None:
    app = kiosk(live_backend)
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        home, home_shot = app.screen, app.export_screenshot()
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        topic, topic_shot = app.screen, app.export_screenshot()
        # The first resident switches to plain Japanese, moves the focus and scrolls the page.
        await pilot.press("f2", "down", "down")
        await pilot.pause()
        topic.query_one(".page").scroll_end(animate=False)
        await pilot.pause()
        assert "マイナンバーカードの 手続き" in screen_text(app)
        await pilot.press("escape")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("down")
        await pilot.pause()

        await next_resident(pilot, app)  # the next one sees what a new screen shows
        assert app.screen is home and not app.offline
        assert app.focused is not None and app.focused.id == "choice-mynumber_card"
        assert app.export_screenshot() == home_shot
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        assert app.screen is topic and topic.page == 0
        assert app.focused is not None and app.focused.id == "choice-lost_card"
        assert app.screen.query_one(".page").scroll_y == 0
        assert "マイナンバーカードの手続き" in screen_text(app)
        assert app.export_screenshot() == topic_shot
        await pilot.press("escape")
        await wait_for(pilot, app, HomeScreen)
        assert app.screen is home and len(app.screen_stack) == 2


async def test_a_screen_made_in_another_language_is_not_reused(live_backend: LiveBackend) -> None:
    app = kiosk(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        japanese = app.screen
        await pilot.press("full_stop")
        await wait_for(pilot, app, WelcomeScreen)
        await pilot.press("2")  # English
        await wait_for(pilot, app, HomeScreen)
        assert app.screen is not japanese
        assert "What would you like to do?" in screen_text(app)
        await pilot.press("f6")  # and a language chosen on the home screen rebuilds it in place
        for _ in range(100):
            await pilot.pause(0.02)
            if app.screen.query("#language-choices"):
                break
        await pilot.press("1")  # 日本語
        await wait_for(pilot, app, HomeScreen)
        assert "What would you like to do?" not in screen_text(app)
        english = app.screen
        await next_resident(pilot, app)
        assert app.screen is english  # rebuilt in Japanese, so shown again


async def test_a_new_release_found_by_the_re_check_reaches_the_resident(live_backend: LiveBackend) -> None:
    app = kiosk(live_backend)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        home = app.screen
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        old_topic = app.screen
        assert app.releases.release is not None
        document = copy.deepcopy(app.releases.release.document)
        document["topics"][0]["title"]["standard"] = "マイナンバーカードの新しい手続き"
        newer = CachedRelease(app.releases.release.version + 1, "newer", document)
        checked: list[str | None] = []

        async def release(cached_checksum: str | None = None) -> CachedRelease | None:
            checked.append(cached_checksum)
            return None if cached_checksum == "newer" else newer

        app.client.release = release  # type: ignore[method-assign]
        await next_resident(pilot, app)
        assert app.screen is home
        for _ in range(100):  # shown at once from memory; the re-check follows and updates it
            if "新しい手続き" in screen_text(app):
                break
            await pilot.pause(0.02)
        assert len(checked) == 1 and checked[0] != "newer"  # re-checked with the release in memory
        assert app.releases.release is newer and app.catalogue is not None and app.catalogue.release == newer.version
        assert "1  マイナンバーカードの新しい手続き" in screen_text(app)
        assert app.focused is not None and app.focused.id == "choice-mynumber_card"
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        assert app.screen is not old_topic  # the topic's screen is made again from the new catalogue
        assert "マイナンバーカードの新しい手続き" in screen_text(app)

        await next_resident(pilot, app)  # the release in hand is current: nothing changes
        assert app.releases.release is newer and checked[-1] == "newer"
        assert "1  マイナンバーカードの新しい手続き" in screen_text(app)
