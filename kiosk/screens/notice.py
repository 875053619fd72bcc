"""Provides NoticeScreen (a problem the resident cannot fix) and HelpScreen (ask a person)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.i18n import _, bilingual
from kiosk.screens.layout import PinnedDialog, TextPane, pinned, ruby_text
from kiosk.widgets.choices import Choices
from kiosk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    import datetime as dt

    from guidance.document import Flow, Municipality, Node
    from kiosk.state import Session


class NoticeScreen(PinnedDialog[None]):
    """A message with one way out. Its text is already translated and holds no raw error."""

    def __init__(self, title: str, message: str, *, css_id: str = "notice") -> None:
        super().__init__(id=css_id)
        self.title_text, self.message = title, message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with TextPane(classes="dialog-text"):
                # Wrapped by the script's rules: Textual's own wrapping started Chinese lines with
                # '，' or '）' on a take-home note.
                session = self.kiosk.session
                yield ruby_text(self.title_text, session, classes="title")
                yield ruby_text(self.message, session, classes="body")
            yield pinned([("close", _("Back"))])
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Choices).focus_first()

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        event.stop()
        self.dismiss(None)


class ConfirmFinishScreen(PinnedDialog[bool]):
    """Asked before finishing would erase what the resident typed (issue 12: `.` on the name page
    wiped the session at once). Going on is the first option and has the focus: a stray Enter
    keeps the resident's work. Dismisses True to finish."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with TextPane(classes="dialog-text"):
                yield Static(_("Finish now?"), classes="title")
                yield Static(_("Your name and phone number will be erased, and the time you chose will be "
                               "let go."), classes="body")
            yield pinned([("stay", _("No, go on")), ("finish", _("Yes, finish and erase"))], id="finish-choices")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Choices).focus_first()

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        event.stop()
        self.dismiss(event.key == "finish")

    def go_back(self) -> None:
        self.dismiss(False)


def counter_line(municipality: Municipality) -> str:
    counter = municipality.counter
    return _("Counter: {office}, {hours}. Phone: {phone}").format(
        office=counter.name, hours=counter.hours, phone=counter.phone)


def help_screen(municipality: Municipality | None) -> NoticeScreen:
    """What "call a volunteer" offers until volunteer calling is connected: the counter."""
    lines = [_("Calling a volunteer from this kiosk is not available yet."),
             _("Please speak to a member of staff nearby.")]
    if municipality is not None:
        lines.append(counter_line(municipality))
    return NoticeScreen(_("Call a volunteer"), "\n".join(lines), css_id="help")


def error_screen(title: str, message: str) -> NoticeScreen:
    title_text, title_en = bilingual(title)
    message_text, message_en = bilingual(message)
    return NoticeScreen(title_text + (f"\n{title_en}" if title_en else ""),
                        message_text + (f"\n{message_en}" if message_en else ""), css_id="error")


def booking_screen(municipality: Municipality | None) -> NoticeScreen:
    """Booking at the kiosk comes with the booking service; until then, the way to book by phone."""
    lines = [_("Booking at this kiosk is not available yet."), _("Please book by phone or at the counter.")]
    if municipality is not None:
        lines.append(counter_line(municipality))
    return NoticeScreen(_("Book a consultation"), "\n".join(lines), css_id="booking")


def slip_screen(flow: Flow, node: Node, session: Session, municipality: Municipality, day: dt.date) -> NoticeScreen:
    """The take-home note of an outcome (K11: F5 reads it aloud like any screen)."""
    from kiosk.presenter import slip_text

    words_register = session.register
    return NoticeScreen(_("Take-home note"), slip_text(flow, node, words_register, municipality, day, session.language),
                        css_id="slip")
