"""Booking slips read back with real tools: pdftotext, pdftoppm and zbarimg, and the bytes a printer gets."""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from kiosk.printing import (
    DevicePrinter,
    LpPrinter,
    PdfPrinter,
    PrintableSlip,
    PrintError,
    printer_from_setting,
    qr_payload_is_safe,
    qr_text,
    slip_escpos,
    slip_pdf,
)
from kiosk.printing.escpos import encode_text
from kiosk.printing.pdf import QR_WIDTH_MM, TEXT_PT, fit_font, runs
from kiosk.printing.slip import break_lines

PAYLOAD = "https://madoguchi.example.jp/r/K7M-4QX"
TITLE = "オンライン健康相談 予約票"
REFERENCE = "K7M-4QX"
WHEN = "2026年（令和8年）12月3日（木）午前10時30分"
SLIP = PrintableSlip(
    title=TITLE,
    lines=[("予約番号", REFERENCE), ("日時", WHEN), ("相談の 方法", "ビデオ通話（スマートフォン）")],
    notes=["保険証 または マイナ保険証", "お薬手帳"],
    contact="サンプル市 健康推進課（平日 8時30分〜17時15分） 電話 0120-000-000",
    qr_payload=PAYLOAD,
    footer="サンプルの 市です。この 紙に 個人情報は 書かれて いません。",
    language="ja",
    qr_caption="スマートフォンで 読み取ると 予約を 確認 できます",
)
UNSAFE = PrintableSlip(title=TITLE, lines=[], qr_payload="https://madoguchi.example.jp/r?tel=090-1234-5678")


def run(*command: str | Path) -> str:
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=60,
                          check=True).stdout


def compact(text: str) -> str:
    """Text without whitespace, so a value wrapped onto two lines still matches."""
    return "".join(text.split())


def decode_qr(image: Path) -> list[str]:
    """Every QR code zbarimg finds in ``image`` (only QR codes are looked for)."""
    out = run("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image)
    return out.splitlines()


def write_png(path: Path, pixels: list[list[bool]], scale: int) -> None:
    """A grayscale PNG of ``pixels`` (True = black), each scaled to scale × scale, in plain Python."""
    rows = []
    for row in pixels:
        line = b"\x00" + b"".join((b"\x00" if dark else b"\xff") * scale for dark in row)
        rows += [line] * scale

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", len(pixels[0]) * scale, len(pixels) * scale, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows)))
                     + chunk(b"IEND", b""))


# The PDF ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return slip_pdf(SLIP, tmp_path_factory.mktemp("pdf") / "slip.pdf")


def test_pdf_is_one_a6_page(pdf: Path) -> None:
    info = run("pdfinfo", pdf)
    assert "Pages:           1" in info
    assert "Page size:       297.64 x 419.53 pts" in info  # 105 × 148 mm


def test_pdf_text_can_be_extracted(pdf: Path) -> None:
    text = compact(run("pdftotext", "-enc", "UTF-8", pdf, "-"))
    for expected in (TITLE, REFERENCE, WHEN, "予約番号", "お薬手帳", "0120-000-000", "サンプルの市です。"):
        assert compact(expected) in text


def test_pdf_embeds_the_japanese_font(pdf: Path) -> None:
    fonts = run("pdffonts", pdf)
    assert "IPAGothic" in fonts
    assert " yes " in fonts.splitlines()[-1]  # embedded (subset)


def test_pdf_qr_code_scans_to_exactly_the_payload_and_is_wide_enough(pdf: Path, tmp_path: Path) -> None:
    run("pdftoppm", "-r", "150", "-png", pdf, tmp_path / "page")
    assert decode_qr(tmp_path / "page-1.png") == [PAYLOAD]
    assert QR_WIDTH_MM >= 25
    assert TEXT_PT >= 12


def test_runs_merge_neighbouring_dark_modules() -> None:
    assert list(runs([True, True, False, True, False, False, True])) == [(0, 2), (3, 1), (6, 1)]
    assert list(runs([False, False])) == []


