"""Provides the words the console shows for the API's codes, and the waiting-time format.

The dictionaries hold English msgids; the functions below give them in the console's language.
"""

from __future__ import annotations

from datetime import UTC, datetime

from console.i18n import N_, _

REASONS = {
    "cant_read": N_("Can't read"),
    "dont_understand": N_("Doesn't understand"),
    "want_to_book": N_("Wants to book"),
    "other": N_("Other"),
}
MODES = {"plain": N_("plain Japanese"), "furigana": N_("furigana"), "high_contrast": N_("high contrast"),
         "read_aloud": N_("read aloud")}
LANGUAGES = {"ja": "日本語", "en": "English", "zh_Hans": "中文（简体）", "ko": "한국어", "vi": "Tiếng Việt",
             "pt_BR": "Português", "ne": "नेपाली", "fil": "Filipino", "id": "Bahasa Indonesia"}
SUGGESTIONS = {
    "open_summary": N_("Answer summary"),
    "plain_on": N_("Plain Japanese"),
    "furigana_on": N_("Furigana"),
    "high_contrast_on": N_("High contrast"),
    "read_aloud": N_("Read aloud"),
    "go_home": N_("Home"),
}
SUGGESTION_STATUS = {"pending": N_("waiting for the resident"), "accepted": N_("accepted"), "declined": N_("declined")}
OUTCOMES = {
    "solved": N_("Solved"),
    "booked": N_("Booked"),
    "sent_to_counter": N_("Sent to the counter"),
    "not_solved": N_("Not solved"),
    "other": N_("Other"),
}
STATUS = {"open": N_("Waiting"), "accepted": N_("Accepted"), "resolved": N_("Resolved"), "cancelled": N_("Cancelled")}


def _word(words: dict[str, str], code: str) -> str:
    return _(words[code]) if code in words else code


def reason(code: str) -> str:
    return _word(REASONS, code)


def suggestion(code: str) -> str:
    return _word(SUGGESTIONS, code)


def suggestion_status(code: str) -> str:
    return _word(SUGGESTION_STATUS, code)


def outcome(code: str) -> str:
    return _word(OUTCOMES, code)


def status(code: str) -> str:
    return _word(STATUS, code)


def language(code: str) -> str:
    name = LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


def modes(names: tuple[str, ...]) -> str:
    return _(", ").join(_word(MODES, name) for name in names) or "—"


def waiting(since: datetime | None, now: datetime | None = None) -> str:
    """Minutes and seconds since ``since`` as mm:ss (never negative: the clocks may differ a little)."""
    if since is None:
        return "—"
    now = now or datetime.now(UTC)
    seconds = max(0, int((now - since).total_seconds()))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
