"""Provides KeyBar: the same help and navigation keys, in the same place, on every screen."""

from __future__ import annotations

from textual.widgets import Static

from kiosk.i18n import N_, _
from kiosk.keys import ordered

KEYS = (
    ("back", N_("Back")),
    ("help", N_("Call a volunteer")),
    ("settings", N_("Settings")),
    ("read-aloud", N_("Read aloud")),
    ("end-session", N_("Finish")),
)
"""The app's bindings shown, by binding id (kiosk/app.py BINDINGS); their keys come from the
active key map, so a site's remap is what the bar says."""


class KeyBar(Static):
    """The bottom row of key hints, translated into the session language. Digits that a board
    on the screen takes for itself (the kana board's 0 is わ) are not offered for app actions."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 100%; padding: 0 1; }
    """

    def on_mount(self) -> None:
        active = getattr(self.app, "active_keys", None)
        digits_taken = bool(self.screen.query("KanaBoard, NumberPad"))
        parts = []
        for binding_id, label in KEYS:
            keys = list(active(binding_id)) if callable(active) else []
            if digits_taken:
                keys = [key for key in keys if not key.isdigit()]
            names = ordered(keys)[:2]
            if names:
                parts.append(f"[b]{' '.join(names)}[/b] {_(label)}")
        self.update("  ".join(parts))
