"""Provides ConnectionBanner: "Connection lost — retrying" while the server cannot be reached."""

from __future__ import annotations

from textual.widgets import Static

from console.i18n import N_, _


class ConnectionBanner(Static):
    """Follows the app's ``connected``; hidden while the server answers."""

    DEFAULT_CSS = """
    ConnectionBanner {
        display: none;
        background: $error;
        color: $text;
        text-style: bold;
        padding: 0 1;
        width: 100%;
    }
    ConnectionBanner.-lost {
        display: block;
    }
    """

    TEXT = N_("Connection lost — retrying")

    def __init__(self) -> None:
        super().__init__(_(self.TEXT), id="connection-banner")

    def on_mount(self) -> None:
        self.watch(self.app, "connected", self._show, init=True)

    def _show(self, connected: bool) -> None:
        self.set_class(not connected, "-lost")
