"""Provides checks for the numbers Madoguchi must never take: a My Number, a card PIN, a phone number.

Pure functions, shared by the kiosk (entry widgets refuse them as they are typed) and the backend
(volunteers' notes are refused when they hold one). The kiosk never collects the 12-digit My Number
(個人番号) and never takes any of the My Number Card's PINs or passwords (facts brief §8.1 and
§8.2). Entry widgets and free-text notes call these pure functions on every change and refuse,
kindly, what looks like one of them.

My Number check digit (個人番号の検査用数字), as laid down by 平成26年総務省令第85号
(「行政手続における特定の個人を識別するための番号の利用等に関する法律施行令第八条及び第十条に
規定する総務省令で定める算式等を定める省令」) 第五条::

    check digit = 11 − (Σ_{n=1..11} Pn × Qn) mod 11,  or 0 when (Σ Pn × Qn) mod 11 ≤ 1
    Pn = the n-th digit of the first eleven, counted from the right (n = 1 is the 11th digit)
    Qn = n + 1 for 1 ≤ n ≤ 6, n − 5 for 7 ≤ n ≤ 11

So, read left to right, the eleven digits are weighted 6 5 4 3 2 7 6 5 4 3 2. The ordinance text is
on e-Gov 法令検索 (law.e-gov.go.jp); it was checked against public restatements of 第五条 that
quote it (e.g. mynumber.okinawa-spot.com/core/archives/227, 99zz.net/?p=137) and a worked
example (qiita.com/ekzemplaro/items/6e4e782c00d29fda15a9), all of which agree with the above.
"""

from __future__ import annotations

import re
import unicodedata

MY_NUMBER_LENGTH = 12

_WEIGHTS = (6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
"""Qn for the first eleven digits, read left to right (n = 11 … 1)."""

_SEPARATOR = r"[\s\-‐‑‒–—―−ー]"
"""What residents put between digit groups: spaces, hyphens and dashes, and the long-vowel mark
that Japanese keyboards often type for a hyphen. Full-width forms are folded by NFKC first."""

_DIGIT_RUN = re.compile(rf"[0-9]+(?:{_SEPARATOR}{{1,3}}[0-9]+)*")
_DIGIT_GROUP = re.compile(r"[0-9]+")
_FOUR_DIGITS = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_NUMBER_PUNCTUATION = "-/:.,"
"""A 4-digit number joined to other digits by one of these is part of a date, time or amount."""
_ALPHANUMERIC = re.compile(r"(?<![A-Za-z0-9])[A-Z0-9]{6,16}(?![A-Za-z0-9])")


def normalize_digits(text: str) -> str:
    """Fold full-width forms (NFKC) and any script's decimal digits to ASCII digits."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in folded)


def check_digit(base: str) -> int:
    """The My Number check digit for ``base``, the first eleven digits (ASCII).

    Raises:
        ValueError: ``base`` is not exactly eleven ASCII digits.
    """
    if len(base) != MY_NUMBER_LENGTH - 1 or not (base.isascii() and base.isdigit()):
        raise ValueError("a My Number base is eleven digits")
    remainder = sum(int(digit) * weight for digit, weight in zip(base, _WEIGHTS, strict=True)) % 11
    return 0 if remainder <= 1 else 11 - remainder


def _is_valid_my_number(digits: str) -> bool:
    return len(digits) == MY_NUMBER_LENGTH and check_digit(digits[:-1]) == int(digits[-1])


def is_my_number(text: str) -> bool:
    """Whether ``text`` contains a 12-digit number that passes the My Number check digit.

    Digits may be full-width, and groups may be split by spaces, hyphens or dashes
    ("1234 5678 9012", "1234-5678-9012", "１２３４－５６７８－９０１２"). A candidate is any run of
    whole digit groups with twelve digits in all, so an unbroken run of 11 or 13 digits is not one,
    but "3 1234 5678 9012" is checked as "1234 5678 9012". This errs towards refusing: one
    12-digit number in eleven passes the check by chance.
    """
    for run in _DIGIT_RUN.finditer(normalize_digits(text)):
        groups = _DIGIT_GROUP.findall(run.group())
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                digits += group
                if len(digits) >= MY_NUMBER_LENGTH:
                    break
            if _is_valid_my_number(digits):
                return True
    return False


def looks_like_pin(text: str) -> bool:
    """Whether ``text`` contains something shaped like one of the My Number Card's PINs.

    The card has three 4-digit PINs (利用者証明用, 住民基本台帳用, 券面事項入力補助用) and a
    signing password of 6–16 upper-case letters and digits with both in it (署名用). So this is true
    for a standalone 4-digit number (not part of a longer number, date, time or amount such as
    "2026-04-01", "10:30" or "1,000") or a 6–16 character token of upper-case letters and digits
    that has both. It errs towards caution: "2026年" and "NHK2026" match, so a caller should ask
    the resident, not accuse them.
    """
    folded = normalize_digits(text)
    for match in _FOUR_DIGITS.finditer(folded):
        before = folded[match.start() - 2:match.start()]
        after = folded[match.end():match.end() + 2]
        joined_before = len(before) == 2 and before[1] in _NUMBER_PUNCTUATION and before[0].isdigit()
        joined_after = len(after) == 2 and after[0] in _NUMBER_PUNCTUATION and after[1].isdigit()
        if not (joined_before or joined_after):
            return True
    return any(any(c.isdigit() for c in m.group()) and any(c.isalpha() for c in m.group())
               for m in _ALPHANUMERIC.finditer(folded))


_PHONE = re.compile(rf"(?<![0-9])(?:\+81{_SEPARATOR}?|0)[0-9]{{1,4}}(?:{_SEPARATOR}?[0-9]{{1,4}}){{1,3}}(?![0-9])")


_ORGANISATION_PREFIXES = ("0120", "0800", "0570")


def looks_like_phone(text: str) -> bool:
    """Whether ``text`` contains a Japanese phone number: 10 or 11 digits from 0 (or +81), in
    groups or not ("090-1234-5678", "03 1234 5678", "０９０１２３４５６７８", "+81 90 1234 5678").
    Toll-free and navigation-dial numbers (0120, 0800, 0570) belong to organisations, such as the
    My Number call centre, so a note may name them."""
    for match in _PHONE.finditer(normalize_digits(text)):
        digits = re.sub(r"[^0-9]", "", match.group())
        if match.group().startswith("+81"):
            digits = "0" + digits[2:]
        if 10 <= len(digits) <= 11 and not digits.startswith(_ORGANISATION_PREFIXES):
            return True
    return False
