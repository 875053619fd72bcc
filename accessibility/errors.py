"""Provides AccessibilityError and its kinds."""

from __future__ import annotations


class AccessibilityError(Exception):
    """Root of the accessibility package's errors."""


class SpeechUnavailable(AccessibilityError):
    """No speech engine or audio device: the kiosk carries on visually, with a notice."""


class DictionaryMissing(AccessibilityError):
    """The tokenizer's dictionary (UniDic) is not installed."""
