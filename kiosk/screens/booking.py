"""Provides BookingPage: one page of the booking wizard (choose, enter a name or phone, confirm,
slip). It shows a ``kiosk.booking.Page`` and returns what the resident chose; it decides nothing."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.booking import BACK, EXPIRED, Page, countdown_text
from kiosk.i18n import _
from kiosk.presenter import help_phrase
from kiosk.screens.layout import PinnedOptions, TextPane, pinned, restyle, ruby_text
from kiosk.screens.script import help_key
from kiosk.widgets.choices import Choices
from kiosk.widgets.kana_board import KanaBoard
from kiosk.widgets.key_bar import KeyBar
from kiosk.widgets.number_pad import NumberPad
from kiosk.widgets.sample_banner import SampleBanner

Entry = Literal["kana", "phone"]
SPOKEN_WARNING_AT = 60
"""Seconds left on the hold when the countdown is also spoken (once per page)."""


class BookingPage(PinnedOptions[str]):
    """Dismisses with an option key, the entered text, ``BACK`` or ``EXPIRED``.

    Back (Esc, −) on a page goes back one page; on the kana board and number pad, − and
    Backspace first delete the last character, as the widgets document.
    """

    BINDINGS = [Binding("escape,backspace,minus", "go_back", show=False, id="booking-back")]

    def __init__(self, make: Callable[[], Page], *, sample: bool, entry: Entry | None = None, value: str = "",
                 hold_until: float | None = None, problem: Callable[[], str] | None = None, qr: tuple[str, ...] = (),
                 personal: bool = False) -> None:
        page = make()
        # A name, not an id: the same page can be shown again before the last one is gone.
        super().__init__(name=page.css_id, classes=page.css_id)
        self.make_page, self.page, self.sample, self.entry = make, page, sample, entry
        self._value, self.hold_until, self.make_problem, self.qr = value, hold_until, problem, qr
        """``make_problem`` words what was wrong with the last entry, again after a language change."""
        self.personal = personal
        """The resident has typed a name or phone on an earlier page of this booking."""
        self.left_typed = ""
        """What was on the board or pad when the page was left by back or by the hold running out."""
        self._warned = False
        self._recomposing = False

    def compose(self) -> ComposeResult:
        if self.sample:
            yield SampleBanner()
        with TextPane(classes="page"):
            session = self.kiosk.session
            yield ruby_text(self.page.title, session, classes="title", id="booking-title")
            yield Static("", classes="countdown", id="booking-countdown")
            if self.qr:
                # The code beside the words, so it is on screen without scrolling: a phone can
                # take the reference from it instead of a printed slip.
                with Horizontal(id="booking-slip-row"):
                    with Vertical(id="booking-slip-lines"):
                        yield from self._lines()
                    # no_wrap keeps each line's leading spaces: they are the code's quiet zone.
                    yield Static(Text("\n".join(self.qr), no_wrap=True, end=""), id="booking-qr")
            else:
                yield from self._lines()
            for line in self.page.personal:
                yield Static(line, classes="body -personal", markup=False)
            if self.page.hint:
                yield ruby_text(self.page.hint, session, classes="hint")
        # Pinned under the text: the problem with what was typed, the board or pad, the options.
        with Vertical(classes="pinned-entry"):
            yield Static(self.problem, classes="notice", id="booking-problem", markup=False)
            if self.entry == "kana":
                yield KanaBoard(max_length=20, id="booking-kana")
            elif self.entry == "phone":
                yield NumberPad(max_length=11, id="booking-pad")
        if self.page.options:
            yield pinned(self.page.options, id="booking-choices")
        yield KeyBar()

    def _lines(self) -> ComposeResult:
        # Wrapped by the script's rules: beside the QR code Textual's own wrapping cut
        # "午後3時30|分" at the narrow column's edge.
        for line in self.page.lines:
            yield ruby_text(line, self.kiosk.session, classes="body")

    def on_screen_resume(self) -> None:
        """Back from the settings: furigana or plain Japanese may have been switched there. (Not
        a watch on the session: the app would hold on to the page, and its personal lines, after
        the session ended.)"""
        restyle(self, self.kiosk.session)

    @property
    def problem(self) -> str:
        """What was wrong with the last entry, in the language shown now ("" if nothing)."""
        return self.make_problem() if self.make_problem is not None else ""

    def fit_options(self) -> None:
        """The board or pad goes compact on screens too short for its big keys."""
        for entry in self.query("KanaBoard, NumberPad"):
            entry.set_class(self.size.height < getattr(entry, "COMPACT_BELOW", 0), "-compact")
        super().fit_options()

    def on_mount(self) -> None:
        self._show_state()
        if self.hold_until is not None:
            self.set_interval(1, self._tick)
        self.kiosk.auto_read()

    def _show_state(self) -> None:
        """The problem and countdown lines, what was typed on the board or pad and the focus (on
        the entry, else on the options): on mount and again after a recompose."""
        self.query_one("#booking-problem").display = bool(self.problem)
        self.query_one("#booking-countdown").display = self.hold_until is not None
        if self.entry == "kana":
            board = self.query_one(KanaBoard)
            board.value = self._value
            board.focus()
        elif self.entry == "phone":
            pad = self.query_one(NumberPad)
            pad.value = self._value
            pad.focus()
        else:
            for choices in self.query(Choices):
                choices.focus_first()
        self._value = ""  # the widget holds it now; nothing else keeps a copy
        if self.hold_until is not None:
            self._tick()  # last: a hold that ran out leaves with what is on the board

    def seconds_left(self) -> int:
        return 0 if self.hold_until is None else max(0, round(self.hold_until - time.monotonic()))

    def _tick(self) -> None:
        if self._recomposing:
            return  # _show_state ticks once the page is whole again
        left = self.seconds_left()
        self.query_one("#booking-countdown", Static).update(countdown_text(left))
        if left <= SPOKEN_WARNING_AT and not self._warned:
            self._warned = True
            self.kiosk.say(countdown_text(left))
        if left <= 0 and self.is_current:
            self._leave(EXPIRED)

    def speech_script(self, private_audio: bool) -> tuple[str, ...]:
        """Title, countdown, lines, personal lines (only through headphones), entry, options, help."""
        phrases = [self.page.title]
        if self.hold_until is not None:
            phrases.append(countdown_text(self.seconds_left()))
        phrases += self.page.lines
        if self.page.personal:
            phrases += self.page.personal if private_audio else (
                _("Your name and phone number are not read aloud on the speaker. Please check them on the screen."),)
        if self.problem:
            phrases.append(self.problem)
        if self.entry == "kana":
            phrases.append(self.query_one(KanaBoard).speech_text() if private_audio else
                           _("Use the kana board: a number chooses a column, the same number again moves down, "
                             "Enter types, + then Enter finishes."))
        elif self.entry == "phone":
            pad = self.query_one(NumberPad)
            phrases.append(pad.speech_text() if private_audio else
                           _("{count} digits entered.").format(count=len(pad.value)))
        phrases += [_("Press {number}: {label}").format(number=n, label=label)
                    for n, (_key, label) in enumerate(self.page.options, start=1)]
        if self.page.hint:
            phrases.append(self.page.hint)  # the QR code below it has no words to read
        phrases.append(help_phrase(help_key(self)))
        return tuple(phrases)

    def typed(self) -> str:
        """What is on the kana board or number pad now ("" on a page without one)."""
        entries = self.query("KanaBoard, NumberPad")
        return str(getattr(entries.first(), "value", "")) if entries else ""

    def holds_personal_data(self) -> bool:
        """Finishing from here would erase a name or phone the resident typed (they are asked first)."""
        return self.personal or bool(self.typed())

    async def recompose(self) -> None:
        """In another language (or mode): the words again in it, what was typed and the focus kept."""
        self._value, self.page = self.typed(), self.make_page()
        self._recomposing = True  # the countdown's tick waits: its line and the board are being rebuilt
        try:
            await super().recompose()
        finally:
            self._recomposing = False
        self._show_state()

    def _leave(self, result: str) -> None:
        self.left_typed = self.typed()
        self.dismiss(result)

    def action_go_back(self) -> None:
        self._leave(BACK)

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        event.stop()
        self.dismiss(event.key)

    def on_kana_board_submitted(self, event: KanaBoard.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value)

    def on_number_pad_submitted(self, event: NumberPad.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)
