"""Provides PrintableSlip (the booking slip as plain data), the QR payload check, PrintError and
the line breaking the renderers share.

Every renderer in this package (screen QR, PDF, receipt printer) takes a PrintableSlip, so what a
resident takes home says the same thing whichever printer the kiosk has.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import unquote

from kiosk.errors import KioskError

Reason = Literal["no_printer", "printer_failed", "no_font"]
"""Why printing failed, for the kiosk to choose its words (and for tests and logs)."""

_TITLES: dict[Reason, str] = {
    "no_printer": "The printer is not connected",
    "printer_failed": "The printer could not print the slip",
    "no_font": "The slip cannot be printed: the Japanese font is not installed",
}
"""English wording for a resident's helper. Not marked with N_ yet: the screen that shows them
chooses translated words by ``reason`` (adding msgids needs the catalogs updated and translated)."""


class PrintError(KioskError):
    """Printing failed. ``reason`` is machine-readable; ``detail`` (and str()) is for the log."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        self.reason: Reason = reason
        """One of "no_printer", "printer_failed", "no_font"."""
        self.title = _TITLES[reason]
        super().__init__(detail)


@dataclass(frozen=True)
class PrintableSlip:
    """A booking slip in the resident's language, ready for any renderer.

    It carries only what the resident chose to take home: the booking reference and time, what
    to bring, where to ask. The QR code carries a reference URL, never personal data.
    """

    title: str
    """Printed large at the top, e.g. "オンライン健康相談 予約票"."""
    lines: list[tuple[str, str]]
    """(label, value) pairs in print order, e.g. ("予約番号", "K7M-4QX")."""
    notes: list[str] = field(default_factory=list)
    """What to bring and what to do before the appointment, one item each."""
    contact: str = ""
    """Where to ask: the municipality's office, hours and phone number."""
    qr_payload: str | None = None
    """A URL carrying only the booking reference; checked by ``qr_payload_is_safe`` on render."""
    footer: str = ""
    """E.g. the sample-municipality notice or the privacy line."""
    language: str = "ja"
    """The slip's language (a kiosk.i18n code): the PDF's /Lang and the list bullet follow it."""
    qr_caption: str = ""
    """Beside the QR code on the PDF, under it on a receipt, e.g. "スマートフォンで 読み取ると 予約を 確認 できます"."""


_SEPARATORS = r"[\s\-‐‑‒–—―−ー()]"
"""What may sit between the digit groups of a phone number: spaces, hyphens, dashes, the
long-vowel mark typed for a hyphen, and brackets. Full-width forms are folded by NFKC first.
Dots are left out, so a URL whose host is an IPv4 address is not refused."""
_DIGIT_RUN = re.compile(rf"[0-9]+(?:{_SEPARATORS}{{1,3}}[0-9]+)*")
_MIN_PERSONAL_DIGITS = 10
"""Japanese phone numbers have 10 or 11 digits, the My Number 12: a run of 10 or more is refused."""


def qr_payload_is_safe(payload: str) -> bool:
    """Whether ``payload`` is free of anything shaped like a phone number or a 12-digit number.

    A reference URL never needs ten digits in a row, so any run of digit groups joined by
    separators with 10 or more digits in all is refused ("090-1234-5678", "+81 90 1234 5678",
    "１２３４５６７８９０１２", "%30%39%30…"). This errs towards refusing: a false alarm costs a
    reprint; a phone number in a QR code leaks to whoever scans the slip.
    """
    text = unicodedata.normalize("NFKC", unquote(payload))
    text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)
    return all(sum(ch.isdigit() for ch in run.group()) < _MIN_PERSONAL_DIGITS for run in _DIGIT_RUN.finditer(text))


def require_safe_payload(payload: str) -> str:
    """``payload`` unchanged, after the check every renderer makes before drawing a QR code.

    Raises:
        ValueError: the payload looks like it carries a phone number or a 12-digit number.
    """
    if not qr_payload_is_safe(payload):
        raise ValueError("refusing to print a QR code whose payload looks like a phone number or My Number")
    return payload


_NO_LINE_START = frozenset("、。，．,.:;!?）)」』】〕］｝〉》ー・：；？！"
                           "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々〜…")
"""Never at the start of a line (行頭禁則): closing brackets, punctuation, small kana, ー."""
_NO_LINE_END = frozenset("（(「『【〔［｛〈《")
"""Never at the end of a line (行末禁則): opening brackets."""


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _glued(before: str, char: str) -> bool:
    """Whether no line may break between ``before`` and ``char``."""
    if char.isspace() or before.isspace():
        return False
    if char in _NO_LINE_START or before in _NO_LINE_END:
        return True
    if not _is_wide(char):
        return not _is_wide(before)  # inside a word, a number or a code such as K7M-4QX
    return before.isascii() and before.isdigit()  # 10時, 3日, 500円: a number keeps its counter


def break_points(text: str) -> list[str]:
    """``text`` cut where a line may break: between words and spaces, and between Japanese
    characters except inside a number with its counter or against a bracket or 、。"""
    pieces: list[str] = []
    for char in text:
        if pieces and _glued(pieces[-1][-1], char):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _words(text: str) -> list[str]:
    return re.findall(r"\s+|\S+", text)


def _fill(text: str, fits: Callable[[str], bool], splitters: list[Callable[[str], list[str]]]) -> list[str]:
    """Greedy line filling with the coarsest splitter; a piece too long for a line is split
    again with the next one."""
    split, *finer = splitters
    lines: list[str] = []
    line = ""
    for piece in split(text):
        if fits(line + piece):
            line += piece
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = piece.lstrip()
        if not fits(line) and finer:
            *done, line = _fill(line, fits, finer)
            lines += done
    lines.append(line.rstrip())
    return lines


def break_lines(text: str, fits: Callable[[str], bool]) -> list[str]:
    """``text`` as lines that each ``fits``: broken at spaces first (plain Japanese puts spaces
    between phrases, 分かち書き), then at break_points, and only then anywhere. Renderers pass
    their own measure: millimetres in the PDF, columns on the receipt printer.

    Printers and fpdf2 break Japanese between any two characters, which splits "10時" into
    "1" and "0時"; a resident reading a time must not have to put it back together.
    """
    return [line for paragraph in text.split("\n") for line in _fill(paragraph, fits, [_words, break_points, list])]
