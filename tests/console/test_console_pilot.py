"""The volunteer console, driven with Pilot against a real backend process over loopback HTTP.

Help requests are made the way a kiosk makes them (httpx with the kiosk's X-Kiosk-Key), and what
the kiosk sees of the volunteer's actions is read back the same way.
"""

from __future__ import annotations

import csv
import io
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from textual.widgets import Button, DataTable, Input, RadioButton, Static

from console.app import VolunteerApp, make_console_app
from console.client import VolunteerClient
from console.screens.login import LoginScreen
from console.screens.queue import QueueScreen
from console.screens.request import RequestScreen
from console.screens.resolve import ResolveScreen
from privacy.numbers import check_digit
from tests.conftest import MADOGUCHI, LiveBackend, free_port, madoguchi_env, start_backend, stop_backend

live = pytest.mark.live
database = pytest.mark.database

SITE = "中央図書館"
OTHER_SITE = "市役所本庁舎"
PASSWORD = "kiosk-help-2026"
SIZE = (120, 40)


@dataclass(frozen=True)
class Site:
    backend: LiveBackend
    kiosk_key: str
    """A kiosk at SITE."""
    other_kiosk_key: str
    """A kiosk at OTHER_SITE."""


def madoguchi(backend_dir: Path, *args: str, **env: str) -> str:
    done = subprocess.run([*MADOGUCHI, *args], env=madoguchi_env(backend_dir, **env), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def add_volunteer(site: Site, username: str, name: str = "田中", where: str = SITE) -> None:
    madoguchi(site.backend.data_dir, "volunteers", "add", "--municipality", "demo", "--site", where,
              "--username", username, "--name", name, MADOGUCHI_VOLUNTEER_PASSWORD=PASSWORD)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    backend = start_backend(tmp_path_factory.mktemp("console-backend"))
    try:
        keys = [madoguchi(backend.data_dir, "devices", "add", "--municipality", "demo", "--name", name,
                          "--site", where).splitlines()[-1]
                for name, where in (("図書館 1", SITE), ("本庁舎 1", OTHER_SITE))]
        yield Site(backend, keys[0], keys[1])
    finally:
        stop_backend(backend)


def ask_for_help(site: Site, key: str | None = None, **context: Any) -> int:
    """What a kiosk sends when the resident presses "call a volunteer"."""
    body = {"reason": "dont_understand", "flow_id": "lost_card", "node_id": "suspend_card", "step": 1,
            "language": "ja", "modes": {"plain": True}, "answers": {}, **context}
    response = httpx.post(f"{site.backend.url}/api/help/requests", json=body,
                          headers={"X-Kiosk-Key": key or site.kiosk_key}, timeout=10)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def kiosk_view(site: Site, request_id: int) -> dict[str, Any]:
    response = httpx.get(f"{site.backend.url}/api/help/requests/{request_id}",
                         headers={"X-Kiosk-Key": site.kiosk_key}, timeout=10)
    assert response.status_code == 200, response.text
    return dict(response.json())


def screen_text(app: VolunteerApp) -> str:
    return "\n".join(str(widget.render()) for widget in app.screen.query(Static))


def queue_ids(app: VolunteerApp) -> set[int]:
    table: DataTable[str] = app.screen.query_one("#requests", DataTable)
    return {int(str(row.value)) for row in table.rows}


async def wait_until(pilot: Any, check: Callable[[], bool], seconds: float = 5.0, what: str = "") -> float:
    """Seconds it took for ``check`` to hold; fails after ``seconds``."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not within {seconds} s: {what or check}")
        await pilot.pause(0.05)
    return time.monotonic() - start


async def sign_in(pilot: Any, app: VolunteerApp, username: str, password: str = PASSWORD) -> None:
    await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen), what="the login screen")
    app.screen.query_one("#username", Input).value = username
    app.screen.query_one("#password", Input).value = password
    app.screen.query_one("#password", Input).focus()
    await pilot.press("enter")


def console(site: Site, tmp_path: Path, client: VolunteerClient | None = None) -> VolunteerApp:
    """The console in English, so these tests read the msgids themselves (Japanese is the default)."""
    return make_console_app(site.backend.url, poll_seconds=1.0, export_dir=tmp_path / "exports", client=client,
                            language="en")


def test_the_command_line_starts_the_console() -> None:
    shown = subprocess.run([*MADOGUCHI, "volunteer", "--help"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "--backend" in shown.stdout and "--export-dir" in shown.stdout and "--language" in shown.stdout


@live
@database
async def test_a_wrong_password_is_said_in_words(site: Site, tmp_path: Path) -> None:
    add_volunteer(site, "suzuki", "鈴木")
    app = console(site, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, app, "suzuki", "not-the-password")
        await wait_until(pilot, lambda: "The username or password is not right" in screen_text(app))
        assert isinstance(app.screen, LoginScreen)
        assert app.screen.query_one("#password", Input).value == ""  # cleared, username kept
        assert app.screen.query_one("#username", Input).value == "suzuki"
        assert app.screen.query_one("#password", Input).password  # typed password is masked
        assert app.client.token is None


async def test_an_unreachable_server_is_said_in_words(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    app = make_console_app(url, export_dir=tmp_path, language="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, app, "tanaka")
        await wait_until(pilot, lambda: f"Cannot reach the server at {url}; check the network" in screen_text(app))
        assert isinstance(app.screen, LoginScreen)


async def test_the_console_speaks_japanese_by_default(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    app = make_console_app(url, export_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen), what="the login screen")
        assert "推進委員コンソール" in screen_text(app) and f"サーバー：{url}" in screen_text(app)
        assert str(app.screen.query_one("#sign-in", Button).label) == "ログイン"
        assert app.screen.query_one("#username", Input).placeholder == "ユーザー名"
        assert app.screen.query_one("#password", Input).placeholder == "パスワード"
        await pilot.click("#sign-in")  # nothing typed: said in Japanese, before any network call
        await wait_until(pilot, lambda: "ユーザー名とパスワードを入力してください" in screen_text(app))
        await sign_in(pilot, app, "tanaka")
        await wait_until(pilot, lambda: f"サーバー（{url}）に接続できません" in screen_text(app),
                         what="the connection error in Japanese")
        assert "Cannot reach" not in screen_text(app)
        assert isinstance(app.screen, LoginScreen)


@live
@database
async def test_a_request_is_seen_accepted_guided_and_resolved(site: Site, tmp_path: Path) -> None:
    add_volunteer(site, "tanaka")
    add_volunteer(site, "sato", "佐藤", where=OTHER_SITE)
    app = console(site, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, app, "tanaka")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen), what="the queue")
        await wait_until(pilot, lambda: "田中" in screen_text(app) and SITE in screen_text(app), what="who is on duty")

        # A resident asks for help after the volunteer signed in: the queue shows it within 2 s.
        asked = time.monotonic()
        request_id = ask_for_help(site)
        other_site = ask_for_help(site, key=site.other_kiosk_key)
        await wait_until(pilot, lambda: request_id in queue_ids(app), seconds=2.0 - (time.monotonic() - asked),
                         what="the new request in the queue")
        assert time.monotonic() - asked < 2.0
        table: DataTable[str] = app.screen.query_one("#requests", DataTable)
        row = [str(cell) for cell in table.get_row(str(request_id))]
        assert row[0] == str(kiosk_view(site, request_id)["position"])  # its place in line
        assert row[1].count(":") == 1 and len(row[1]) == 5  # mm:ss waiting
        assert "図書館 1" in row and "Doesn't understand" in row
        assert "lost_card / suspend_card (step 1)" in row
        assert "日本語 (ja)" in row and "plain Japanese" in row
        await pilot.pause(1.2)  # another poll or two: still no request of the other site
        assert other_site not in queue_ids(app)

        # The kiosk sees a volunteer on duty (going on duty at sign-in, kept by polling).
        assert kiosk_view(site, request_id)["volunteers_on_duty"] >= 1

        # `a` accepts the highlighted request and opens it: the step and the content's volunteer hint.
        table.move_cursor(row=table.get_row_index(str(request_id)))
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, RequestScreen), what="the request screen")
        await wait_until(pilot, lambda: "電話は 本人が します。" in screen_text(app), what="the plain hint")
        text = screen_text(app)
        assert "はじめに 電話で カードを 止めて ください" in text  # the step title, in plain Japanese
        assert "カードを紛失した・盗まれた" in text  # the flow title
        assert "Step 1" in text and "plain Japanese" in text and "日本語" in text
        assert kiosk_view(site, request_id)["status"] == "accepted"

        # The resident moves on at the kiosk: the console follows.
        moved = httpx.post(f"{site.backend.url}/api/help/requests/{request_id}/context",
                           headers={"X-Kiosk-Key": site.kiosk_key}, timeout=10,
                           json={"flow_id": "lost_card", "node_id": "police_report", "step": 3, "language": "ja",
                                 "modes": {"plain": True}, "answers": {"where_lost": "outside"}})
        assert moved.status_code == 200, moved.text
        await wait_until(pilot, lambda: "where_lost: outside" in screen_text(app), what="the new answers")
        assert "警察に 届けを 出して ください" in screen_text(app) and "Step 3" in screen_text(app)

        # 2 suggests plain Japanese: the kiosk sees it pending; the resident's answer shows up here.
        await pilot.press("2")
        await wait_until(pilot, lambda: bool(kiosk_view(site, request_id)["suggestions"]), what="a suggestion")
        pending = kiosk_view(site, request_id)["suggestions"]
        assert [s["action"] for s in pending] == ["plain_on"]
        await wait_until(pilot, lambda: "Plain Japanese: waiting for the resident" in screen_text(app))
        answered = httpx.post(f"{site.backend.url}/api/help/suggestions/{pending[0]['id']}/answer",
                              headers={"X-Kiosk-Key": site.kiosk_key}, json={"accepted": True}, timeout=10)
        assert answered.status_code == 204, answered.text
        await wait_until(pilot, lambda: "Plain Japanese: accepted" in screen_text(app))

        # A note with a My Number is refused: the server's reason is shown, the text kept.
        my_number = "12345678901" + str(check_digit("12345678901"))
        await pilot.press("r")
        await wait_until(pilot, lambda: isinstance(app.screen, ResolveScreen), what="the resolve form")
        app.screen.query_one("#outcome-solved", RadioButton).value = True
        note = app.screen.query_one("#note", Input)
        note.value = f"番号 {my_number} を確認"
        await pilot.click("#submit")
        await wait_until(pilot, lambda: "My Number" in str(app.screen.query_one("#resolve-error", Static).render()))
        assert isinstance(app.screen, ResolveScreen)
        assert app.screen.query_one("#note", Input).value == f"番号 {my_number} を確認"
        assert kiosk_view(site, request_id)["status"] == "accepted"

        # A clean note closes it: back to the queue, where it is gone.
        app.screen.query_one("#note", Input).value = "電話で止める方法を案内した"
        app.screen.query_one("#note", Input).focus()
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen), what="back to the queue")
        await wait_until(pilot, lambda: request_id not in queue_ids(app), what="the resolved request gone")
        assert kiosk_view(site, request_id)["status"] == "resolved"

        # e exports my activity: the resolved request, with its clean note.
        await pilot.press("e")
        await wait_until(pilot, lambda: app.last_export is not None, what="the export")
        assert app.last_export is not None
        assert app.last_export.parent == tmp_path / "exports"
        assert app.last_export.name.startswith("madoguchi-activity-") and app.last_export.suffix == ".csv"
        assert str(app.last_export) in screen_text(app)
        rows = list(csv.DictReader(io.StringIO(app.last_export.read_text(encoding="utf-8-sig"))))
        assert [(r["flow"], r["outcome"], r["note"]) for r in rows] == [
            ("lost_card", "solved", "電話で止める方法を案内した")]
        assert my_number not in app.last_export.read_text(encoding="utf-8-sig")

        # q signs out (off duty) and quits.
        token = app.client.token
        await pilot.press("q")
        await wait_until(pilot, lambda: app.return_code is not None or not app.is_running, what="quit")
    assert app.client.token is None
    refused = httpx.get(f"{site.backend.url}/api/volunteer/requests", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401


@live
@database
async def test_an_expired_sign_in_returns_to_login(site: Site, tmp_path: Path) -> None:
    add_volunteer(site, "yamada", "山田")
    app = console(site, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, app, "yamada")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen), what="the queue")
        ask_for_help(site)
        await wait_until(pilot, lambda: bool(queue_ids(app)), what="a request")
        await pilot.press("enter")  # open it without accepting
        await wait_until(pilot, lambda: isinstance(app.screen, RequestScreen), what="the request screen")
        assert "press a to accept" in screen_text(app)
        # Signed out elsewhere (the token is revoked): the next poll finds out.
        revoked = httpx.post(f"{site.backend.url}/api/volunteer/logout",
                             headers={"Authorization": f"Bearer {app.client.token}"}, timeout=10)
        assert revoked.status_code == 204
        await wait_until(pilot, lambda: isinstance(app.screen, LoginScreen), what="back at login")
        await wait_until(pilot, lambda: "Your sign-in expired, please sign in again" in screen_text(app))
        assert len(app.screen_stack) == 1 and app.client.token is None
        # …and signing in again works.
        await sign_in(pilot, app, "yamada")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen), what="the queue again")


class Flaky(httpx.AsyncBaseTransport):
    """The real loopback transport, which can be made to lose the connection."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.down = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("network is unreachable", request=request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@live
@database
async def test_a_lost_connection_shows_a_banner_and_polling_carries_on(site: Site, tmp_path: Path) -> None:
    add_volunteer(site, "kato", "加藤")
    transport = Flaky()
    app = console(site, tmp_path, client=VolunteerClient(site.backend.url, transport=transport))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, app, "kato")
        await wait_until(pilot, lambda: isinstance(app.screen, QueueScreen), what="the queue")
        banner = app.screen.query_one("#connection-banner", Static)
        assert not banner.display
        transport.down = True
        await wait_until(pilot, lambda: banner.display, what="the banner")
        assert "Connection lost — retrying" in str(banner.render())
        request_id = ask_for_help(site)
        await pilot.press("a")  # nothing to accept offline is fine: no crash
        await pilot.press("e")
        await pilot.pause(1.5)
        assert isinstance(app.screen, QueueScreen)
        transport.down = False
        await wait_until(pilot, lambda: not banner.display, what="the banner gone")
        await wait_until(pilot, lambda: request_id in queue_ids(app), what="the request after reconnecting")
