"""Provides ValidOn: the one rule for validity dates, shared by routes and options in the backend's
content model and the kiosk's (a guidance change announced for a date applies from that day)."""

from __future__ import annotations

import datetime as dt


class ValidOn:
    """For dataclasses with ``valid_from`` and ``valid_until`` (inclusive; None means open)."""

    valid_from: dt.date | None
    valid_until: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or day >= self.valid_from) and (
            self.valid_until is None or day <= self.valid_until)
