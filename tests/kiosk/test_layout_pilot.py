"""The layout rule (kiosk/screens/layout.py) as residents meet it, issue 12: at 80×24 and 100×32,
every option of every screen is on screen without scrolling, and text that does not fit above
the options is reached from the keypad through an announced "more text" option.

Each case here was seen broken before the rule: the outcome's third option below the fold at
100×32 and no option at all in plain Japanese with furigana, the topic page's "next page", the
settings after item 5, the language list mid-booking after 5, the kana board's お row and bottom
row, and digits that stopped working once arrows had moved the focus.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from accessibility.speech import RecordingSpeaker
from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.i18n import use_language
from kiosk.screens.booking import BookingPage
from kiosk.screens.home import HomeScreen
from kiosk.screens.layout import TextPane
from kiosk.screens.script import screen_script
from kiosk.screens.settings import LanguageScreen, SettingsScreen
from kiosk.screens.step import StepScreen
from kiosk.screens.topic import TopicScreen
from kiosk.state import toggle_register
from kiosk.widgets.choices import Choices, choose_density, rows_needed
from tests.conftest import LiveBackend
from tests.kiosk.conformance import fully_visible
from tests.kiosk.test_booking_pilot import choose_first_free_time, to_booking
from tests.kiosk.test_booking_pilot import wait_for as wait_for_page
from tests.kiosk.test_slice_pilot import wait_for

pytestmark = pytest.mark.live

SIZES = [(80, 24), (100, 32)]
LOST_AT_HOME_OUTCOME = ("1", "1", "1", "2", "1", "1")
"""Topic 1, lost card, next, at home, next, next: the outcome with three options."""


@pytest.fixture(autouse=True)
def japanese_again():  # type: ignore[no-untyped-def]
    yield
    use_language("ja")


def app_for(backend: LiveBackend, tmp_path: Path | None = None) -> KioskApp:
    return make_app(KioskSettings(backend_url=backend.url, api_key=backend.api_key,
                                  cache_dir=tmp_path / "kiosk" if tmp_path else None),
                    speaker_factory=lambda readings: RecordingSpeaker())


def rendered_lines(app: KioskApp) -> list[str]:
    """The screen as the terminal shows it, line by line."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def assert_options_visible(app: KioskApp) -> Choices:
    choices = app.screen.query("Choices.pinned").first(Choices)
    hidden = [str(b.label) for b in choices.buttons if not fully_visible(b)]
    assert not hidden, f"options off screen on {type(app.screen).__name__}: {hidden}\n" + "\n".join(rendered_lines(app))
    screen_text = "\n".join(rendered_lines(app))
    for number, _button in enumerate(choices.buttons, start=1):
        assert f" {number}  " in screen_text, f"option {number} not drawn:\n{screen_text}"
    return choices


async def settle(pilot, seconds: float = 0.15) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(seconds)
    await pilot.pause()


async def test_density_is_the_roomiest_that_fits() -> None:
    labels = ["1  short", "2  short", "3  short"]
    assert rows_needed(labels, 60, "tall") == 3 * 3 + 2
    assert choose_density(labels, 60, 11) == "tall"
    assert choose_density(labels, 60, 10) == "compact"
    assert choose_density(labels * 3, 60, 8) == "dense"
    assert rows_needed(["1  " + "word " * 40], 40, "compact") == 2  # two lines at most, then "…"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", ["standard", "plain+furigana"])
async def test_outcome_shows_every_option_and_pages_its_text(live_backend: LiveBackend, size: tuple[int, int],
                                                             mode: str) -> None:
    app = app_for(live_backend)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        if mode == "plain+furigana":
            app.session = replace(toggle_register(app.session), furigana=True)
        for key in LOST_AT_HOME_OUTCOME:
            await pilot.press(key)
            await settle(pilot, 0.1)
        await wait_for(pilot, app, StepScreen, "outcome_home")
        await settle(pilot)
        choices = assert_options_visible(app)
        assert len(choices.buttons) == 3
        pane = app.screen.query_one(TextPane)
        if pane.max_scroll_y > 0:
            more = app.screen.query_one("#choice-more")
            assert fully_visible(more) and "4  ▼" in str(more.label)
            assert any("4" in phrase for phrase in screen_script(app.screen)[-2:-1]), screen_script(app.screen)
            for _ in range(20):  # the keypad pages through the text, then back to its top
                if pane.scroll_y >= pane.max_scroll_y:
                    break
                before = pane.scroll_y
                await pilot.press("4")
                await settle(pilot, 0.05)
                assert pane.scroll_y > before
            assert "▲" in str(more.label)
            await pilot.press("4")
            await settle(pilot, 0.05)
            assert pane.scroll_y == 0 and "▼" in str(more.label)
        else:
            assert not app.screen.query("#choice-more") or not app.screen.query_one("#choice-more").display