def test_characters_the_font_lacks_fall_back_to_their_compatibility_form() -> None:
    covered = {ord(c) for c in "2:30 PM1"}
    assert fit_font("2:30\u202fPM", covered) == "2:30 PM"
    assert fit_font("①", covered) == "1"
    assert fit_font("한", covered) == "한"  # nothing better: left for fpdf2 to report


def test_english_slip_wraps_at_spaces_and_reads_back(tmp_path: Path) -> None:
    english = PrintableSlip(title="Online health consultation", lines=[("Booking number", REFERENCE),
                            ("Date", "Thursday, December 3, 2026, 10:30\u202fAM")],
                            notes=["Your health insurance card"], contact="Sample City health office",
                            qr_payload=PAYLOAD, language="en")
    path = slip_pdf(english, tmp_path / "en.pdf")
    text = " ".join(run("pdftotext", "-enc", "UTF-8", path, "-").split())
    assert "Online health consultation" in text
    assert "Date Thursday, December 3, 2026, 10:30 AM" in text  # the font has no U+202F: a space
    run("pdftoppm", "-r", "150", "-png", path, tmp_path / "page")
    assert decode_qr(tmp_path / "page-1.png") == [PAYLOAD]


def test_a_missing_font_is_a_clear_print_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MADOGUCHI_SLIP_FONT", str(tmp_path / "missing.ttf"))
    with pytest.raises(PrintError) as caught:
        slip_pdf(SLIP, tmp_path / "slip.pdf")
    assert caught.value.reason == "no_font"
    assert "fonts-ipafont-gothic" in str(caught.value)
    assert not (tmp_path / "slip.pdf").exists()


def test_a_file_that_is_not_a_font_is_a_clear_print_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken.ttf").write_text("not a font")
    monkeypatch.setenv("MADOGUCHI_SLIP_FONT", str(tmp_path / "broken.ttf"))
    with pytest.raises(PrintError) as caught:
        slip_pdf(SLIP, tmp_path / "slip.pdf")
    assert caught.value.reason == "no_font"


# The QR code on screen --------------------------------------------------------------------------

def test_terminal_qr_code_scans_to_exactly_the_payload(tmp_path: Path) -> None:
    lines = qr_text(PAYLOAD)
    assert set("".join(lines)) <= {" ", "▀", "▄", "█"}
    assert len({len(line) for line in lines}) == 1
    modules = []
    for line in lines:
        modules.append([char in "▀█" for char in line])
        modules.append([char in "▄█" for char in line])
    assert not any(modules[0] + modules[1] + modules[2] + modules[3])  # quiet zone above
    assert not any(any(row[:4] + row[-4:]) for row in modules)  # and beside
    write_png(tmp_path / "screen.png", modules, scale=4)
    assert decode_qr(tmp_path / "screen.png") == [PAYLOAD]


# The receipt printer ----------------------------------------------------------------------------

def test_escpos_job_initialises_prints_shift_jis_and_the_qr_code_then_cuts() -> None:
    job = slip_escpos(SLIP)
    assert job.startswith(b"\x1b@")
    assert b"\x1cC\x01" in job and b"\x1c&" in job  # Shift_JIS Kanji code system, Kanji mode
    assert b"\x1d!\x11" + "オンライン健康相談\n予約票\n".encode("shift_jis") in job  # double size: 24 columns
    assert REFERENCE.encode("shift_jis") in job
    assert WHEN.encode("shift_jis") in job
    data = PAYLOAD.encode("ascii")
    store = b"\x1d(k" + struct.pack("<H", len(data) + 3) + b"1P0" + data
    assert store in job
    assert b"\x1d(k\x04\x001A2\x00" in job  # model 2
    assert b"\x1d(k\x03\x001E1" in job  # error correction M
    assert job.index(store) < job.index(b"\x1d(k\x03\x001Q0")  # stored, then printed
    assert job.endswith(b"\x1dVB\x00")  # feed to the cutter, partial cut


