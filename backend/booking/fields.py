"""Provides the checks on the two personal fields a booking has: a kana name and a phone number.

Both are normalised (hiragana → katakana, full-width → ASCII digits, spaces and hyphens folded) so
the same person typed two ways is the same booking, and a 12-digit number can never pass as a phone.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX = 30
_KATAKANA = re.compile(r"^[ァ-ヶー・ ]+$")
_PHONE = re.compile(r"^0\d{9,10}$")


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
    digits = re.sub(r"[\s\-‐ー()（）]", "", unicodedata.normalize("NFKC", value))
    if not _PHONE.match(digits):
        raise ValueError("a phone number has 10 or 11 digits and starts with 0")
    return digits
