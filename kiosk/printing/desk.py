"""Provides SlipDesk: prints booking slips off the UI thread and says what happened, in words.

The printer is made on the first slip (kiosk.printing loads fpdf2 only then). The default PDF
"printer" keeps no slip beyond the session: ``end_session`` discards its files.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.i18n import _

if TYPE_CHECKING:
    from kiosk.config import KioskSettings
    from kiosk.printing.printer import DevicePrinter, LpPrinter, PdfPrinter
    from kiosk.printing.slip import PrintableSlip

logger = logging.getLogger("kiosk.printing")


class SlipDesk:
    def __init__(self, settings: KioskSettings) -> None:
        self.settings = settings
        self._printer: PdfPrinter | DevicePrinter | LpPrinter | None = None

    async def print_slip(self, slip: PrintableSlip) -> str:
        """Print ``slip``; returns what to tell the resident (a failure says to write the code down)."""
        from kiosk.printing.printer import printer_from_setting
        from kiosk.printing.slip import PrintError

        if self._printer is None:
            folder = (self.settings.cache_dir or Path(tempfile.gettempdir()) / "madoguchi") / "slips"
            self._printer = printer_from_setting(self.settings.printer, folder)
        try:
            await asyncio.to_thread(self._printer.print_slip, slip)
        except PrintError as error:
            logger.warning("printing failed: %s (%s)", error.reason, error.detail)
            return {"no_printer": _("The printer is not connected. Please write down the reference code."),
                    "no_font": _("The slip cannot be printed on this kiosk. Please write down the reference code."),
                    }.get(error.reason, _("The slip could not be printed. Please write down the reference code."))
        return _("The slip is printed. Please take it with you.")

    def end_session(self) -> None:
        """The default PDF "printer" keeps no slip beyond the session."""
        discard = getattr(self._printer, "discard", None)
        if callable(discard) and not self.settings.printer:
            discard()
