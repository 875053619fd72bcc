"""Provides TimeoutScreen: the warning before an idle session ends (WCAG 2.2.1, K16)."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from kiosk.i18n import _
from kiosk.widgets.key_bar import KeyBar


class TimeoutScreen(ModalScreen[bool]):
    """Counts down; any key or touch dismisses it with True (the resident is still here)."""

    def __init__(self, seconds: int) -> None:
        super().__init__(id="timeout")
        self.remaining = seconds

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("Are you still there?"), classes="title")
            yield Static(id="timeout-count", classes="body")
            yield Static(_("Press any key or touch the screen to continue."), classes="body")
        yield KeyBar()

    def on_mount(self) -> None:
        self._show()
        self.set_interval(1, self._tick)

    def message_text(self) -> str:
        return _("This session will end in {seconds} seconds to protect your privacy.").format(seconds=self.remaining)

    def _show(self) -> None:
        self.query_one("#timeout-count", Static).update(self.message_text())

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self.dismiss(False)
        else:
            self._show()

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(True)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.dismiss(True)
