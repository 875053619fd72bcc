"""Provides slip_escpos: the booking slip as ESC/POS bytes for an 80 mm Japanese thermal printer.

Written for Epson TM-series Japanese models (TM-T88 and compatibles): Shift_JIS text in Kanji
mode, the QR code drawn by the printer itself (GS ( k), then a partial cut. The command bytes were
checked against these public command references (not guessed):

- ESC @ (1B 40) initialise; ESC a n (1B 61 n, 0 left / 1 centre) justification; ESC d n
  (1B 64 n) print and feed n lines: Hwasung HMK-830 ESC/POS programming manual p. 66, and the
  command list in github.com/fjmduran/images ESCPOS_Command_Manual.pdf.
- ESC t n (1B 74 n), n = 1 selects character code table page 1, Katakana (half-width kana
  A1–DF): Samsung SRP-275 ESC/POS manual §5 "ESC t" page table (0 PC437, 1 Katakana, …).
- FS C n (1C 43 n), n = 1 selects the SHIFT JIS Kanji code system (0 = JIS): Epson TM-P60
  Specification (STANDARD), "FS C n — Select Kanji character code system" (0/48 JIS code,
  1/49 SHIFT JIS code); the Toshiba B-EP manual §8.10.39 gives the same with a worked example.
- FS & (1C 26) select Kanji character mode; FS . (1C 2E) cancel it: Epson TM-T88III
  Specification §6.4 "Kanji Control Commands"; zj-58 user's manual p. 67–68.
- GS ! n (1D 21 n) character size, bits 0–3 height and 4–7 width multiplier − 1, so 0x01 is
  double height and 0x11 double width and height (Microcom 814M specification p. 41); Epson
  TM-T88III §6.4 notes that GS ! sizes Kanji too ("FS ! or GS ! can also select … quadruple-size").
- GS ( k, cn = 49 (QR Code), from the Epson TM-T81 Specification (STANDARD) and the Citizen
  CT-S280 manual: fn 65 select model (1D 28 6B 04 00 31 41 n1 00, n1 = 50 model 2); fn 67
  module size (1D 28 6B 03 00 31 43 n, 1 ≤ n ≤ 16 dots); fn 69 error correction
  (1D 28 6B 03 00 31 45 n, 48 L / 49 M / 50 Q / 51 H); fn 80 store
  (1D 28 6B pL pH 31 50 30 d1…dk, k = pL + 256·pH − 3); fn 81 print (1D 28 6B 03 00 31 51 30).
- GS V 66 n (1D 56 42 n) feed to the cutting position plus n units, then partial cut:
  Epson TM-T88 manual p. 5-18 "Select cut mode and cut paper".
"""

from __future__ import annotations

import math
import unicodedata
from urllib.parse import quote

import segno

from kiosk.printing.slip import PrintableSlip, break_lines, require_safe_payload

ESC, FS, GS, LF = b"\x1b", b"\x1c", b"\x1d", b"\n"
INITIALISE = ESC + b"@"
KATAKANA_PAGE = ESC + b"t\x01"
SHIFT_JIS_KANJI = FS + b"C\x01"
KANJI_ON = FS + b"&"
KANJI_OFF = FS + b"."
LEFT, CENTRE = ESC + b"a\x00", ESC + b"a\x01"
NORMAL_SIZE, DOUBLE_HEIGHT, DOUBLE_SIZE = GS + b"!\x00", GS + b"!\x01", GS + b"!\x11"
PARTIAL_CUT = GS + b"VB\x00"
"""GS V 66 0: feed to the cutter, then cut leaving one point, so the slip does not fall."""

DOTS_PER_MM = 8
"""203 dpi, the TM-T88's resolution."""
PRINTABLE_DOTS = 576
"""72 mm printable on 80 mm paper."""
COLUMNS = 48
"""Font A is 12 × 24 dots, so 576 / 12 = 48 half-width columns; a Kanji (24 × 24) takes two,
as many as its Shift_JIS bytes."""
QR_MIN_MM = 30
_PRINTABLE_ASCII = "".join(map(chr, range(0x21, 0x7F)))
REPLACEMENT = "?"
"""Printed where Shift_JIS has no code for a character (Hangul, Devanagari, emoji …)."""