@pytest.mark.parametrize("size", SIZES)
async def test_topic_page_settings_and_languages_fit(live_backend: LiveBackend, size: tuple[int, int]) -> None:
    app = app_for(live_backend)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        assert_options_visible(app)
        await pilot.press("1")
        await wait_for(pilot, app, TopicScreen)
        choices = assert_options_visible(app)
        assert str(choices.buttons[-1].label).startswith("8  ")  # the next page
        await pilot.press("0")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, SettingsScreen)
        assert len(assert_options_visible(app).buttons) == 8
        app.action_language()
        await settle(pilot, 0.3)
        assert isinstance(app.screen, LanguageScreen)
        assert len(assert_options_visible(app).buttons) == 9


@pytest.mark.parametrize("size", SIZES)
async def test_language_list_and_kana_board_fit_mid_booking(live_backend: LiveBackend, tmp_path: Path,
                                                            size: tuple[int, int]) -> None:
    app = app_for(live_backend, tmp_path)
    async with app.run_test(size=size) as pilot:
        await to_booking(app, pilot)
        await choose_first_free_time(app, pilot)
        await wait_for_page(app, pilot, "booking-name")
        await settle(pilot, 0.3)
        assert isinstance(app.screen, BookingPage)
        keys = list(app.screen.query("#kana-keys > Button"))
        assert len(keys) == 47 + 6  # 47 kana (with ー), ゛ ゜ 小 space ⌫ ✓
        off = [str(key.label) for key in keys if not fully_visible(key)]
        assert not off, f"kana keys off screen: {off}\n" + "\n".join(rendered_lines(app))
        app.action_language()
        await settle(pilot, 0.3)
        assert isinstance(app.screen, LanguageScreen)
        assert len(assert_options_visible(app).buttons) == 9


async def test_digits_work_after_arrows_moved_the_focus(live_backend: LiveBackend) -> None:
    app = app_for(live_backend)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        await pilot.press("1", "1")
        await wait_for(pilot, app, StepScreen, "suspend_card")
        await pilot.press(*["down"] * 5, *["up"] * 9, "tab", "tab")
        await settle(pilot)
        assert app.focused is None or isinstance(app.focused.parent, Choices) or app.focused.parent is None
        await pilot.press("1")
        await wait_for(pilot, app, StepScreen, "where_lost")
        await pilot.press("down", "down", "down", "down")
        app.screen.set_focus(None)  # even with no focus at all, a digit chooses
        await pilot.press("2")
        await wait_for(pilot, app, StepScreen, "lost_at_home")


async def test_a_label_too_long_for_its_lines_ends_in_an_ellipsis_and_is_read_whole() -> None:
    from textual.app import App

    long = "とても 長い 選択肢の ことば " * 12

    class OneScreen(App[None]):
        def compose(self):  # type: ignore[no-untyped-def]
            yield Choices([("a", "short"), ("b", long)], id="c")

    app = OneScreen()
    async with app.run_test(size=(60, 20)) as pilot:
        choices = app.query_one(Choices)
        choices.fit(20, 56)
        await pilot.pause()
        shown = str(choices.buttons[1].label)
        assert shown.endswith("…") and len(shown) < len(long)
        assert choices.labels[1] == f"2  {long}"  # what reading aloud says
        choices.relabel(["short", long + "!"])  # new words are cut again, to the same rows
        assert str(choices.buttons[1].label).endswith("…")


@pytest.mark.parametrize("size", SIZES)
async def test_every_language_is_on_the_welcome_screen(live_backend: LiveBackend, size: tuple[int, int]) -> None:
    from kiosk.screens.welcome import WelcomeScreen

    app = app_for(live_backend)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, app, WelcomeScreen)
        await settle(pilot, 0.3)
        buttons = list(app.screen.query("#welcome-languages > Button"))
        assert len(buttons) == 9
        off = [str(b.label) for b in buttons if not fully_visible(b)]
        assert not off, f"languages off screen: {off}\n" + "\n".join(rendered_lines(app))


@pytest.mark.parametrize("language", ["ne", "vi", "pt_BR"])
async def test_no_line_is_wider_than_the_terminal_draws_it(live_backend: LiveBackend, language: str) -> None:
    """Measured as the terminal measures (Devanagari spacing marks take a cell): before kiosk.cells,
    Nepali banners, text and the key bar ran past column 80 and were cut."""
    from accessibility.furigana import cell_width

    app = make_app(KioskSettings(backend_url=live_backend.url, api_key=live_backend.api_key, language=language),
                   speaker_factory=lambda readings: RecordingSpeaker())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, app, HomeScreen)
        for keys, node in ((("1", "1"), "suspend_card"), (("enter",), "where_lost")):
            await pilot.press(*keys)
            await wait_for(pilot, app, StepScreen, node)
            await settle(pilot)
            wide = [line for line in rendered_lines(app) if cell_width(line) > 80]
            assert not wide, f"{language} {node}: lines wider than 80 cells:\n" + "\n".join(wide)
