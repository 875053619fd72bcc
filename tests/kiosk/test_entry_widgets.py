"""The on-screen number pad and kana board: keys, touch, keypad alone, and refusing a My Number."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from kiosk import i18n
from kiosk.widgets.kana_board import KanaBoard
from kiosk.widgets.number_pad import NumberPad

MY_NUMBER = "123456789018"
"""Passes the check digit (computed in test_privacy.py); not anyone's number that we know of."""
REFUSAL = "Please do not enter your My Number here. The kiosk never needs it."
WATCHED = (NumberPad.Changed, NumberPad.Submitted, NumberPad.Refused,
           KanaBoard.Changed, KanaBoard.Submitted, KanaBoard.Refused)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = i18n.current_language()
    i18n.use_language("en")
    yield
    i18n.use_language(before)


class Harness(App[None]):
    """Mounts one entry widget, focused; Backspace means "back" here as in the kiosk."""

    BINDINGS = [Binding("backspace,minus", "go_back", id="back")]

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget
        self.went_back = 0

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_mount(self) -> None:
        self.widget.focus()

    def action_go_back(self) -> None:
        self.went_back += 1


def recorder() -> tuple[list[Message], Callable[[Message], None]]:
    """The widgets' messages, once each (a bubbling message reaches the hook at every level)."""
    seen: list[Message] = []

    def hook(message: Message) -> None:
        if isinstance(message, WATCHED) and not any(message is earlier for earlier in seen):
            seen.append(message)

    return seen, hook


def of(kind: type[Message], seen: list[Message]) -> list[str]:
    """The value (or, for a refusal, the reason) of each message of ``kind``, in order."""
    return [str(getattr(m, "reason", getattr(m, "value", ""))) for m in seen if isinstance(m, kind)]


def shown(widget: Widget, selector: str) -> str:
    return str(widget.query_one(selector, Static).render())


