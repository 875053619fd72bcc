"""Provides SampleBanner: a warning that the municipality and its contact details are fictional."""

from __future__ import annotations

from textual.widgets import Static

from kiosk.i18n import bilingual


class SampleBanner(Static):
    DEFAULT_CSS = """
    SampleBanner { dock: top; height: 1; width: 100%; padding: 0 1; }
    """

    def on_mount(self) -> None:
        text, english = bilingual("DEMO: a fictional municipality. Its contact details are sample data.")
        self.update(text if english is None else f"{text} / {english}")
