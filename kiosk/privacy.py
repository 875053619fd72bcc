"""Provides the kiosk's kind refusal of personal numbers; the checks themselves are privacy/."""

from __future__ import annotations

from kiosk.i18n import _
from privacy.numbers import MY_NUMBER_LENGTH, check_digit, is_my_number, looks_like_pin, normalize_digits

__all__ = ["MY_NUMBER_LENGTH", "check_digit", "is_my_number", "looks_like_pin", "normalize_digits",
           "reject_personal_numbers"]


def reject_personal_numbers(text: str) -> str | None:
    """A short, kind explanation to show (and speak) when ``text`` holds a My Number; else None."""
    if is_my_number(text):
        return _("Please do not enter your My Number here. The kiosk never needs it.")
    return None
