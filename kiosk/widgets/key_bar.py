"""Provides KeyBar: the same help and navigation keys, in the same place, on every screen."""

from __future__ import annotations

from textual.widgets import Static

from kiosk.i18n import N_, _

KEYS = (
    ("Esc −", N_("Back")),
    ("F1 *", N_("Call a volunteer")),
    ("F3 0", N_("Settings")),
    ("F5 /", N_("Read aloud")),
    ("F10 .", N_("Finish")),
)
"""Keyboard and numeric-keypad keys for the same actions (kiosk/app.py BINDINGS)."""


class KeyBar(Static):
    """The bottom row of key hints, translated into the session language."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 100%; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.update("  ".join(f"[b]{key}[/b] {_(label)}" for key, label in KEYS))
