"""Provides slip_pdf: the booking slip as an A6 PDF in IPA Gothic, with the QR code in vector squares.

The PDF goes to an office printer or is handed over by a helper. Its text stays text (pdftotext
reads it back), so a screen reader or a search finds the booking reference too.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Container, Iterator
from pathlib import Path

from fontTools.ttLib import TTLibError  # fpdf2 depends on fontTools
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import TTFFont

from kiosk.printing.qr import QUIET_ZONE, qr_matrix
from kiosk.printing.slip import PrintableSlip, PrintError, break_lines

FONT_ENV = "MADOGUCHI_SLIP_FONT"
"""A TrueType font file to print slips in, instead of the first of FONT_PATHS that exists."""
FONT_PATHS = (
    Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"),
    Path("/usr/share/fonts/truetype/fonts-japanese-gothic.ttf"),
    Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"),
)
"""IPA Gothic (Debian fonts-ipafont-gothic), the Debian alternatives link any installed Japanese
gothic font registers, and IPAex Gothic (fonts-ipaexfont-gothic). All are TrueType outlines, which
fpdf2 embeds as subsets with a ToUnicode map, so the text stays extractable."""
FONT_PACKAGE = "fonts-ipafont-gothic"

PAGE_MM = (105.0, 148.0)
"""A6 portrait (fpdf2 names A3–A5, not A6): fits a pocket, and any office printer takes it."""
MARGIN_MM = 8.0
TITLE_PT, VALUE_PT, TEXT_PT = 18.0, 14.0, 12.0
"""Large type for older eyes: nothing on the slip is smaller than 12 pt."""
QR_WIDTH_MM = 30.0
"""The symbol without its quiet zone; 25 mm or more is easy for a phone at arm's length."""
_MM_PER_PT = 25.4 / 72
_LEADING = 1.35
_FAMILY = "slip"
_CJK = ("ja", "zh_Hans")
"""Languages whose list bullet is the full-width middle dot."""
_FIELD_GAP_MM, _FIELD_AFTER_MM = 3.0, 1.5


def find_font() -> Path:
    """The font slips are printed in: MADOGUCHI_SLIP_FONT, else the first of FONT_PATHS found.

    Raises:
        PrintError: reason "no_font", naming the Debian package to install.
    """
    chosen = os.environ.get(FONT_ENV)
    if chosen:
        if Path(chosen).is_file():
            return Path(chosen)
        raise PrintError("no_font", f"{FONT_ENV}={chosen} is not a font file; unset it to use {FONT_PACKAGE}")
    for path in FONT_PATHS:
        if path.is_file():
            return path
    raise PrintError("no_font", f"no Japanese font found (looked in {', '.join(map(str, FONT_PATHS))}); "
                                f"install the Debian package {FONT_PACKAGE} or set {FONT_ENV}")


def runs(row: list[bool]) -> Iterator[tuple[int, int]]:
    """(start, length) of each stretch of dark modules in ``row``.

    One rectangle per stretch rather than per module: no hairline seams between neighbouring
    modules when the page is rasterised, and a smaller file.
    """
    start = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None


def fit_font(text: str, covered: Container[int]) -> str:
    """``text`` with each character the font lacks replaced by its NFKC form when the font has
    that (U+202F narrow no-break space in English times → space, ① → 1). What stays missing is
    left for fpdf2, which warns in the log; IPA Gothic has no Hangul, Devanagari or Vietnamese
    tone marks."""
    def fitted(char: str) -> str:
        if ord(char) in covered:
            return char
        folded = unicodedata.normalize("NFKC", char)
        return folded if all(ord(c) in covered for c in folded) else char
    return "".join(fitted(char) for char in text)


def bcp47(language: str) -> str:
    """kiosk.i18n codes ("zh_Hans", "pt_BR") as PDF /Lang tags ("zh-Hans", "pt-BR")."""
    return language.replace("_", "-")


