"""Provides the kiosk's two themes: the default, and high contrast.

Every colour the kiosk's CSS uses comes from these variables, so tests/kiosk/test_contrast.py can
compute WCAG contrast ratios from them: text ≥ 4.5:1 in the default theme and ≥ 7:1 in high
contrast, and the focus indicator ≥ 3:1 against what surrounds it (K14).
"""

from __future__ import annotations

from textual.theme import Theme

DEFAULT, HIGH_CONTRAST = "madoguchi", "madoguchi-contrast"

_DEFAULT_COLOURS = {
    "kiosk-bg": "#0f1d2b",
    "kiosk-text": "#f4f6f8",
    "kiosk-muted": "#b9c6d2",
    "kiosk-accent": "#8fd3ff",
    "kiosk-button-bg": "#23394f",
    "kiosk-button-fg": "#ffffff",
    "kiosk-focus-bg": "#ffd43b",
    "kiosk-focus-fg": "#000000",
    "kiosk-bar-bg": "#1f4e79",
    "kiosk-bar-fg": "#ffffff",
    "kiosk-banner-bg": "#f4c542",
    "kiosk-banner-fg": "#1a1a1a",
    "kiosk-notice-border": "#f4c542",
    "kiosk-speaking-bg": "#2f5d3a",
}

_CONTRAST_COLOURS = {
    "kiosk-bg": "#000000",
    "kiosk-text": "#ffffff",
    "kiosk-muted": "#e6e6e6",
    "kiosk-accent": "#ffff00",
    "kiosk-button-bg": "#000000",
    "kiosk-button-fg": "#ffffff",
    "kiosk-focus-bg": "#ffff00",
    "kiosk-focus-fg": "#000000",
    "kiosk-bar-bg": "#ffffff",
    "kiosk-bar-fg": "#000000",
    "kiosk-banner-bg": "#ffff00",
    "kiosk-banner-fg": "#000000",
    "kiosk-notice-border": "#ffff00",
    "kiosk-speaking-bg": "#00307a",
}

THEMES = (
    Theme(name=DEFAULT, primary="#1f4e79", secondary="#8fd3ff", warning="#f4c542", accent="#8fd3ff",
          foreground="#f4f6f8", background="#0f1d2b", surface="#0f1d2b", panel="#16293b", dark=True,
          variables=_DEFAULT_COLOURS),
    Theme(name=HIGH_CONTRAST, primary="#ffffff", secondary="#ffff00", warning="#ffff00", accent="#ffff00",
          foreground="#ffffff", background="#000000", surface="#000000", panel="#000000", dark=True,
          variables=_CONTRAST_COLOURS),
)

TEXT_PAIRS = (
    ("kiosk-text", "kiosk-bg"), ("kiosk-muted", "kiosk-bg"), ("kiosk-accent", "kiosk-bg"),
    ("kiosk-button-fg", "kiosk-button-bg"), ("kiosk-focus-fg", "kiosk-focus-bg"),
    ("kiosk-bar-fg", "kiosk-bar-bg"), ("kiosk-banner-fg", "kiosk-banner-bg"), ("kiosk-text", "kiosk-speaking-bg"),
)
"""(foreground, background) pairs of every text the kiosk shows."""
FOCUS_PAIRS = (("kiosk-focus-bg", "kiosk-button-bg"), ("kiosk-focus-bg", "kiosk-bg"))
"""The focused button against an unfocused one and against the page: ≥ 3:1."""
