"""Provides OfflineScreen: the backend cannot be reached; wait, explain, and retry by itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from kiosk.errors import KioskError
from kiosk.i18n import N_, _, bilingual
from kiosk.widgets.key_bar import KeyBar

_LINES = (
    ("title", N_("The service is not available right now")),
    ("what", N_("Please wait a moment. The kiosk will reconnect by itself, and nothing you have done is lost.")),
    ("ask", N_("If you are in a hurry, please ask a member of staff.")),
)


class OfflineScreen(ModalScreen[bool]):
    """Shown in Japanese and English whatever the language. Dismisses itself once ``probe`` works."""

    def __init__(self, probe: Callable[[], Awaitable[None]], retry_seconds: float) -> None:
        super().__init__(id="offline")
        self._probe = probe
        self._retry_seconds = max(1, round(retry_seconds))
        self._remaining = self._retry_seconds

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            for css_id, message in _LINES:
                text, english = bilingual(message)
                yield Static(text, classes="title" if css_id == "title" else "body", id=f"offline-{css_id}")
                if english:
                    yield Static(english, classes="secondary")
            yield Static(id="offline-countdown", classes="body")
        yield KeyBar()

    def on_mount(self) -> None:
        self._tick()
        self.set_interval(1, self._tick)

    def _tick(self) -> None:
        self._remaining -= 1
        if self._remaining <= 0:
            self._remaining = self._retry_seconds
            self._try_again()
        self.query_one("#offline-countdown", Static).update(
            _("Trying again in {seconds} s …").format(seconds=self._remaining))

    @work(exclusive=True, group="reconnect")
    async def _try_again(self) -> None:
        try:
            await self._probe()
        except KioskError:
            return
        self.dismiss(True)
