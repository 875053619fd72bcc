"""Provides the kiosk's keys: one list of bindings, by id so a site can remap them for its keypad.

The app holds them; a dialog holds the same ids pointing at the app's actions, because Textual
stops a modal screen's key lookup before the app (issue 12: on a dialog, − * . did nothing although
the key bar named them).
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding

# Every action works from a numeric keypad alone: digits choose, Enter confirms, − back,
# * help, / read aloud, 0 settings, . finish. Function keys do the same on a keyboard.
KIOSK_BINDINGS: tuple[Binding, ...] = (
    Binding("escape,backspace,minus", "back", "Back", id="back", tooltip="Go back one step"),
    Binding("f1,question_mark,asterisk", "help", "Call a volunteer", id="help", tooltip="Ask a person for help"),
    Binding("f2", "setting('plain')", "Plain Japanese", id="plain-japanese", tooltip="やさしい日本語 on or off"),
    Binding("f3,0", "settings", "Settings", id="settings", tooltip="Reading aloud, plain Japanese, furigana, …"),
    Binding("f4", "summary", "Your answers", id="answer-summary", tooltip="See and change your answers"),
    Binding("f5,slash", "read_aloud", "Read aloud", id="read-aloud", tooltip="Read this screen aloud",
            priority=True),
    Binding("f6", "language", "Language", id="language", tooltip="Choose a language"),
    Binding("f7,plus", "pause_speech", "Pause reading", id="pause-speech", tooltip="Pause or resume reading aloud"),
    Binding("f10,full_stop", "finish", "Finish", id="end-session", tooltip="End and wipe this session"),
)


def dialog_bindings() -> list[Binding]:
    """The kiosk's keys as a dialog holds them: same keys and ids, the app's actions."""
    return [replace(binding, action=f"app.{binding.action}", show=False) for binding in KIOSK_BINDINGS]
