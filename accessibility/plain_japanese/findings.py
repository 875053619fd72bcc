"""Provides Finding, what every plain-Japanese rule reports, and the ids of the rules (RULES)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

RULES: tuple[str, ...] = (
    "sentence-length", "kanji-density", "kanji-run", "katakana-run", "desu-masu", "double-negative",
    "passive", "causative", "keigo", "loanword", "wareki", "24-hour-time", "range-tilde",
    "nominalised-verb", "vague", "difficult-word",
)
"""Every rule id check() can report, in the order of the research report's table (§1.2)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where the text breaks a plain-Japanese rule."""

    rule: str
    """Stable id from :data:`RULES`; content files and tests refer to it."""
    start: int
    """Offset of the first character, into the text exactly as passed to check()."""
    end: int
    """Offset just past the last character."""
    severity: Severity
    """"error" fails the content check; "warning" is shown to the editor."""
    message_ja: str
    message_en: str
    suggestion: str = ""
    """Replacement words when the rule knows them; empty otherwise."""


def finding(rule: str, start: int, end: int, severity: Severity, ja: str, en: str,
            suggestion: str = "") -> Finding:
    return Finding(rule=rule, start=start, end=end, severity=severity, message_ja=ja, message_en=en,
                   suggestion=suggestion)
