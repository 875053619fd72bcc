"""Provides booking slips on paper and on screen: a PDF, ESC/POS for a receipt printer, a QR code.

Pure of the UI and the backend (no Textual, no Django), so the kiosk's screens call it from a
worker and tests read its output back with real tools (pdftotext, zbarimg).
"""

from __future__ import annotations

from kiosk.printing.escpos import slip_escpos
from kiosk.printing.pdf import slip_pdf
from kiosk.printing.printer import DevicePrinter, LpPrinter, PdfPrinter, Printer, PrintResult, printer_from_setting
from kiosk.printing.qr import qr_matrix, qr_text
from kiosk.printing.slip import PrintableSlip, PrintError, qr_payload_is_safe

__all__ = [
    "DevicePrinter", "LpPrinter", "PdfPrinter", "PrintError", "PrintResult", "PrintableSlip", "Printer",
    "printer_from_setting", "qr_matrix", "qr_payload_is_safe", "qr_text", "slip_escpos", "slip_pdf",
]
