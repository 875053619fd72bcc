"""Provides the words the console shows for the API's codes, and the waiting-time format."""

from __future__ import annotations

from datetime import datetime, timezone

REASONS = {
    "cant_read": "Can't read",
    "dont_understand": "Doesn't understand",
    "want_to_book": "Wants to book",
    "other": "Other",
}
MODES = {"plain": "plain Japanese", "furigana": "furigana", "high_contrast": "high contrast",
         "read_aloud": "read aloud"}
LANGUAGES = {"ja": "日本語", "en": "English", "zh_Hans": "中文（简体）", "ko": "한국어", "vi": "Tiếng Việt",
             "pt_BR": "Português", "ne": "नेपाली", "fil": "Filipino", "id": "Bahasa Indonesia"}
SUGGESTIONS = {
    "open_summary": "Answer summary",
    "plain_on": "Plain Japanese",
    "furigana_on": "Furigana",
    "high_contrast_on": "High contrast",
    "read_aloud": "Read aloud",
    "go_home": "Home",
}
SUGGESTION_STATUS = {"pending": "waiting for the resident", "accepted": "accepted", "declined": "declined"}
OUTCOMES = {
    "solved": "Solved",
    "booked": "Booked",
    "sent_to_counter": "Sent to the counter",
    "not_solved": "Not solved",
    "other": "Other",
}
STATUS = {"open": "Waiting", "accepted": "Accepted", "resolved": "Resolved", "cancelled": "Cancelled"}


def reason(code: str) -> str:
    return REASONS.get(code, code)


def language(code: str) -> str:
    name = LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


def modes(names: tuple[str, ...]) -> str:
    return ", ".join(MODES.get(name, name) for name in names) or "—"


def waiting(since: datetime | None, now: datetime | None = None) -> str:
    """Minutes and seconds since ``since`` as mm:ss (never negative: the clocks may differ a little)."""
    if since is None:
        return "—"
    now = now or datetime.now(timezone.utc)
    seconds = max(0, int((now - since).total_seconds()))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"
