"""Provides the Printer protocol, its PDF, device and CUPS implementations, and the setting parser.

A site chooses its printer with one setting (``pdf:/folder``, ``device:/dev/usb/lp0``,
``lp:QUEUE``). Every failure becomes a PrintError with a ``reason``, so the kiosk can say "the
printer is not connected" in the resident's language and log the detail.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.printing.escpos import slip_escpos
from kiosk.printing.pdf import slip_pdf_bytes
from kiosk.printing.slip import PrintableSlip, PrintError, Reason

_ABSENT = {errno.ENOENT, errno.ENODEV, errno.ENXIO}
"""Errors that mean the printer is unplugged or switched off, rather than broken."""


def _reason(error: OSError) -> Reason:
    return "no_printer" if error.errno in _ABSENT else "printer_failed"


@dataclass(frozen=True)
class PrintResult:
    """Where a slip went."""

    destination: str
    """For the log and the helper: a PDF path, a device path or "lp:QUEUE"."""
    path: Path | None = None
    """The PDF written, when there is one (to open, hand over, or discard)."""


class Printer(Protocol):
    def print_slip(self, slip: PrintableSlip) -> PrintResult:
        """Print ``slip``.

        Raises:
            PrintError: with reason "no_printer", "printer_failed" or "no_font".
            ValueError: the slip's QR payload looks like it carries personal numbers.
        """
        ...

    def discard(self) -> None:
        """Delete whatever this printer kept of the session's slips (called at session end)."""
        ...


class PdfPrinter:
    """Writes each slip to ``folder`` as ``slip-<timestamp>.pdf``.

    The PDF holds the booking reference, so the kiosk calls ``discard()`` when the session ends.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: list[Path] = []
        """PDFs this printer wrote and has not discarded yet."""

    def print_slip(self, slip: PrintableSlip) -> PrintResult:
        data = slip_pdf_bytes(slip)
        path = self._new_path()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with path.open("xb") as handle:
                self.written.append(path)
                handle.write(data)
        except OSError as error:
            if path in self.written:  # created, then the disk filled up: leave no half slip behind
                self.written.remove(path)
                path.unlink(missing_ok=True)
            raise PrintError("printer_failed", f"cannot write {path}: {error}") from error
        return PrintResult(destination=str(path), path=path)

    def discard(self) -> None:
        """Delete every PDF this printer wrote (at session end, with the rest of the session)."""
        while self.written:
            self.written.pop().unlink(missing_ok=True)

    def _new_path(self) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        path, count = self.folder / f"slip-{stamp}.pdf", 1
        while path.exists():
            path, count = self.folder / f"slip-{stamp}-{count}.pdf", count + 1
        return path


class DevicePrinter:
    """Writes ESC/POS bytes to a printer's device file, e.g. /dev/usb/lp0 (Linux usblp).

    The file is never created: a missing device means the printer is unplugged. The write
    blocks while the printer takes the data, so call this from a worker thread.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def print_slip(self, slip: PrintableSlip) -> PrintResult:
        data = slip_escpos(slip)
        try:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        except OSError as error:
            raise PrintError(_reason(error), f"cannot open {self.path}: {error}") from error
        try:
            with os.fdopen(descriptor, "wb", buffering=0) as device:
                written = 0
                while written < len(data):  # a device may take a job in several writes
                    count = device.write(data[written:])
                    if not count:
                        raise OSError(errno.EIO, "the printer took no data")
                    written += count
        except OSError as error:
            raise PrintError(_reason(error), f"cannot write to {self.path}: {error}") from error
        return PrintResult(destination=str(self.path))

    def discard(self) -> None:
        """Nothing is kept: the slip went to the printer and the resident."""


class LpPrinter:
    """Sends ESC/POS bytes to a CUPS queue as a raw job (``lp -d QUEUE -o raw``)."""

    def __init__(self, queue: str, *, timeout: float = 15.0, lp: str = "lp") -> None:
        self.queue = queue
        self.timeout = timeout
        """Seconds to wait for lp to accept the job (CUPS queues it; printing happens later)."""
        self.lp = lp
        """The lp command (CUPS client); a full path where PATH is bare."""

    def print_slip(self, slip: PrintableSlip) -> PrintResult:
        data = slip_escpos(slip)
        command = [self.lp, "-d", self.queue, "-o", "raw"]
        try:
            done = subprocess.run(command, input=data, capture_output=True, timeout=self.timeout, check=False,
                                  env={**os.environ, "LC_ALL": "C"})
        except FileNotFoundError as error:
            raise PrintError("no_printer", f"{self.lp} not found: is the CUPS client installed?") from error
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PrintError("printer_failed", f"{' '.join(command)}: {error}") from error
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip()
            reason: Reason = "no_printer" if "does not exist" in message else "printer_failed"
            raise PrintError(reason, f"{' '.join(command)} exited {done.returncode}: {message}")
        return PrintResult(destination=f"lp:{self.queue}")

    def discard(self) -> None:
        """Nothing is kept here. CUPS itself keeps job files (with the booking reference) for a day
        by default (cupsd.conf PreserveJobFiles; apple/cups#4732): a kiosk's cupsd.conf should say
        ``PreserveJobFiles No``."""


def printer_from_setting(value: str | None, default_pdf_dir: Path) -> PdfPrinter | DevicePrinter | LpPrinter:
    """The printer a setting names: ``pdf:/folder``, ``device:/dev/usb/lp0`` or ``lp:QUEUE``;
    None or empty for PDFs in ``default_pdf_dir``. A missing device is only noticed on printing,
    so a printer plugged in later works without a restart.

    Raises:
        ValueError: an unknown scheme or an empty target.
    """
    if not value or not value.strip():
        return PdfPrinter(default_pdf_dir)
    scheme, separator, target = value.strip().partition(":")
    if not separator or not target:
        raise ValueError(f"printer setting {value!r}: expected pdf:FOLDER, device:PATH or lp:QUEUE")
    if scheme == "pdf":
        return PdfPrinter(Path(target).expanduser())
    if scheme == "device":
        return DevicePrinter(Path(target))
    if scheme == "lp":
        return LpPrinter(target)
    raise ValueError(f"printer setting {value!r}: unknown kind {scheme!r} (use pdf, device or lp)")