def test_escpos_lines_fit_the_paper_and_keep_numbers_whole() -> None:
    slip = PrintableSlip(title=TITLE, lines=[("日時", "午前10時30分から 午前11時まで、" * 3)])
    text = slip_escpos(slip).split(b"\x1d!\x01")[1].split(b"\x1d!\x00")[0]
    lines = text.decode("shift_jis").splitlines()
    assert len(lines) > 1
    assert all(len(line.encode("shift_jis")) <= 48 for line in lines)
    assert not any(line.startswith(("0時", "時", "、")) for line in lines)
    assert "".join(lines).replace(" ", "") == "午前10時30分から午前11時まで、" * 3


def test_lines_break_between_words_and_characters_but_not_inside_numbers() -> None:
    assert break_lines("2026年（令和8年）12月3日（木）午前10時30分", lambda line: len(line) <= 16) == [
        "2026年（令和8年）12月3日", "（木）午前10時30分"]
    assert break_lines("お薬手帳を 持って きて ください。", lambda line: len(line) <= 6) == [
        "お薬手帳を", "持って きて", "ください。"]  # plain Japanese: at the spaces between phrases
    assert break_lines("オンライン健康相談 予約票", lambda line: len(line) <= 12) == ["オンライン健康相談", "予約票"]
    assert break_lines("Thursday, December 3", lambda line: len(line) <= 12) == ["Thursday,", "December 3"]
    assert break_lines("ABCDEFGHIJ", lambda line: len(line) <= 4) == ["ABCD", "EFGH", "IJ"]


def test_escpos_text_never_crashes_on_characters_shift_jis_lacks() -> None:
    assert encode_text("～８時") == "〜８時".encode("shift_jis")  # Windows wave dash → JIS wave dash
    assert encode_text("①") == b"1"
    assert encode_text("Tiếng Việt") == b"Tieng Viet"
    assert encode_text("한국어 🙂") == b"??? ?"
    assert encode_text("a\x1b@b") == b"a@b"  # text cannot smuggle in commands
    job = slip_escpos(PrintableSlip(title="예약 확인", lines=[("번호", REFERENCE)], language="ko"))
    assert REFERENCE.encode() in job


