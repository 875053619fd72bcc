"""The demo warning on top of every screen (issue 12): whole at any width, never an English stub."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from kiosk.i18n import use_language
from kiosk.widgets.sample_banner import SampleBanner

JAPANESE = "デモ：架空の 市町村です。連絡先は サンプルです。"
ENGLISH = "DEMO: a fictional municipality. Its contact details are sample data."


class BannerApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SampleBanner()


@pytest.fixture(autouse=True)
def japanese() -> None:
    use_language("ja")


@pytest.mark.parametrize(("width", "shown"), [
    (80, JAPANESE),  # the English does not fit beside it: left out, not cut to "DEMO: a fictional…"
    (140, f"{JAPANESE} / {ENGLISH}"),
])
async def test_the_banner_says_it_whole_in_the_residents_language(width: int, shown: str) -> None:
    app = BannerApp()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        assert str(app.query_one(SampleBanner).render()) == shown


async def test_the_banner_follows_a_resize() -> None:
    app = BannerApp()
    async with app.run_test(size=(140, 10)) as pilot:
        await pilot.resize_terminal(80, 10)
        await pilot.pause()
        assert "…" not in str(app.query_one(SampleBanner).render())
