"""A clerk in a real browser (headless Chromium) against a real `madoguchi serve`: sign in, change a
phone number, see the check refuse a bad one, fix it, preview, publish, see a kiosk pick the new
release up over HTTP, roll back."""

from __future__ import annotations

import asyncio
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.app import make_app
from kiosk.config import KioskSettings
from kiosk.screens.home import HomeScreen
from tests.conftest import MADOGUCHI, madoguchi_env, start_backend, stop_backend
from tests.workspace.browser import SHOTS, browser_page

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.live

PASSWORD = "kiosk-Workspace-2026"


def kiosk_phone(url: str, key: str) -> str:
    """The office phone a kiosk shows after a resident starts a session: the real kiosk app (Pilot)
    fetching its release from the backend over HTTP."""

    async def look() -> str:
        app = make_app(KioskSettings(backend_url=url, api_key=key, speech=False))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            for _tick in range(200):
                if app.catalogue is not None and isinstance(app.screen, HomeScreen):
                    break
                await pilot.pause(0.05)
            assert app.catalogue is not None, "the kiosk got no release"
            return app.catalogue.municipality.counter.phone

    # Playwright's sync API runs its own event loop on this thread: the kiosk gets a thread.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, look()).result(timeout=60)


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_clerk_changes_a_phone_number_publishes_and_rolls_back(tmp_path: Path, content_copy: Path) -> None:
    data = tmp_path / "data"
    backend = start_backend(data, content_dir=content_copy)
    env = madoguchi_env(data, MADOGUCHI_CONTENT_DIR=str(content_copy), MADOGUCHI_STAFF_PASSWORD=PASSWORD)
    subprocess.run([*MADOGUCHI, "staff", "add", "--municipality", "demo", "--username", "clerk"], env=env,
                   check=True, capture_output=True, timeout=120)
    original = kiosk_phone(backend.url, backend.api_key)
    try:
        with browser_page() as page:
            page.goto(f"{backend.url}/staff/")
            assert "/staff/login/" in page.url
            page.fill("#id_username", "clerk")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("text=みほん市 の 案内")
            shot(page, "1-home")

            page.click("text=窓口の情報")
            page.fill("#value-office_phone", "でんわ")
            page.click("text=下書きを 保存する")
            assert "電話番号の形ではありません" in page.inner_text("#problem-office_phone")
            assert page.get_attribute("#value-office_phone", "aria-invalid") == "true"
            shot(page, "2-values-refused")
            page.goto(f"{backend.url}/staff/publish/")
            assert page.query_selector("#publish") is None
            assert kiosk_phone(backend.url, backend.api_key) == original  # a draft touches no kiosk

            page.goto(f"{backend.url}/staff/values/")
            page.fill("#value-office_phone", "０００ー１２３４ー５６７８（サンプルの番号です）")
            page.click("text=下書きを 保存する")
            page.wait_for_selector("#saved")
            assert page.query_selector("#problems") is None
            page.click("a:has-text('画面で 見る') >> nth=0")
            page.wait_for_selector("text=画面の 確認")
            assert page.query_selector("ruby") is not None
            shot(page, "3-preview")

            page.goto(f"{backend.url}/staff/publish/")
            assert "000-1234-5678" in page.inner_text("main")
            shot(page, "4-publish")
            page.click("#publish")
            page.wait_for_selector("#published")
            assert kiosk_phone(backend.url, backend.api_key) == "000-1234-5678（サンプルの番号です）"

            page.goto(f"{backend.url}/staff/releases/")
            shot(page, "5-releases")
            page.click("#rollback-1")
            page.wait_for_selector("#rolled-back")
            assert kiosk_phone(backend.url, backend.api_key) == original

            page.goto(f"{backend.url}/staff/audit/")
            trail = page.inner_text("main")
            assert "clerk" in trail and "リリース 2 を公開" in trail and "リリース 1 に 戻しました" in trail
            shot(page, "6-audit")
    finally:
        stop_backend(backend)
