"""Provides the checks on the two personal fields a booking has: a kana name and a phone number.

Both are normalised (hiragana → katakana, full-width → ASCII digits, spaces and hyphens folded) so
the same person typed two ways is the same booking, and a 12-digit number can never pass as a phone.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

NAME_MAX = 30
_KATAKANA = re.compile(r"^[ァ-ヶー・ ]+$")
_PHONE = re.compile(r"^0[0-9]{9,10}$")
"""ASCII digits only: ``\\d`` would take any script's digits (٠١٢, ໑), which no phone dials."""
_PHONE_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−ー()（）]")
"""What residents type between the groups: spaces, hyphens and dashes of every width, the long
vowel mark an IME gives for "-", and brackets around the area code (after NFKC, so full-width
forms arrive here as their ASCII ones)."""

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2199, 12, 31)
"""The days a booking date may name: far wider than any booking horizon, and far enough inside
``datetime``'s range (years 1 to 9999) that the day after, the end of the week and the time zone
offset can never overflow into a 500."""


def name_kana(value: str) -> str:
    """A name in katakana with single spaces; raises ValueError with a reason otherwise."""
    text = unicodedata.normalize("NFKC", value).strip()
    text = "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in text)
    text = re.sub(r"\s+", " ", text)
    if not text:
        raise ValueError("enter a name in kana")
    if len(text) > NAME_MAX:
        raise ValueError(f"a name has at most {NAME_MAX} characters")
    if not _KATAKANA.match(text):
        raise ValueError("a name must be written in kana only")
    return text


def phone_number(value: str) -> str:
    """A Japanese phone number as digits only (10 or 11, starting with 0)."""
    digits = _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", value))
    if not _PHONE.fullmatch(digits):
        raise ValueError("a phone number has 10 or 11 digits and starts with 0")
    return digits


def ascii_form(value: object) -> object:
    """Full-width letters, digits and hyphens as ASCII (NFKC), as a code typed on a Japanese IME."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value
