"""Provides VolunteerApp and ``make_console_app``: the console a volunteer signs in to.

Screens post what the volunteer did; the app decides. Every network call runs in a worker. While
signed in, the app polls the queue every ``poll_seconds`` (which also keeps the volunteer on duty);
a lost connection shows a banner and polling carries on; an expired sign-in returns to the login
screen with the reason in words.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker

from console import messages
from console.client import VolunteerClient
from console.errors import ConsoleError, SignInExpired, Unreachable
from console.i18n import N_, _, translate_bindings, use_language
from console.models import HelpRequest, Volunteer
from console.screens.login import LoginScreen
from console.screens.queue import QueueScreen
from console.screens.request import RequestScreen

logger = logging.getLogger("console.app")


def activity_file_name(day: date) -> str:
    return f"madoguchi-activity-{day:%Y%m%d}.csv"


class VolunteerApp(App[None]):
    """The volunteer console. Bindings have ids so they can be remapped like the kiosk's."""

    CSS_PATH = "console.tcss"
    TITLE = N_("Madoguchi volunteer console")
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "sign_out", N_("Quit"), id="quit", tooltip=N_("Sign out and quit"), show=False)]

    volunteer: var[Volunteer | None] = var(None)
    """Who is signed in (their own name and site, as the server has them); None when signed out."""
    requests: var[tuple[HelpRequest, ...]] = var(tuple, always_update=True)
    """The site's open requests and mine, oldest first, as last polled."""
    connected: var[bool] = var(True)
    """False while the server cannot be reached; the screens show a banner."""

    def __init__(self, client: VolunteerClient, *, poll_seconds: float = 1.0, export_dir: Path | None = None,
                 language: str = "ja") -> None:
        use_language(language)  # before anything is made: errors, screens and bindings take it up
        super().__init__()
        self.title = _(self.TITLE)
        translate_bindings(self)
        self.client = client
        self.poll_seconds = poll_seconds
        self.export_dir = export_dir or Path.home()
        self.last_export: Path | None = None
        """The file the last activity export was written to."""
        self._poll_timer: Timer | None = None
        self._poll_worker: Worker[None] | None = None
        self._on_duty = False
        """Whether the server has been told this volunteer is on duty since signing in."""

    def get_default_screen(self) -> Screen[None]:
        return LoginScreen(self.client.base_url)

    async def on_unmount(self) -> None:
        await self.client.aclose()

    # ------------------------------------------------------------------ errors

    def report(self, error: ConsoleError, *, quiet: bool = False) -> None:
        """Turn a failure into something the volunteer sees; never raises."""
        logger.info("%s: %s", type(error).__name__, error.detail)
        if isinstance(error, SignInExpired):
            self.return_to_login(error.message)
        elif isinstance(error, Unreachable):
            self.connected = False
        elif not quiet:
            self.notify(error.message, title=error.title, severity="warning", timeout=6)

    # ------------------------------------------------------------------ signing in and out

    @on(messages.SignInSubmitted)
    @work(exclusive=True, group="sign-in")
    async def sign_in(self, event: messages.SignInSubmitted) -> None:
        login = self.screen if isinstance(self.screen, LoginScreen) else None
        try:
            signed_in = await self.client.login(event.username, event.password)
        except ConsoleError as error:
            logger.info("sign-in failed: %s", type(error).__name__)
            if login is not None:
                login.show_error(error.message)
            return
        self.volunteer = signed_in.volunteer
        self.connected = True
        self._on_duty = False
        await self._go_on_duty()
        if self.client.token is None:  # refused at once: back on the login screen already
            return
        if login is not None:
            login.set_busy(False)
        self._poll_timer = self.set_interval(self.poll_seconds, self.poll_requests)
        await self.push_screen(QueueScreen(self.volunteer))
        self.poll_requests()

    async def _go_on_duty(self) -> None:
        try:
            await self.client.set_duty(True)
        except ConsoleError as error:
            self.report(error)
        else:
            self._on_duty = True

    @work(exclusive=True, group="sign-out")
    async def return_to_login(self, message: str) -> None:
        """The token was refused: forget it, stop polling and sign in again."""
        self._stop_polling()
        self.client.token = None
        self.volunteer = None
        self.requests = ()
        self.connected = True
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        if isinstance(self.screen, LoginScreen):
            self.screen.show_error(message)

    @work(exclusive=True, group="sign-out")
    async def action_sign_out(self) -> None:
        """Sign out (the server puts me off duty) and quit; quits even when the server is gone."""
        self._stop_polling()
        try:
            await self.client.logout()
        except ConsoleError as error:
            logger.info("sign-out not confirmed: %s", type(error).__name__)
        self.exit()

    def _stop_polling(self) -> None:
        if self._poll_timer is not None:
            self._poll_timer.stop()
            self._poll_timer = None

    # ------------------------------------------------------------------ the queue

    def poll_requests(self) -> None:
        """One poll at a time: a slow answer is waited for, never cancelled by the next tick."""
        if self.client.token is not None and (self._poll_worker is None or self._poll_worker.is_finished):
            self._poll_worker = self._fetch_requests()

    @work(group="poll")
    async def _fetch_requests(self) -> None:
        try:
            if not self._on_duty:  # going on duty failed at sign-in (or the connection was lost then)
                await self.client.set_duty(True)
                self._on_duty = True
            requests = await self.client.requests()
        except ConsoleError as error:
            self.report(error)
            return
        self.connected = True
        self.requests = tuple(requests)

    @on(messages.RequestChosen)
    async def open_request(self, event: messages.RequestChosen) -> None:
        await self._show_request(event.request_id)

    async def _show_request(self, request_id: int, detail: object = None) -> None:
        from console.models import RequestDetail

        current = self.screen
        if isinstance(current, RequestScreen) and current.request_id == request_id:
            if isinstance(detail, RequestDetail):
                current.detail = detail
            current.refresh_now()
            return
        await self.push_screen(RequestScreen(self, request_id, detail if isinstance(detail, RequestDetail) else None))

    @on(messages.AcceptChosen)
    @work(exclusive=True, group="accept")
    async def accept(self, event: messages.AcceptChosen) -> None:
        try:
            detail = await self.client.accept(event.request_id)
        except ConsoleError as error:
            self.report(error)
            return
        self.connected = True
        self.notify(_("Accepted request {id} at {kiosk}").format(id=detail.id, kiosk=detail.kiosk), timeout=3)
        await self._show_request(event.request_id, detail)
        self.poll_requests()

    @on(messages.RequestResolved)
    async def resolved(self, event: messages.RequestResolved) -> None:
        if isinstance(self.screen, RequestScreen) and self.screen.request_id == event.request_id:
            await self.pop_screen()
        self.notify(_("Request {id} resolved").format(id=event.request_id), timeout=3)
        self.poll_requests()

    # ------------------------------------------------------------------ activity export

    @work(exclusive=True, group="export")
    async def action_export(self) -> None:
        """Save my resolved requests as CSV (UTF-8 with a BOM, so spreadsheet programs read the
        Japanese) and say where."""
        try:
            text = await self.client.activity_csv()
        except ConsoleError as error:
            self.report(error)
            if isinstance(error, Unreachable):
                self.notify(error.message, title=_("Export failed"), severity="error", timeout=6)
            return
        path = self.export_dir / activity_file_name(date.today())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8-sig", newline="")
        except OSError as error:
            logger.warning("export failed: %s", error)
            self.notify(_("Could not write {path}: {error}").format(path=path, error=error.strerror or error),
                        title=_("Export failed"),
                        severity="error", timeout=8)
            return
        self.last_export = path
        message = _("Activity saved to {path}").format(path=path)
        if isinstance(self.screen, QueueScreen):
            self.screen.show_export(message)
        self.notify(message, timeout=6)


def make_console_app(backend_url: str, *, poll_seconds: float = 1.0, export_dir: Path | None = None,
                     client: VolunteerClient | None = None, language: str = "ja") -> VolunteerApp:
    """The one way to build the console, used by the command line and the tests.

    ``language`` is the interface's: "ja" (the default) or "en"."""
    return VolunteerApp(client or VolunteerClient(backend_url), poll_seconds=poll_seconds, export_dir=export_dir,
                        language=language)