def _qr_command(fn: int, data: bytes) -> bytes:
    """GS ( k with cn = 49 (QR Code): pL pH count the bytes after them (cn, fn and data)."""
    size = len(data) + 2
    return GS + b"(k" + bytes((size % 256, size // 256, 49, fn)) + data


def qr_module_dots(payload: str) -> int:
    """Module size in dots so the symbol is at least QR_MIN_MM wide yet fits the paper with its
    quiet zone; the printer picks the same smallest version segno does for error correction M."""
    modules = int(segno.make(payload, error="m", boost_error=False, micro=False).symbol_size(border=0)[0])
    wanted = math.ceil(QR_MIN_MM * DOTS_PER_MM / modules)
    return max(1, min(wanted, 16, PRINTABLE_DOTS // (modules + 8)))


def qr_commands(payload: str) -> bytes:
    """Model 2, module size, error correction M, store the payload, print it.

    The payload is sent as ASCII (anything else percent-encoded, as in a URL): function 180 lists
    8-bit byte data only as 00–7F and 8E–DF and reads other bytes as Shift_JIS Kanji, so UTF-8
    would come out garbled.

    Raises:
        ValueError: the payload looks like it carries personal numbers, or is too long.
    """
    data = quote(require_safe_payload(payload), safe=_PRINTABLE_ASCII).encode("ascii")
    if len(data) + 3 > 7092:
        raise ValueError("QR payload too long for GS ( k")
    return b"".join((
        _qr_command(65, b"\x32\x00"),
        _qr_command(67, bytes((qr_module_dots(payload),))),
        _qr_command(69, b"\x31"),
        _qr_command(80, b"\x30" + data),
        _qr_command(81, b"\x30"),
    ))


def _fold(char: str) -> bytes:
    """One character in Shift_JIS, or its nearest printable stand-in.

    Windows-only code points with a JIS X 0208 twin (～ U+FF5E → 〜, － U+FF0D → −) take the
    twin; compatibility forms (①, ㈱, full-width letters) their NFKC form; accented Latin its base
    letters ("ệ" → "e"); anything else REPLACEMENT. Never raises.
    """
    try:
        return char.encode("shift_jis")
    except UnicodeEncodeError:
        pass
    try:
        return char.encode("cp932").decode("shift_jis").encode("shift_jis")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    for form in ("NFKC", "NFKD"):
        stand_in = "".join(c for c in unicodedata.normalize(form, char) if not unicodedata.combining(c))
        try:
            if stand_in and stand_in != char:
                return stand_in.encode("shift_jis")
        except UnicodeEncodeError:
            continue
    return REPLACEMENT.encode("ascii")


def encode_text(text: str) -> bytes:
    """``text`` in Shift_JIS for Kanji mode; control characters dropped so text cannot become
    commands, line breaks kept."""
    printable = "".join(ch for ch in text if ch == "\n" or unicodedata.category(ch)[0] != "C")
    return b"".join(_fold(ch) for ch in printable)


def paragraph(text: str, columns: int = COLUMNS) -> bytes:
    """``text`` broken into lines of at most ``columns`` (break_lines), each ending in LF.

    The printer would wrap by itself, but anywhere, even inside "10時"."""
    lines = break_lines(text, lambda line: len(encode_text(line)) <= columns)
    return b"".join(encode_text(line) + LF for line in lines)


def slip_escpos(slip: PrintableSlip) -> bytes:
    """The whole print job: initialise, Shift_JIS Kanji mode, the slip, the QR code, feed and cut.

    Raises:
        ValueError: the QR payload looks like it carries personal numbers.
    """
    bullet = "・" if slip.language in ("ja", "zh_Hans") else "- "
    parts = [INITIALISE, KATAKANA_PAGE, SHIFT_JIS_KANJI, KANJI_ON,
             CENTRE, DOUBLE_SIZE, paragraph(slip.title, COLUMNS // 2), NORMAL_SIZE, LEFT, LF]
    for label, value in slip.lines:
        parts += [paragraph(label), DOUBLE_HEIGHT, paragraph(value), NORMAL_SIZE]
    if slip.notes:
        parts.append(LF)
    parts += [paragraph(bullet + note) for note in slip.notes]
    if slip.contact:
        parts += [LF, paragraph(slip.contact)]
    if slip.qr_payload:
        parts += [LF, CENTRE, qr_commands(slip.qr_payload), LF]
        if slip.qr_caption:
            parts.append(paragraph(slip.qr_caption))
        parts.append(LEFT)
    if slip.footer:
        parts += [LF, paragraph(slip.footer)]
    parts += [KANJI_OFF, ESC + b"d\x03", PARTIAL_CUT]
    return b"".join(parts)
