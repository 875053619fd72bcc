"""A clerk in a real browser (headless Chromium) against a real `madoguchi serve`: sign in, change a
phone number, see the check refuse a bad one, fix it, preview, publish, see a kiosk pick the new
release up over HTTP, roll back."""

from __future__ import annotations

import asyncio
import datetime as dt
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from backend.booking.calendar import JAPAN
from kiosk.app import make_app
from kiosk.client import GuidanceClient
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


def kiosk_plain_title(url: str, key: str, flow_id: str, node_id: str) -> str:
    """A step's plain-Japanese title in the release a kiosk fetches now (its client, over HTTP)."""

    async def fetch() -> str:
        client = GuidanceClient(url, key)
        try:
            release = await client.release()
        finally:
            await client.aclose()
        assert release is not None
        return str(release.document["flows"][flow_id]["nodes"][node_id]["text"]["plain"]["title"])

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, fetch()).result(timeout=30)


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

            # A step in the municipality's own words: checked, saved, published, fetched by a kiosk.
            page.click("header >> text=案内の画面")
            page.click("a[href='/staff/guidance/lost_card/suspend_card/']")
            page.fill("#plain-title", "まず 電話で カードを 止めて ください（みほん市）")
            page.click("#step-check")
            page.wait_for_selector("#step-checked")
            assert "（みほん市）" in page.inner_text("main")  # the preview shows the words being typed
            page.click("#step-save")
            page.wait_for_selector("#step-saved")
            shot(page, "5b-step")
            page.goto(f"{backend.url}/staff/publish/")
            assert "suspend_card" in page.inner_text("#step-changes")
            page.click("#publish")
            page.wait_for_selector("#published")
            assert "（みほん市）" in kiosk_plain_title(backend.url, backend.api_key, "lost_card", "suspend_card")

            page.goto(f"{backend.url}/staff/audit/")
            trail = page.inner_text("main")
            assert "clerk" in trail and "リリース 2 を公開" in trail and "リリース 1 に 戻しました" in trail
            assert "リリース 3 を公開" in trail
            shot(page, "6-audit")
    finally:
        stop_backend(backend)


def kiosk_books(url: str, key: str, service: str, start: dt.datetime) -> str:
    """A kiosk (its own client, over HTTP) holds the slot at ``start`` and books it; the reference."""

    async def book() -> str:
        client = GuidanceClient(url, key)
        try:
            slots = await client.slots(service, start.date().isoformat())
            slot = next(s for s in slots if dt.datetime.fromisoformat(s["start"]) == start)
            hold = await client.hold(int(slot["id"]))
            booked = await client.book(hold=str(hold["token"]), name_kana="ヤマダ ハナコ", phone="090-1234-5678",
                                       idempotency_key="browser-test")
        finally:
            await client.aclose()
        return str(booked["reference"])

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, book()).result(timeout=30)


