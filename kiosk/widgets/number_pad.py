"""Provides NumberPad: an on-screen telephone keypad for entering digits by touch, keypad or keyboard."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from kiosk.i18n import _
from kiosk.privacy import normalize_digits, reject_personal_numbers

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "delete", "0", "done")
"""The twelve keys, row by row, as on a telephone: 1 2 3 / 4 5 6 / 7 8 9 / ⌫ 0 ✓."""
COLUMNS = 3
HOME_KEY = "5"
"""Where the focus starts: the key with the tactile dot on a telephone keypad."""


class PadKey(Button, inherit_bindings=False):
    """A key of an on-screen pad: a big button for touch, with no Enter binding of its own.

    The pad binds Enter itself, so that keys typed quickly (or queued by a keypad) are handled
    strictly in order: Button's own Enter posts a Pressed message that may arrive after the next
    key. Every touch counts: there is no 0.2 s "active" lockout, which would drop a quick double
    tap.
    """

    def __init__(self, label: str, *, id: str, classes: str = "") -> None:
        super().__init__(label, id=id, classes=classes)
        self.active_effect_duration = 0


class NumberPad(Vertical):
    """A display line over a 3×4 telephone keypad, each key three rows high.

    Typed digits are refused, and not kept, when they make a My Number (kiosk/privacy.py).
    In ``masked`` mode the display and :meth:`speech_text` show "•" for each digit, never the digit.

    | Key | Action |
    |-----|--------|
    | 0–9 (keyboard or numeric keypad) | type that digit; the focus moves to ✓ |
    | Backspace, Delete, − | delete the last digit (with nothing to delete, the key goes on to the app: back) |
    | ← ↑ → ↓ | move the focus between the keys |
    | Enter | press the focused key (after typing digits that is ✓: done) |
    | touch | press that key |

    Every other key (* help, / read aloud, . finish) is left to the app.
    """

    DEFAULT_CSS = """
    NumberPad { width: auto; height: auto; }
    NumberPad > #pad-display {
        width: 40; height: 3; border: round $primary; padding: 0 1;
        content-align: center middle; text-style: bold;
    }
    NumberPad > #pad-status { width: 40; height: 2; color: $text-warning; }
    NumberPad > #pad-keys {
        width: auto; height: auto;
        grid-size: 3 4; grid-columns: 12; grid-rows: 3; grid-gutter: 1 2;
    }
    NumberPad > #pad-keys > Button { width: 100%; min-width: 0; height: 3; }
    NumberPad > #pad-keys > Button:focus { background: $accent; color: $text; text-style: bold; }
    NumberPad.-compact > #pad-status { height: auto; }
    NumberPad.-compact > #pad-keys { grid-rows: 1; grid-gutter: 0 2; }
    NumberPad.-compact > #pad-keys > Button { height: 1; border: none; }
    """
    COMPACT_BELOW = 30
    """Screen rows under which the pad is compact (keys one row high)."""
    BINDINGS = [
        *[Binding(str(n), f"digit({n})", show=False, id=f"pad-digit-{n}") for n in range(10)],
        Binding("enter", "press_focused", show=False, id="pad-press"),
        Binding("backspace,delete,minus,subtract", "delete", show=False, id="pad-delete"),
        Binding("up", "move(-1, 0)", show=False, id="pad-up"),
        Binding("down", "move(1, 0)", show=False, id="pad-down"),
        Binding("left", "move(0, -1)", show=False, id="pad-left"),
        Binding("right", "move(0, 1)", show=False, id="pad-right"),
    ]

    value: reactive[str] = reactive("", init=False)
    """The digits entered so far (ASCII). Setting it filters, truncates and checks it too."""

    @dataclass
    class Changed(Message):
        """The digits changed (also to "" after a refusal)."""

        number_pad: NumberPad
        value: str = field(repr=False)

        @property
        def control(self) -> NumberPad:
            return self.number_pad

    @dataclass
    class Submitted(Message):
        """The resident pressed ✓."""

        number_pad: NumberPad
        value: str = field(repr=False)

        @property
        def control(self) -> NumberPad:
            return self.number_pad

    @dataclass
    class Refused(Message):
        """Entered digits were refused and dropped; ``reason`` is shown, and may be spoken."""

        number_pad: NumberPad
        reason: str

        @property
        def control(self) -> NumberPad:
            return self.number_pad

    def __init__(self, *, max_length: int = 16, masked: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        """
        Args:
            max_length: The most digits the pad takes (a Japanese phone number has at most 11).
            masked: Show and speak "•" instead of each digit.
            id: The widget id.
            classes: CSS classes.
        """
        super().__init__(id=id, classes=classes)
        self.max_length = max_length
        """The most digits the pad takes."""
        self.masked = masked
        """Show and speak "•" instead of each digit."""
        self._status = ""

    def compose(self) -> ComposeResult:
        yield Static(self._shown(), id="pad-display", markup=False)
        yield Static("", id="pad-status", markup=False)
        with Grid(id="pad-keys"):
            for key in KEYS:
                yield PadKey(self._label(key), id=f"pad-{key}", classes="pad-key")

    @staticmethod
    def _label(key: str) -> str:
        if key == "delete":
            return _("⌫ Delete")
        if key == "done":
            return _("✓ Done")
        return key

    # -- what is shown and said ---------------------------------------------------------------

    def _shown(self) -> str:
        return " ".join("•" * len(self.value) if self.masked else self.value)

    def speech_text(self) -> str:
        """The entry read back for speech; in masked mode it holds no digit at all (K6)."""
        if not self.value:
            said = _("Nothing entered yet.")
        elif self.masked:
            said = _("Hidden entry: {dots}").format(dots=self._shown())
        else:
            said = _("Entered: {entry}").format(entry=" ".join(self.value))
        return f"{said} {self._status}" if self._status else said

    def _set_status(self, text: str) -> None:
        self._status = text
        if self.is_mounted:
            self.query_one("#pad-status", Static).update(text)

    # -- the value ----------------------------------------------------------------------------

    def validate_value(self, value: str) -> str:
        digits = "".join(c for c in normalize_digits(value) if c.isascii() and c.isdigit())[: self.max_length]
        reason = reject_personal_numbers(digits)
        if reason is not None:
            self._refuse(reason)
            return ""
        return digits

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            self.query_one("#pad-display", Static).update(self._shown())
        self.post_message(self.Changed(self, value))

    def _refuse(self, reason: str) -> None:
        self._complain(reason)
        self.post_message(self.Refused(self, reason))

    def _complain(self, text: str) -> None:
        """Show ``text`` under the display (speech_text says it too) and ring the bell."""
        self._set_status(text)
        if self.is_mounted:
            self.app.bell()

    def clear(self) -> None:
        """Forget the digits (e.g. when the session is wiped)."""
        self._set_status("")
        self.value = ""

    def type_digits(self, digits: str) -> None:
        """Add ``digits`` as if typed. When the result would be a My Number, the whole entry is
        dropped and :class:`Refused` posted."""
        self._set_status("")
        room = self.max_length - len(self.value)
        if len(digits) > room:
            self._complain(_("No more digits fit here."))
            digits = digits[:room]
        if digits:
            self.value = self.value + digits

    # -- input routes -------------------------------------------------------------------------

    def focus(self, scroll_visible: bool = True) -> NumberPad:
        """Put the focus on the 5 key, the home key of a telephone keypad."""
        self._focus_key(HOME_KEY, scroll_visible=scroll_visible)
        return self

    def _focus_key(self, key: str, *, scroll_visible: bool = False) -> None:
        # set_focus at once (not focus(), which waits a turn) so that the next key sees it.
        self.screen.set_focus(self.query_one(f"#pad-{key}", PadKey), scroll_visible=scroll_visible)

    def _focused_key(self) -> str | None:
        focused = self.screen.focused
        if isinstance(focused, PadKey) and focused.parent is self.query_one("#pad-keys") and focused.id:
            return focused.id.removeprefix("pad-")
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With nothing to delete, Backspace and − go on to the app, where they mean "back".
        if action == "delete":
            return bool(self.value)
        return True

    def action_digit(self, digit: int) -> None:
        self.type_digits(str(digit))
        self._focus_key("done")

    def action_delete(self) -> None:
        self._set_status("")
        self.value = self.value[:-1]

    def action_move(self, rows: int, columns: int) -> None:
        key = self._focused_key()
        if key is None:
            self._focus_key(HOME_KEY)
            return
        index = KEYS.index(key)
        row = min(max(index // COLUMNS + rows, 0), len(KEYS) // COLUMNS - 1)
        column = min(max(index % COLUMNS + columns, 0), COLUMNS - 1)
        self._focus_key(KEYS[row * COLUMNS + column])

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.value))

    def action_press_focused(self) -> None:
        key = self._focused_key()
        if key is not None:
            self._press(key)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._press((event.button.id or "").removeprefix("pad-"))

    def _press(self, key: str) -> None:
        if key == "delete":
            self.action_delete()
        elif key == "done":
            self.action_submit()
        elif key.isdigit():
            self.type_digits(key)

    def on_key(self, event: events.Key) -> None:
        # Full-width or other-script digits (from a terminal input method) type like 0–9.
        char = event.character
        if char and not char.isascii() and normalize_digits(char).isdigit():
            event.stop()
            event.prevent_default()
            self.action_digit(int(normalize_digits(char)))

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        reason = reject_personal_numbers(event.text)
        if reason is not None:
            self._refuse(reason)
            return
        digits = "".join(c for c in normalize_digits(event.text) if c.isascii() and c.isdigit())
        if digits:
            self.type_digits(digits)
