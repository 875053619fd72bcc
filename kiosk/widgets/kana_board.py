"""Provides KanaBoard: an on-screen 50-on (五十音) hiragana board for entering a name in kana.

It needs no terminal input method: residents touch the keys, walk them with the arrows and
Enter, or use the numeric keypad alone. The layout and its rules are in kiosk.widgets.kana_layout.
"""

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
from kiosk.privacy import MY_NUMBER_LENGTH, normalize_digits, reject_personal_numbers
from kiosk.widgets.kana_layout import (
    CELLS,
    COLUMNS,
    FUNCTION_ROW,
    KANA_OF_KEY,
    KANA_ROWS,
    ROMAJI,
    cell_of,
    is_name_kana,
    marked,
    moved,
    name_kana,
    next_down_column,
    next_on_bottom_row,
    to_hiragana,
)
from kiosk.widgets.number_pad import PadKey


class KanaBoard(Vertical):
    """A display line over a 10×5 hiragana board (あ か さ … わ left to right) and a row of
    ゛ ゜ 小 (applied to the last character), space, ⌫ and ✓, each key three rows high.

    Keypad alone (as on a Japanese phone, but nothing is typed until Enter): the number above a
    column highlights its first kana, and the same number pressed again straight away moves down
    the column; Enter types the highlighted kana. + highlights ✓, and pressed again straight away
    walks the bottom row. So "き" is 2 2 Enter, "が" is 2 Enter + + Enter, "かか" is 2 Enter
    2 Enter, and finishing is + Enter. The highlight always shows what Enter will do.

    | Key | Action |
    |-----|--------|
    | 1–9, 0 (keyboard, keypad) | highlight that column's first kana (1 あ … 0 わ); the same digit again: next down |
    | + | highlight ✓; again straight away: the next key of the bottom row (✓ ゛ ゜ 小 space ⌫) |
    | Enter | press the highlighted key |
    | Backspace, Delete, − | delete the last character (with nothing to delete, the key goes on to the app: back) |
    | ← ↑ → ↓ | move the highlight |
    | touch | press that key |
    | kana typed with an input method, or pasted | typed (katakana become hiragana) |

    Every other key (* help, / read aloud, . finish) is left to the app. Twelve digits in a row
    that make a My Number are refused with a kind explanation, as is a pasted one.
    """

    DEFAULT_CSS = """
    KanaBoard { width: 100%; height: auto; }
    KanaBoard > #kana-display {
        width: 100%; height: 3; border: round $primary; padding: 0 1;
        content-align: left middle; text-style: bold;
    }
    KanaBoard > #kana-status { width: 100%; height: 2; color: $text-warning; }
    KanaBoard > #kana-keys {
        width: 100%; height: auto;
        grid-size: 10 7; grid-columns: 1fr; grid-rows: 1 3 3 3 3 3 3; grid-gutter: 0 1;
    }
    KanaBoard > #kana-keys > .column-number { width: 100%; content-align: center middle; text-style: bold; }
    KanaBoard > #kana-keys > Button { width: 100%; min-width: 0; height: 3; }
    KanaBoard > #kana-keys > Button:focus { background: $accent; color: $text; text-style: bold; }
    KanaBoard > #kana-keys > #key-space { column-span: 2; }
    KanaBoard > #kana-keys > #key-delete { column-span: 2; }
    KanaBoard > #kana-keys > #key-done { column-span: 3; }
    KanaBoard > #kana-hint { width: 100%; height: auto; color: $text-muted; }
    KanaBoard.-compact > #kana-status { height: auto; }
    KanaBoard.-compact > #kana-keys { grid-rows: 1; }
    KanaBoard.-compact > #kana-keys > Button { height: 1; border: none; }
    """
    BINDINGS = [
        *[Binding(str(n), f"column({n})", show=False, id=f"kana-column-{n}") for n in range(10)],
        Binding("plus,add", "bottom_row", show=False, id="kana-bottom-row"),
        Binding("enter", "press_focused", show=False, id="kana-press"),
        Binding("backspace,delete,minus,subtract", "delete", show=False, id="kana-delete"),
        Binding("up", "move(-1, 0)", show=False, id="kana-up"),
        Binding("down", "move(1, 0)", show=False, id="kana-down"),
        Binding("left", "move(0, -1)", show=False, id="kana-left"),
        Binding("right", "move(0, 1)", show=False, id="kana-right"),
    ]

    value: reactive[str] = reactive("", init=False)
    """The kana entered so far. Setting it folds katakana to hiragana, drops anything else and
    truncates to ``max_length``; a value holding a My Number is refused whole."""

    @dataclass
    class Changed(Message):
        """The entry changed."""

        kana_board: KanaBoard
        value: str = field(repr=False)

        @property
        def control(self) -> KanaBoard:
            return self.kana_board

    @dataclass
    class Submitted(Message):
        """The resident pressed ✓."""

        kana_board: KanaBoard
        value: str = field(repr=False)

        @property
        def control(self) -> KanaBoard:
            return self.kana_board

    @dataclass
    class Refused(Message):
        """Input was refused and dropped; ``reason`` is shown, and may be spoken."""

        kana_board: KanaBoard
        reason: str

        @property
        def control(self) -> KanaBoard:
            return self.kana_board

    COMPACT_BELOW = 40
    """Screen rows under which the board is compact: keys one row high, so the whole board
    (display, every row of kana and the bottom row) fits a 24-row screen with text above it."""

    def __init__(self, *, max_length: int = 24, id: str | None = None, classes: str | None = None) -> None:
        """
        Args:
            max_length: The most characters (kana, ー and spaces) the board takes.
            id: The widget id.
            classes: CSS classes.
        """
        super().__init__(id=id, classes=classes)
        self.max_length = max_length
        """The most characters the board takes."""
        self._status = ""
        self._digit_run = ""
        """The digits pressed in a row (at most 12), only to notice a My Number; never shown."""
        self._cycling: str | None = None
        """What the last key press walked ("column-N" or "bottom-row"): the same key pressed again
        straight away moves on; any other key ends the walk."""

    def compose(self) -> ComposeResult:
        yield Static(self.value, id="kana-display", markup=False)
        yield Static("", id="kana-status", markup=False)
        with Grid(id="kana-keys"):
            for number in range(1, len(COLUMNS) + 1):
                yield Static(str(number % 10), classes="column-number")
            for row in range(KANA_ROWS):
                for column in COLUMNS:
                    kana = column[row]
                    if kana:
                        yield PadKey(kana, id=f"kana-{ROMAJI[kana]}", classes="kana-key")
                    else:
                        yield Static("", classes="gap")
            for name, _span in FUNCTION_ROW:
                yield PadKey(self._label(name), id=f"key-{name}", classes="function-key")
        yield Static(_("Keypad: a number picks a column (press it again to go down), Enter types, "
                       "+ goes to the bottom row, - deletes."), id="kana-hint", markup=False)

    @staticmethod
    def _label(name: str) -> str:
        labels = {"dakuten": "゛", "handakuten": "゜", "small": "小", "space": _("Space"),
                  "delete": _("⌫ Delete"), "done": _("✓ Done")}
        return labels[name]

    # -- what is shown and said ---------------------------------------------------------------

    def speech_text(self) -> str:
        """The entry read back for speech (the screen decides whether a name may be spoken)."""
        said = _("Entered: {entry}").format(entry=self.value) if self.value else _("Nothing entered yet.")
        return f"{said} {self._status}" if self._status else said

    def _set_status(self, text: str) -> None:
        self._status = text
        if self.is_mounted:
            self.query_one("#kana-status", Static).update(text)

    # -- the value ----------------------------------------------------------------------------

    def validate_value(self, value: str) -> str:
        reason = reject_personal_numbers(value)
        if reason is not None:
            self._refuse(reason)
            return ""
        return name_kana(value)[: self.max_length]

    def watch_value(self, value: str) -> None:
        if self.is_mounted:
            self.query_one("#kana-display", Static).update(value)
        self.post_message(self.Changed(self, value))

    def _forget_keypad_run(self) -> None:
        """Any other key ends a run: the next digit starts at the top of its column, + at ✓."""
        self._digit_run = ""
        self._cycling = None

    def _refuse(self, reason: str) -> None:
        self._forget_keypad_run()
        self._complain(reason)
        self.post_message(self.Refused(self, reason))

    def _complain(self, text: str) -> None:
        self._set_status(text)
        if self.is_mounted:
            self.app.bell()

    def clear(self) -> None:
        """Forget the entry (e.g. when the session is wiped)."""
        self._forget_keypad_run()
        self._set_status("")
        self.value = ""

    def type_text(self, text: str) -> None:
        """Add ``text`` as if typed: kana are kept (katakana as hiragana), anything else dropped.

        Text holding a My Number is refused whole.
        """
        self._set_status("")
        reason = reject_personal_numbers(text)
        if reason is not None:
            self._refuse(reason)
            return
        kana = name_kana(text)
        room = self.max_length - len(self.value)
        if len(kana) > room:
            self._complain(_("No more characters fit here."))
            kana = kana[:room]
        if kana:
            self.value = self.value + kana

    def _mark_last(self, mark: str) -> None:
        """Put ゛ or ゜ on the last character, or make it small (or undo that)."""
        self._set_status("")
        if not self.value:
            self._complain(_("Type a character first."))
            return
        changed = marked(self.value[-1], mark)
        if changed is None:
            self._complain(_("That mark cannot be added to the last character."))
            return
        self.value = self.value[:-1] + changed

    # -- the highlight --------------------------------------------------------------------------

    def focus(self, scroll_visible: bool = True) -> KanaBoard:
        """Put the highlight on あ."""
        self._focus_key("kana-a", scroll_visible=scroll_visible)
        return self

    def _focus_key(self, key_id: str, *, scroll_visible: bool = False) -> None:
        # set_focus at once (not focus(), which waits a turn) so fast keypad presses see it.
        self.screen.set_focus(self.query_one(f"#{key_id}", PadKey), scroll_visible=scroll_visible)

    def _focused_cell(self) -> tuple[int, int] | None:
        focused = self.screen.focused
        if not isinstance(focused, PadKey) or focused.parent is not self.query_one("#kana-keys"):
            return None
        return cell_of(focused.id)

    # -- input routes -------------------------------------------------------------------------
    # Every key of the keyboard or keypad is a binding of the board (the keys themselves bind
    # nothing), so keys that arrive together are still handled one after another, in order.

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # With nothing to delete, Backspace and − go on to the app, where they mean "back".
        if action == "delete":
            return bool(self.value)
        return True

    def action_column(self, number: int) -> None:
        self._digit_run = (self._digit_run + str(number))[-MY_NUMBER_LENGTH:]
        reason = reject_personal_numbers(self._digit_run)
        if reason is not None:
            self._refuse(reason)
            return
        column = (number - 1) % len(COLUMNS)
        cell = self._focused_cell()
        row = -1
        if self._cycling == f"column-{column}" and cell is not None and cell[1] == column and cell[0] < KANA_ROWS:
            row = cell[0]
        self._cycling = f"column-{column}"
        self._focus_key(next_down_column(column, row))

    def action_bottom_row(self) -> None:
        walking = self._cycling == "bottom-row"
        self._forget_keypad_run()
        self._cycling = "bottom-row"
        cell = self._focused_cell()
        current = CELLS[cell[0]][cell[1]] if walking and cell is not None and cell[0] == KANA_ROWS else None
        self._focus_key(next_on_bottom_row(current))

    def action_delete(self) -> None:
        self._forget_keypad_run()
        self._delete_last()

    def _delete_last(self) -> None:
        self._set_status("")
        self.value = self.value[:-1]

    def action_move(self, rows: int, columns: int) -> None:
        self._forget_keypad_run()
        cell = self._focused_cell()
        if cell is None:
            self._focus_key("kana-a")
            return
        target = moved(*cell, rows, columns)
        if target is not None:
            self._focus_key(target)

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self, self.value))

    def action_press_focused(self) -> None:
        self._forget_keypad_run()
        cell = self._focused_cell()
        if cell is not None:
            self._press(CELLS[cell[0]][cell[1]] or "")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self._press(event.button.id or "")

    def _press(self, key_id: str) -> None:
        if key_id in KANA_OF_KEY:
            self.type_text(KANA_OF_KEY[key_id])
            return
        name = key_id.removeprefix("key-")
        if name in ("dakuten", "handakuten", "small"):
            self._mark_last(name)
        elif name == "space":
            self.type_text(" ")
        elif name == "delete":
            self._delete_last()
        elif name == "done":
            self.action_submit()

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if not char or char.isascii():
            return  # ASCII keys are bindings (or the app's)
        if normalize_digits(char).isdigit():
            # Full-width digits from an input method work like 0–9 (and count towards a My Number).
            event.stop()
            event.prevent_default()
            self.action_column(int(normalize_digits(char)))
        elif all(is_name_kana(c) for c in to_hiragana(char)):
            event.stop()
            event.prevent_default()
            self._forget_keypad_run()
            self.type_text(char)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._forget_keypad_run()

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        self._forget_keypad_run()
        self.type_text(event.text)
