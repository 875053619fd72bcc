"""My Number and PIN shapes: golden tables for the checks that keep them out of the kiosk."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from kiosk import i18n
from kiosk.privacy import check_digit, is_my_number, looks_like_pin, normalize_digits, reject_personal_numbers

REFUSAL = "Please do not enter your My Number here. The kiosk never needs it."


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = i18n.current_language()
    i18n.use_language("en")
    yield
    i18n.use_language(before)


# Computed by hand with the weights 6 5 4 3 2 7 6 5 4 3 2 (left to right); the remainder is shown.
CHECK_DIGITS = [
    ("12345678901", 8),   # 212 mod 11 = 3 → 11 − 3
    ("87654321098", 9),   # 211 mod 11 = 2 → 11 − 2
    ("98765432109", 3),   # remainder 8
    ("24681357902", 1),   # 208 mod 11 = 10 → 11 − 10
    ("12345678900", 0),   # 210 mod 11 = 1 → 0, not 10
    ("12345678905", 0),   # 220 mod 11 = 0 → 0, not 11
    ("00000000000", 0),
]


@pytest.mark.parametrize(("base", "expected"), CHECK_DIGITS)
def test_check_digit(base: str, expected: int) -> None:
    assert check_digit(base) == expected


@pytest.mark.parametrize("base", ["1234567890", "123456789012", "1234567890a", "１２３４５６７８９０１"])
def test_check_digit_wants_eleven_ascii_digits(base: str) -> None:
    with pytest.raises(ValueError):
        check_digit(base)


MY_NUMBERS = [
    "123456789018",
    "876543210989",
    "987654321093",
    "246813579021",
    "123456789000",
    "123456789050",
    "1234 5678 9018",
    "1234-5678-9018",
    "1234 - 5678 - 9018",
    "1234ー5678ー9018",              # long-vowel mark typed for a hyphen
    "１２３４５６７８９０１８",          # full-width
    "１２３４－５６７８－９０１８",
    "1234\u30005678\u30009018",      # ideographic spaces
    "1234\n5678\n9018",
    "私の番号は123456789018です",
    "My number is 2468-1357-9021, thanks.",
    "マイナンバー：８７６５ ４３２１ ０９８９。",
    "3 1234 5678 9018",             # a stray group before a whole number
    "電話 090-1234-5678、番号 9876-5432-1093",
]


@pytest.mark.parametrize("text", MY_NUMBERS)
def test_my_numbers_are_found(text: str) -> None:
    assert is_my_number(text)
    assert reject_personal_numbers(text) == REFUSAL


NOT_MY_NUMBERS = [
    "",
    "My Number",
    "123456789019",       # wrong check digit
    "123456789010",
    "876543210980",
    "1234 5678 9019",
    "12345678901",        # 11 digits
    "1234-5678-901",
    "1234567890180",      # 13 digits
    "0123456789018",      # 13 digits, though the last 12 pass
    "1234-5678-90180",
    "090-1234-5678",      # a phone number
    "〒100-0001 千代田区千代田1-1",
    "2026年4月1日 10:30",
    "1234.5678.9018",     # dots are not group separators
]


@pytest.mark.parametrize("text", NOT_MY_NUMBERS)
def test_other_numbers_are_not_my_numbers(text: str) -> None:
    assert not is_my_number(text)
    assert reject_personal_numbers(text) is None


def test_the_refusal_is_in_the_session_language(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kiosk.po").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                     f'msgid "{REFUSAL}"\nmsgstr "ここに マイナンバーを 入れないで ください。"\n',
                                     encoding="utf-8")
    monkeypatch.setenv("MADOGUCHI_LOCALES_DIR", str(tmp_path))
    i18n.catalog.cache_clear()
    try:
        i18n.use_language("ja")
        assert reject_personal_numbers("123456789018") == "ここに マイナンバーを 入れないで ください。"
    finally:
        i18n.catalog.cache_clear()


@pytest.mark.parametrize(("text", "expected"), [
    ("０１２３", "0123"),
    ("٠١٢٣", "0123"),          # Arabic-Indic digits
    ("ＡＢＣ－１", "ABC-1"),
])
def test_normalize_digits(text: str, expected: str) -> None:
    assert normalize_digits(text) == expected


PIN_LIKE = [
    "1234",
    "PIN 1234",
    "暗証番号は１２３４です",
    "0000",
    "ABC123",                 # signing password: 6–16 upper-case letters and digits, both
    "PASS2024X",
    "A1B2C3D4E5F6G7H8",       # 16
    "パスワードはＡＢＣＤ１２３４",
    "2026年",                 # errs towards caution: the caller asks, never accuses
]


@pytest.mark.parametrize("text", PIN_LIKE)
def test_pin_shapes_are_noticed(text: str) -> None:
    assert looks_like_pin(text)


NOT_PIN_LIKE = [
    "",
    "123",
    "12345",
    "123456",                 # digits only: not the password shape, and not 4 digits
    "2026-04-01",
    "10:30",
    "1,000円",
    "12.50",
    "abc123",                 # the card's password is upper case
    "ABCDEF",                 # no digit
    "A1B2C",                  # 5 characters
    "A1B2C3D4E5F6G7H8I",      # 17 characters
    "ABC123def",              # part of a longer word
    "やまだ たろう",
]


@pytest.mark.parametrize("text", NOT_PIN_LIKE)
def test_other_text_is_not_pin_like(text: str) -> None:
    assert not looks_like_pin(text)