def test_device_printer_writes_the_job_to_the_device_file(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.touch()
    result = DevicePrinter(device).print_slip(SLIP)
    assert device.read_bytes() == slip_escpos(SLIP)
    assert result.destination == str(device)


def test_a_missing_device_is_no_printer_and_is_not_created(tmp_path: Path) -> None:
    device = tmp_path / "usb" / "lp0"
    with pytest.raises(PrintError) as caught:
        DevicePrinter(device).print_slip(SLIP)
    assert caught.value.reason == "no_printer"
    assert caught.value.title == "The printer is not connected"
    assert not device.exists()


def test_lp_printer_reports_a_missing_lp_and_a_failing_one(tmp_path: Path) -> None:
    with pytest.raises(PrintError) as missing:
        LpPrinter("receipt", lp=str(tmp_path / "no-lp")).print_slip(SLIP)
    assert missing.value.reason == "no_printer"
    with pytest.raises(PrintError) as failing:
        LpPrinter("receipt", lp="false").print_slip(SLIP)
    assert failing.value.reason == "printer_failed"


# PDF printer and settings -----------------------------------------------------------------------

def test_pdf_printer_writes_into_its_folder_and_discards_what_it_wrote(tmp_path: Path) -> None:
    folder = tmp_path / "slips"
    printer = PdfPrinter(folder)
    first, second = printer.print_slip(SLIP), printer.print_slip(SLIP)
    assert first.path is not None and second.path is not None and first.path != second.path
    assert first.path.parent == folder and first.path.name.startswith("slip-") and first.path.suffix == ".pdf"
    assert first.path.read_bytes().startswith(b"%PDF")
    (folder / "other.pdf").write_bytes(b"not ours")
    printer.discard()
    assert sorted(p.name for p in folder.iterdir()) == ["other.pdf"]


def test_pdf_printer_that_cannot_write_is_printer_failed(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    with pytest.raises(PrintError) as caught:
        PdfPrinter(tmp_path / "a-file").print_slip(SLIP)
    assert caught.value.reason == "printer_failed"


def test_printer_from_setting() -> None:
    default = printer_from_setting(None, Path("/default"))
    assert isinstance(default, PdfPrinter) and default.folder == Path("/default")
    blank = printer_from_setting(" ", Path("/default"))
    assert isinstance(blank, PdfPrinter) and blank.folder == Path("/default")
    pdf = printer_from_setting("pdf:/srv/slips", Path("/default"))
    assert isinstance(pdf, PdfPrinter) and pdf.folder == Path("/srv/slips")
    device = printer_from_setting("device:/dev/usb/lp0", Path("/default"))
    assert isinstance(device, DevicePrinter) and device.path == Path("/dev/usb/lp0")
    queue = printer_from_setting("lp:receipt", Path("/default"))
    assert isinstance(queue, LpPrinter) and queue.queue == "receipt"


@pytest.mark.parametrize("setting", ["usb:/dev/usb/lp0", "device:", "/dev/usb/lp0", "lp"])
def test_a_bad_printer_setting_is_a_value_error(setting: str) -> None:
    with pytest.raises(ValueError):
        printer_from_setting(setting, Path("/default"))


# No personal data in a QR code ------------------------------------------------------------------

@pytest.mark.parametrize(("payload", "safe"), [
    (PAYLOAD, True),
    ("https://madoguchi.example.jp/r/K7M-4QX?d=20261203", True),
    ("http://192.168.100.200:8000/r/K7M-4QX", True),
    ("https://x.jp/r?tel=090-1234-5678", False),
    ("https://x.jp/r?tel=09012345678", False),
    ("https://x.jp/r?tel=03-1234-5678", False),
    ("https://x.jp/r?tel=(03)1234-5678", False),
    ("https://x.jp/r?tel=+81 90 1234 5678", False),
    ("https://x.jp/r?tel=０９０ー１２３４ー５６７８", False),
    ("https://x.jp/r?tel=090%2D1234%2D5678", False),
    ("https://x.jp/r?n=123456789012", False),
    ("https://x.jp/r?n=1234 5678 9012", False),
])
def test_qr_payload_is_safe(payload: str, safe: bool) -> None:
    assert qr_payload_is_safe(payload) is safe


def test_every_renderer_refuses_an_unsafe_payload(tmp_path: Path) -> None:
    assert UNSAFE.qr_payload is not None
    with pytest.raises(ValueError):
        qr_text(UNSAFE.qr_payload)
    with pytest.raises(ValueError):
        slip_pdf(UNSAFE, tmp_path / "slip.pdf")
    with pytest.raises(ValueError):
        slip_escpos(UNSAFE)
    printer = PdfPrinter(tmp_path / "slips")
    with pytest.raises(ValueError):
        printer.print_slip(UNSAFE)
    assert not (tmp_path / "slip.pdf").exists() and not (tmp_path / "slips").exists()


@pytest.mark.parametrize(("page_url", "promises_a_check"), [("", False), ("https://city.example.jp/yoyaku", True)])
def test_the_caption_promises_a_check_only_where_the_code_opens_a_booking_page(page_url: str,
                                                                              promises_a_check: bool) -> None:
    """Without the municipality's booking page the code holds MADOGUCHI:code:REF, which a phone
    shows as text: 'scan to check your booking' was a promise nothing kept (issue 12)."""
    from kiosk.booking import qr_caption, qr_payload
    from kiosk.i18n import use_language

    use_language("en")
    try:
        values = {"booking_page_url": page_url}
        payload = qr_payload("ABC123", "demo", values)
        assert payload.startswith("https://") is promises_a_check
        assert ("check your booking" in qr_caption(values)) is promises_a_check
        use_language("ja")
        assert ("確かめられます" in qr_caption(values)) is promises_a_check
    finally:
        use_language("ja")
