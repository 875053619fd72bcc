"""The remote counter (リモート窓口) booked from the kiosk through みほん市's own flow (issue #16), on a
resident's 80×24 terminal with keypad keys (KPEnter is a line feed), in Japanese and in Nepali: what
it cannot do (a PIN reset) is said before booking and on the slip, and the flow's PIN answer sends
the resident to the window instead. A real backend over loopback HTTP, the real app (Pilot)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import KioskApp, make_app
from kiosk.config import KioskSettings
from kiosk.screens.home import HomeScreen
from kiosk.screens.step import StepScreen
from kiosk.screens.topic import TopicScreen
from tests.conftest import LiveBackend, start_backend, stop_backend
from tests.kiosk.test_booking_pilot import enter_details, reference_on, text_of, wait_for, wait_until

pytestmark = [pytest.mark.live, pytest.mark.database]


@pytest.fixture(scope="module")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveBackend]:
    live = start_backend(tmp_path_factory.mktemp("remote-counter"))
    yield live
    stop_backend(live)


def kiosk(backend: LiveBackend, tmp_path: Path) -> KioskApp:
    return make_app(KioskSettings(backend_url=backend.url, api_key=backend.api_key, speech=False,
                                  cache_dir=tmp_path / "kiosk"))


async def to_the_flow(app: KioskApp, pilot, language_key: str = "") -> None:  # type: ignore[no-untyped-def]
    """Welcome → オンライン相談 → the city's own remote-counter flow, keypad keys only."""
    await pilot.press(language_key or "ctrl+j")  # a language's number, or KPEnter for Japanese
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    await pilot.press("2")
    await wait_until(pilot, lambda: isinstance(app.screen, TopicScreen))
    await pilot.press("2")  # after the child consultation: the city's own flow
    await wait_until(pilot, lambda: isinstance(app.screen, StepScreen) and app.screen.node.id == "what")


async def test_the_remote_counter_is_booked_from_the_citys_own_flow(backend: LiveBackend, tmp_path: Path) -> None:
    app = kiosk(backend, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_flow(app, pilot)
        assert "市の職員とビデオで話せます" in text_of(app)
        await pilot.press("1")  # a consultation on a procedure
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen) and app.screen.node.id == "book")
        assert "マイナンバーカードの裏は見せません" in text_of(app)
        await pilot.press("1")  # book: the city's one remote counter, so straight to its days
        await wait_for(app, pilot, "booking-days")
        day_page = text_of(app)
        assert "リモート窓口（サンプル）" in day_page and "オンライン診療" not in day_page, day_page
        assert "ここで できない こと：" in day_page and "暗証番号の 再設定" in day_page, day_page
        await pilot.press("1")
        await wait_for(app, pilot, "booking-times")
        await pilot.press("1")
        await enter_details(app, pilot)
        await pilot.press("1")  # book
        await wait_for(app, pilot, "booking-slip")
        slip = text_of(app)
        assert reference_on(app) and "ここで できない こと：" in slip and "リモート窓口（サンプル）" in slip


async def test_in_nepali_the_pin_answer_sends_to_the_window(backend: LiveBackend, tmp_path: Path) -> None:
    app = kiosk(backend, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_the_flow(app, pilot, language_key="7")  # नेपाली
        await pilot.press("2")  # forgot a PIN
        await wait_until(pilot, lambda: isinstance(app.screen, StepScreen) and app.screen.node.id == "outcome_pin")
        shown = text_of(app)
        assert "(暗証番号" in shown or "暗証番号)" in shown, shown  # the Japanese term kept beside the Nepali
        assert "みほん市役所" in shown  # the city's window, from its values