def slip_pdf_bytes(slip: PrintableSlip, font: Path | None = None) -> bytes:
    """The slip as PDF bytes, in ``font`` (default: find_font()).

    Raises:
        PrintError: no Japanese font is installed (reason "no_font").
        ValueError: the QR payload looks like it carries personal numbers.
    """
    pdf = FPDF(orientation="portrait", unit="mm", format=PAGE_MM)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM)
    font = font or find_font()
    try:
        pdf.add_font(_FAMILY, fname=str(font))
    except (OSError, TTLibError) as error:
        raise PrintError("no_font", f"cannot read the font {font}: {error}; install {FONT_PACKAGE}") from error
    loaded = pdf.fonts[_FAMILY]
    covered = loaded.cmap if isinstance(loaded, TTFFont) else {}
    pdf.set_lang(bcp47(slip.language))
    pdf.set_title(slip.title)
    pdf.set_creator("Madoguchi")
    pdf.add_page()

    def paragraph(text: str, size: float, *, width: float = 0, after: float = 0.0) -> None:
        pdf.set_font(_FAMILY, size=size)
        width = width or pdf.w - pdf.r_margin - pdf.get_x()
        room = width - 2 * pdf.c_margin
        lines = break_lines(fit_font(text, covered), lambda line: pdf.get_string_width(line) <= room)
        pdf.multi_cell(width, size * _MM_PER_PT * _LEADING, "\n".join(lines), align="L",
                       new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.ln(after)

    def field(label: str, value: str) -> None:
        """Label and value side by side when both fit on one line, else the value below."""
        label, value = fit_font(label, covered), fit_font(value, covered)
        pdf.set_font(_FAMILY, size=TEXT_PT)
        label_width = pdf.get_string_width(label) + 2 * pdf.c_margin + _FIELD_GAP_MM
        pdf.set_font(_FAMILY, size=VALUE_PT)
        value_width = pdf.get_string_width(value) + 2 * pdf.c_margin
        if "\n" in value or label_width + value_width > pdf.epw:
            paragraph(label, TEXT_PT)
            paragraph(value, VALUE_PT, after=_FIELD_AFTER_MM)
            return
        height = VALUE_PT * _MM_PER_PT * _LEADING
        pdf.set_font(_FAMILY, size=TEXT_PT)
        pdf.cell(label_width, height, label)
        pdf.set_font(_FAMILY, size=VALUE_PT)
        pdf.cell(value_width, height, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(_FIELD_AFTER_MM)

    paragraph(slip.title, TITLE_PT, after=1.0)
    pdf.line(MARGIN_MM, pdf.get_y(), pdf.w - MARGIN_MM, pdf.get_y())
    pdf.ln(2.0)
    for label, value in slip.lines:
        field(label, value)
    bullet = "・" if slip.language in _CJK else "• "
    for note in slip.notes:
        paragraph(bullet + note, TEXT_PT)
    if slip.contact:
        paragraph(slip.contact, TEXT_PT, after=1.0)
    if slip.qr_payload:
        right, bottom = _draw_qr(pdf, slip.qr_payload)
        if slip.qr_caption:
            pdf.set_x(right)
            paragraph(slip.qr_caption, TEXT_PT, width=pdf.w - MARGIN_MM - right)
        pdf.set_xy(MARGIN_MM, max(bottom, pdf.get_y()))
    if slip.footer:
        pdf.ln(1.0)
        paragraph(slip.footer, TEXT_PT)
    return bytes(pdf.output())


def _draw_qr(pdf: FPDF, payload: str) -> tuple[float, float]:
    """The QR code at the left margin (wider than the quiet zone), as filled rectangles, with its
    quiet zone kept clear above, below and before the caption.

    Returns where the caption may start beside it (x) and where the quiet zone ends below (y);
    the caption sits beside the code rather than under it, so a typical slip fits one A6 page.
    """
    matrix = qr_matrix(payload)
    module = QR_WIDTH_MM / len(matrix)
    quiet = QUIET_ZONE * module
    if pdf.will_page_break(QR_WIDTH_MM + 2 * quiet):
        pdf.add_page()
    left, top = MARGIN_MM, pdf.get_y() + quiet
    pdf.set_fill_color(0, 0, 0)
    for y, row in enumerate(matrix):
        for start, length in runs(row):
            pdf.rect(left + start * module, top + y * module, length * module, module, style="F")
    pdf.set_y(top)
    return left + QR_WIDTH_MM + quiet, top + QR_WIDTH_MM + quiet


def slip_pdf(slip: PrintableSlip, path: Path) -> Path:
    """Write the slip as a PDF to ``path`` and return it.

    Raises:
        PrintError: no Japanese font is installed (reason "no_font").
        ValueError: the QR payload looks like it carries personal numbers.
        OSError: the file could not be written (PdfPrinter turns this into a PrintError).
    """
    data = slip_pdf_bytes(slip)
    path.write_bytes(data)
    return path
