"""Provides SampleBanner: a warning that the municipality and its contact details are fictional."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from kiosk.cells import cell_len, truncate
from kiosk.i18n import bilingual


class SampleBanner(Static):
    """One line: the warning in the resident's language, with the English after it when both
    fit. At 80 columns the English was cut to "DEMO: a fictional municipality…", a stub that
    told nobody anything; a second line would take a row the options need on 24 rows."""

    DEFAULT_CSS = """
    SampleBanner { dock: top; height: 1; width: 100%; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self._show()

    def on_resize(self, event: events.Resize) -> None:
        self._show()

    def _show(self) -> None:
        text, english = bilingual("DEMO: a fictional municipality. Its contact details are sample data.")
        width = self.content_region.width or max(1, self.app.size.width - 2)
        both = text if english is None else f"{text} / {english}"
        shown = both if cell_len(both) <= width else truncate(text, width)
        if str(self.render()) != shown:
            self.update(shown)