KEY_CHARACTERS = {"enter": "\r", "plus": "+", "minus": "-", "backspace": "\x08"}


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Send the keys all at once, as a keypad or a quick typist does, then wait for the screen.

    (``pilot.press`` waits after every key, which is slower and never lets keys queue up.)
    """
    for key in keys:
        pilot.app.post_message(events.Key(key, KEY_CHARACTERS.get(key, key if len(key) == 1 else None)))
    await pilot.pause()


def paste(app: App[None], text: str) -> None:
    assert app.focused is not None
    app.focused.post_message(events.Paste(text))


# -- NumberPad ------------------------------------------------------------------------------


async def test_pad_digit_keys_type_then_enter_submits() -> None:
    seen, hook = recorder()
    app = Harness(NumberPad(max_length=11))
    async with app.run_test(message_hook=hook) as pilot:
        await pilot.press("0", "9", "0")
        assert app.focused is not None and app.focused.id == "pad-done"  # Enter now means done
        await pilot.press("enter")
        pad = app.query_one(NumberPad)
        assert pad.value == "090"
        assert shown(pad, "#pad-display") == "0 9 0"
        assert pad.speech_text() == "Entered: 0 9 0"
    assert of(NumberPad.Changed, seen) == ["0", "09", "090"]
    assert of(NumberPad.Submitted, seen) == ["090"]


async def test_pad_works_by_touch() -> None:
    seen, hook = recorder()
    app = Harness(NumberPad())
    async with app.run_test(message_hook=hook) as pilot:
        for key in ("#pad-1", "#pad-1", "#pad-delete", "#pad-3", "#pad-done"):
            assert await pilot.click(key)                # a quick second tap counts too
        assert app.query_one(NumberPad).value == "13"
    assert of(NumberPad.Changed, seen) == ["1", "11", "1", "13"]
    assert of(NumberPad.Submitted, seen) == ["13"]


async def test_pad_arrows_move_between_keys_and_enter_presses_the_focused_one() -> None:
    app = Harness(NumberPad())
    async with app.run_test() as pilot:
        assert app.focused is not None and app.focused.id == "pad-5"  # the home key
        await burst(pilot, "up", "left", "up", "left")               # stops at the edges
        assert app.focused.id == "pad-1"
        await burst(pilot, "enter", "down", "down", "down", "right", "enter")
        assert app.focused.id == "pad-0"
        assert app.query_one(NumberPad).value == "10"


async def test_pad_backspace_deletes_and_then_goes_back() -> None:
    app = Harness(NumberPad())
    async with app.run_test() as pilot:
        await pilot.press("4", "2", "backspace")
        assert app.query_one(NumberPad).value == "4"
        await pilot.press("minus")                     # − deletes too, as on a numeric keypad
        assert app.query_one(NumberPad).value == ""
        assert app.went_back == 0
        await pilot.press("backspace")                 # nothing left to delete: the app's back
        assert app.went_back == 1


async def test_pad_stops_at_its_max_length_and_says_so() -> None:
    app = Harness(NumberPad(max_length=4))
    async with app.run_test() as pilot:
        await burst(pilot, *"123456")
        pad = app.query_one(NumberPad)
        assert pad.value == "1234"
        assert shown(pad, "#pad-status") == "No more digits fit here."
        assert pad.speech_text().endswith("No more digits fit here.")


async def test_masked_pad_never_shows_or_speaks_the_digits() -> None:
    seen, hook = recorder()
    app = Harness(NumberPad(masked=True, max_length=4))
    async with app.run_test(message_hook=hook) as pilot:
        await burst(pilot, "1", "2", "9", "7")
        await pilot.click("#pad-8")                    # full: refused, with a message
        pad = app.query_one(NumberPad)
        assert pad.value == "1297"
        display = shown(pad, "#pad-display")
        assert display == "• • • •"
        for text in (display, shown(pad, "#pad-status"), pad.speech_text()):
            assert not any(c.isdigit() for c in text), text
        await burst(pilot, "backspace")
        assert pad.speech_text() == "Hidden entry: • • •"
    assert seen and not any("129" in repr(m) for m in seen)  # a logged message shows no digits


async def test_pad_refuses_a_my_number_and_keeps_none_of_it() -> None:
    seen, hook = recorder()
    app = Harness(NumberPad())
    async with app.run_test(message_hook=hook) as pilot:
        await burst(pilot, *MY_NUMBER)
        pad = app.query_one(NumberPad)
        assert pad.value == ""
        assert shown(pad, "#pad-display") == ""
        assert shown(pad, "#pad-status") == REFUSAL
        assert MY_NUMBER not in pad.speech_text() and REFUSAL in pad.speech_text()
        await pilot.press("7")                         # and it carries on
        assert pad.value == "7" and shown(pad, "#pad-status") == ""
    assert of(NumberPad.Refused, seen) == [REFUSAL]
    assert of(NumberPad.Changed, seen)[-2:] == ["", "7"]
    assert MY_NUMBER not in of(NumberPad.Changed, seen)


async def test_pad_keeps_twelve_digits_that_are_not_a_my_number() -> None:
    app = Harness(NumberPad())
    async with app.run_test() as pilot:
        await burst(pilot, *"123456789019")
        assert app.query_one(NumberPad).value == "123456789019"


async def test_pad_refuses_a_pasted_or_set_my_number() -> None:
    seen, hook = recorder()
    app = Harness(NumberPad())
    async with app.run_test(message_hook=hook) as pilot:
        pad = app.query_one(NumberPad)
        await pilot.press("5")
        paste(app, "1234-5678-9018")
        await pilot.pause()
        assert pad.value == "5"                        # the paste is dropped whole
        paste(app, "０３-１２３４")
        await pilot.pause()
        assert pad.value == "5031234"
        pad.value = "１２３４ ５６７８ ９０１８"
        await pilot.pause()
        assert pad.value == ""
    assert of(NumberPad.Refused, seen) == [REFUSAL, REFUSAL]


async def test_pad_takes_full_width_digits_from_an_input_method() -> None:
    app = Harness(NumberPad())
    async with app.run_test() as pilot:
        await pilot.press("０", "９")
        assert app.query_one(NumberPad).value == "09"


# -- KanaBoard ------------------------------------------------------------------------------


async def test_board_keypad_alone_digits_choose_enter_types_plus_finishes() -> None:
    seen, hook = recorder()
    app = Harness(KanaBoard())
    async with app.run_test(message_hook=hook) as pilot:
        await burst(pilot, "2", "enter",                # か
                    "2", "2", "enter",                  # the same digit again straight away: き
                    *["plus"] * 5, "enter")             # + walks ✓ ゛ ゜ 小 to the space
        assert app.focused is not None and app.focused.id == "key-space"
        await burst(pilot, "2", "enter",                # after Enter, 2 starts at か again
                    "8", "8", "enter",                  # や then ゆ (the gaps are skipped)
                    "0", "0", "0", "0", "enter",        # わ を ん ー
                    "plus")                             # after Enter, + starts at ✓ again
        board = app.query_one(KanaBoard)
        assert board.value == "かき かゆー"
        assert app.focused.id == "key-done"
        await burst(pilot, "enter")
        assert shown(board, "#kana-display") == "かき かゆー"
        assert board.speech_text() == "Entered: かき かゆー"
    assert of(KanaBoard.Submitted, seen) == ["かき かゆー"]


async def test_board_works_by_touch() -> None:
    seen, hook = recorder()
    app = Harness(KanaBoard())
    async with app.run_test(size=(100, 40), message_hook=hook) as pilot:
        board = app.query_one(KanaBoard)
        for keys, expected in ((("#kana-ka", "#key-dakuten"), "が"),
                               (("#kana-ha", "#key-handakuten"), "がぱ"),
                               (("#kana-tsu", "#key-small"), "がぱっ")):
            for key in keys:
                assert await pilot.click(key), key
            assert board.value == expected
        await pilot.click("#key-done")
    assert of(KanaBoard.Submitted, seen) == ["がぱっ"]


DAKUTEN, HANDAKUTEN, SMALL = ["plus"] * 2 + ["enter"], ["plus"] * 3 + ["enter"], ["plus"] * 4 + ["enter"]
"""A mark by keypad alone: + walks the bottom row ✓ ゛ ゜ 小, Enter presses it."""

MARKS = [  # keys: a kana, then marks; and the entry after each change
    (["6", "enter", *DAKUTEN, *HANDAKUTEN, *DAKUTEN, *DAKUTEN], ["は", "ば", "ぱ", "ば", "は"]),
    (["2", "enter", *DAKUTEN, *DAKUTEN], ["か", "が", "か"]),
    (["4", "4", "4", "enter", *SMALL, *DAKUTEN, *SMALL], ["つ", "っ", "つ"]),  # っ takes no ゛
    (["8", "8", "8", "enter", *SMALL, *SMALL], ["よ", "ょ", "よ"]),
    (["1", "1", "1", "enter", *DAKUTEN, *SMALL, *DAKUTEN], ["う", "ゔ", "う"]),  # ゔ has no small form
]


async def test_board_marks_apply_to_the_last_character_by_keypad_alone() -> None:
    keys = [key for case, _changes in MARKS for key in [*case, "backspace"]]
    changes = [value for _case, case_changes in MARKS for value in [*case_changes, ""]]
    seen, hook = recorder()
    app = Harness(KanaBoard())
    async with app.run_test(message_hook=hook) as pilot:
        await burst(pilot, *keys)                      # all at once, as from a quick keypad user
    assert of(KanaBoard.Changed, seen) == changes


async def test_board_says_when_a_mark_does_not_fit() -> None:
    app = Harness(KanaBoard())
    async with app.run_test() as pilot:
        board = app.query_one(KanaBoard)
        await burst(pilot, *DAKUTEN)
        assert shown(board, "#kana-status") == "Type a character first."
        await burst(pilot, "1", "enter", *HANDAKUTEN)
        assert board.value == "あ"
        assert shown(board, "#kana-status") == "That mark cannot be added to the last character."
        assert board.speech_text() == "Entered: あ That mark cannot be added to the last character."
        await burst(pilot, "1", "enter")
        assert shown(board, "#kana-status") == ""


async def test_board_arrows_and_enter() -> None:
    app = Harness(KanaBoard())
    async with app.run_test() as pilot:
        assert app.focused is not None and app.focused.id == "kana-a"
        await burst(pilot, "right", "down", "enter")    # き
        await burst(pilot, *["right"] * 5, "down", "enter")  # み → む
        assert app.focused.id == "kana-mu"
        await burst(pilot, "right", "up", "enter")       # ゆ → up skips the gap to や
        assert app.focused.id == "kana-ya"
        await burst(pilot, "right", "right", "down", "down", "down", "down")  # わ … ー, then ✓
        assert app.focused.id == "key-done"
        await burst(pilot, "left", "enter")              # ⌫
        assert app.query_one(KanaBoard).value == "きむ"


async def test_board_delete_and_then_back() -> None:
    app = Harness(KanaBoard())
    async with app.run_test() as pilot:
        await burst(pilot, "1", "enter", "1", "1", "enter", "backspace")
        assert app.query_one(KanaBoard).value == "あ"
        await burst(pilot, "minus")
        assert app.query_one(KanaBoard).value == ""
        assert app.went_back == 0
        await burst(pilot, "minus")
        assert app.went_back == 1


async def test_board_stops_at_its_max_length() -> None:
    app = Harness(KanaBoard(max_length=3))
    async with app.run_test() as pilot:
        await burst(pilot, *["1", "enter"] * 4)
        board = app.query_one(KanaBoard)
        assert board.value == "あああ"
        assert shown(board, "#kana-status") == "No more characters fit here."


async def test_board_refuses_a_my_number_typed_on_the_keypad() -> None:
    seen, hook = recorder()
    app = Harness(KanaBoard())
    async with app.run_test(message_hook=hook) as pilot:
        await burst(pilot, "8", "enter")                # や
        await burst(pilot, *MY_NUMBER)
        board = app.query_one(KanaBoard)
        assert board.value == "や"
        assert shown(board, "#kana-status") == REFUSAL
        await burst(pilot, *"１２３４５６７８９０１８")     # full-width, from an input method
        await burst(pilot, *"123456789019")              # wrong check digit: just moves the highlight
    assert of(KanaBoard.Refused, seen) == [REFUSAL, REFUSAL]
    assert not any(c.isdigit() for value in of(KanaBoard.Changed, seen) for c in value)


async def test_board_refuses_a_pasted_my_number_and_takes_pasted_kana() -> None:
    seen, hook = recorder()
    app = Harness(KanaBoard())
    async with app.run_test(message_hook=hook) as pilot:
        paste(app, "ﾔﾏﾀﾞ　タロウ")                        # half-width katakana, ideographic space
        await pilot.pause()
        board = app.query_one(KanaBoard)
        assert board.value == "やまだ たろう"
        paste(app, "やまだ 1234 5678 9018")
        await pilot.pause()
        assert board.value == "やまだ たろう"
        board.value = "マイナンバー123456789018"
        await pilot.pause()
        assert board.value == ""
    assert of(KanaBoard.Refused, seen) == [REFUSAL, REFUSAL]


async def test_board_takes_kana_typed_with_an_input_method() -> None:
    app = Harness(KanaBoard())
    async with app.run_test() as pilot:
        await burst(pilot, "な", "カ", "a")               # ASCII letters are not typed
        assert app.query_one(KanaBoard).value == "なか"