def test_a_clerk_makes_a_schedule_a_kiosk_books_it_and_the_clerk_marks_arrival(tmp_path: Path) -> None:
    data = tmp_path / "data"
    backend = start_backend(data)
    env = madoguchi_env(data, MADOGUCHI_STAFF_PASSWORD=PASSWORD)
    subprocess.run([*MADOGUCHI, "staff", "add", "--municipality", "demo", "--username", "clerk"], env=env,
                   check=True, capture_output=True, timeout=120)
    # Later today, at a minute the sample slots never use.
    moment = (dt.datetime.now(JAPAN) + dt.timedelta(minutes=10)).replace(second=0, microsecond=0)
    moment = moment.replace(minute=moment.minute // 10 * 10 + 7 if moment.minute % 10 != 7 else moment.minute)
    try:
        with browser_page() as page:
            page.goto(f"{backend.url}/staff/login/")
            page.fill("#id_username", "clerk")
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("text=みほん市 の 案内")
            page.click("header >> text=予約")
            page.click("tr:has-text('オンライン診療') >> text=枠を 作る")
            page.fill("#starts_on", moment.date().isoformat())
            page.fill("#ends_on", moment.date().isoformat())
            page.check(f"#weekday-{moment.weekday()}")
            page.fill("#times", moment.strftime("%H:%M"))
            page.fill("#capacity", "2")
            page.check("#holidays")
            page.click("#make-schedule")
            assert "1枠を 作りました" in page.inner_text("#schedule-result")
            shot(page, "7-schedule")
            service = page.url.split("/bookings/")[1].split("/")[0]

            reference = kiosk_books(backend.url, backend.api_key, service, moment)

            page.goto(f"{backend.url}/staff/bookings/{service}/{moment.date().isoformat()}/")
            assert reference in page.inner_text("main")
            page.check(f"#pick-{reference}")
            page.click("#mark-arrived")
            page.wait_for_selector("#done")
            assert page.inner_text(f"#status-{reference}") == "来所"
            shot(page, "8-day")
            page.goto(f"{backend.url}/staff/bookings/{service}/month/{moment.year}/{moment.month}/")
            assert "令和" in page.inner_text("h1")
            shot(page, "9-month")

            page.click("header >> text=利用の数字")
            page.wait_for_selector("#table-summary svg")
            shot(page, "10-figures")
            with page.expect_download() as downloading:
                page.click("#csv-bookings_made")
            saved = downloading.value.path()
            assert saved is not None and Path(saved).read_bytes().startswith("\ufeff".encode())
    finally:
        stop_backend(backend)


def sign_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("header >> text=ログアウト")


def test_words_shared_as_a_package_reach_the_other_towns_kiosk(tmp_path: Path) -> None:
    """横展開 as clerks do it: the city downloads its own words, the town uploads the file, reviews the
    report, publishes, and the town's kiosk shows the city's words (with the town's values)."""
    data = tmp_path / "data"
    backend = start_backend(data)
    env = madoguchi_env(data, MADOGUCHI_STAFF_PASSWORD=PASSWORD)
    for municipality, user in (("demo", "city-clerk"), ("sample_kita", "town-clerk")):
        subprocess.run([*MADOGUCHI, "staff", "add", "--municipality", municipality, "--username", user], env=env,
                       check=True, capture_output=True, timeout=120)
    town_key = subprocess.run([*MADOGUCHI, "devices", "add", "--municipality", "sample_kita", "--name", "town"],
                              env=env, check=True, capture_output=True, text=True, timeout=120).stdout.split()[-1]
    try:
        with browser_page() as page:
            sign_in(page, backend.url, "city-clerk")
            page.goto(f"{backend.url}/staff/guidance/lost_card/suspend_card/")
            page.fill("#plain-title", "まず 電話で カードを 止めます（となりの 市の 言葉）")
            page.click("#step-save")
            page.wait_for_selector("#step-saved")
            page.goto(f"{backend.url}/staff/publish/")
            page.click("#publish")
            page.wait_for_selector("#published")
            page.click("header >> text=言葉の 共有")
            with page.expect_download() as download:
                page.click("#export")
            package = tmp_path / "words.json"
            download.value.save_as(package)
            shot(page, "7-share-export")
            page.click("header >> text=ログアウト")

            sign_in(page, backend.url, "town-clerk")
            page.goto(f"{backend.url}/staff/share/")
            page.set_input_files("#package", str(package))
            page.click("#import")
            page.wait_for_selector("#report")
            report = page.inner_text("main")
            assert "みほん市の ファイル" in report and "下書きに 入れました" in report, report
            shot(page, "8-share-import")
            assert "（となりの 市の 言葉）" not in kiosk_plain_title(backend.url, town_key, "lost_card", "suspend_card")
            page.goto(f"{backend.url}/staff/publish/")
            page.click("#publish")
            page.wait_for_selector("#published")
            assert "（となりの 市の 言葉）" in kiosk_plain_title(backend.url, town_key, "lost_card", "suspend_card")
            page.goto(f"{backend.url}/staff/guidance/lost_card/suspend_card/")
            assert "みほん市から 取り込み" in page.inner_text("main")
    finally:
        stop_backend(backend)
