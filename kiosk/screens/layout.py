"""Provides the kiosk's one layout rule, shared by every screen with options (issue 12).

The options are pinned at the bottom, above the key bar, and never scroll away; the text above
them scrolls. The options take the roomiest look that fits the rows left after a minimum of text
(``Choices.fit``). When the text does not fit, one more numbered option pages through it
("more text"), so a keypad reaches all of it and the resident sees and hears that there is more.
Page Up and Page Down do the same on a keyboard. Digits choose options wherever the focus is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget

from kiosk.bindings import dialog_bindings
from kiosk.i18n import _
from kiosk.screens.base import KioskScreen
from kiosk.widgets.choices import Choices
from kiosk.widgets.ruby_text import RubyText

if TYPE_CHECKING:
    from kiosk.state import Session

ResultType = TypeVar("ResultType")

MIN_TEXT_ROWS, MIN_TEXT_SHARE = 6, 0.45
"""A full screen keeps at least this many rows, and this share of its height, for its text:
big buttons give way to compact rows before the text is squeezed (at 24 rows, 3 big buttons
would leave three lines of text with furigana)."""
MIN_DIALOG_TEXT_ROWS = 3
"""The same for a dialog."""


class TextPane(VerticalScroll, can_focus=False):
    """The scrolling text above the options. It never takes the focus: digits, arrows and Enter
    always reach the options (issue 12: arrows moved the focus here and digits stopped working)."""


class PinnedOptions(KioskScreen[ResultType]):
    """A screen of text (a ``TextPane``) over pinned options (a ``Choices`` with class ``pinned``)."""

    BINDINGS = [
        *[Binding(str(n), f"choose({n})", show=False, id=f"screen-choose-{n}") for n in range(1, 10)],
        Binding("pagedown", "more(1)", show=False, id="text-down"),
        Binding("pageup", "more(-1)", show=False, id="text-up"),
    ]
    def text_rows(self) -> int:
        """Rows kept for the text above the options."""
        return max(MIN_TEXT_ROWS, int(self.size.height * MIN_TEXT_SHARE))

    # -- the parts ------------------------------------------------------------------------------

    def text_pane(self) -> TextPane | None:
        panes = self.query(TextPane)
        return panes.first() if panes else None

    def pinned_choices(self) -> Choices | None:
        pinned = self.query("Choices.pinned")
        return pinned.first(Choices) if pinned else None

    def fixed_rows(self) -> int:
        """Rows taken by what is neither text nor options (banner, key bar, borders)."""
        rows = 0
        for widget in self.query("SampleBanner, KeyBar"):
            if widget.display:
                rows += max(1, widget.outer_size.height)  # the key bar wraps to two lines when long
        return rows + 1  # the line over the options

    # -- fitting ------------------------------------------------------------------------------

    def on_mount(self) -> None:
        pane = self.text_pane()
        if pane is not None:
            self.watch(pane, "virtual_size", self._text_resized, init=False)
            self.watch(pane, "scroll_y", lambda _y: self.update_more(), init=False)

    def _text_resized(self, _size: object) -> None:
        self.call_after_refresh(self.update_more)

    def on_resize(self, event: events.Resize) -> None:
        self.fit_options()

    def on_show(self) -> None:
        self.fit_options()

    async def recompose(self) -> None:
        """New options (another page, language or session) are fitted again: composed, they come
        tall, and a topic's second page hid its last option at 80×24."""
        await super().recompose()
        self.fit_options()

    def fit_options(self) -> None:
        """Give the options the rows left after the minimum text; say if the text needs paging."""
        choices = self.pinned_choices()
        if choices is not None and self.size.height:
            rows = self.size.height - self.fixed_rows() - self.text_rows()
            choices.fit(rows, self.options_width())
        self.call_after_refresh(self.update_more)

    def options_width(self) -> int:
        choices = self.pinned_choices()
        width = choices.content_region.width if choices is not None else 0
        return width or max(10, self.size.width - 4)

    def update_more(self) -> None:
        """Show "more text" while the text overflows: ▼ until its end, then ▲ back to its top."""
        pane, choices = self.text_pane(), self.pinned_choices()
        if pane is None or choices is None or not self.is_attached:
            return
        if pane.max_scroll_y <= 0:
            choices.show_more(None)
        elif pane.scroll_y < pane.max_scroll_y:
            choices.show_more(_("▼ More text below"))
        else:
            choices.show_more(_("▲ Back to the top of the text"))

    # -- actions --------------------------------------------------------------------------------

    def action_choose(self, number: int) -> None:
        """A digit when the focus is not on the options (it can never be lost)."""
        choices = self.pinned_choices()
        if choices is not None:
            choices.action_choose(number)

    def action_more(self, direction: int = 1) -> None:
        pane = self.text_pane()
        if pane is None:
            return
        page = max(1, pane.scrollable_content_region.height - 1)
        if direction > 0 and pane.scroll_y >= pane.max_scroll_y:
            pane.scroll_home(animate=False)
        else:
            pane.scroll_to(y=pane.scroll_y + direction * page, animate=False)

    @on(Choices.MoreRequested)
    def _more_requested(self, event: Choices.MoreRequested) -> None:
        event.stop()
        self.action_more(1)

    def more_phrase(self) -> str | None:
        """What reading aloud says about the "more text" option, when it is shown."""
        choices = self.pinned_choices()
        if choices is None or not choices.more_shown:
            return None
        number = len(choices.buttons) + 1
        return _("There is more text. Press {number} to see it.").format(number=number)


class PinnedDialog(ModalScreen[ResultType], PinnedOptions[ResultType]):
    """A dialog over the screen behind: the same rule inside its frame. Its text pane is given a
    height that leaves its options on screen. (ModalScreen first: Textual's CSS follows the first
    base, and the dialog is styled as a modal.) The kiosk's keys work on it as on any screen."""

    BINDINGS: ClassVar[list[BindingType]] = list(dialog_bindings())

    def go_back(self) -> None:
        """What − (back) does here: close the dialog without a choice."""
        self.dismiss(None)

    def text_rows(self) -> int:
        return MIN_DIALOG_TEXT_ROWS

    def fixed_rows(self) -> int:
        return super().fixed_rows() + 2  # the dialog's border

    def fit_options(self) -> None:
        super().fit_options()
        self.call_after_refresh(self._fit_text)

    def _fit_text(self) -> None:
        pane, choices = self.text_pane(), self.pinned_choices()
        if pane is None or not self.size.height:
            return
        used = choices.outer_size.height if choices is not None else 0
        room = max(self.text_rows(), self.size.height - self.fixed_rows() - used)
        if pane.styles.max_height is None or pane.styles.max_height.value != room:
            pane.styles.max_height = room


def pinned(options: Any, **kwargs: Any) -> Choices:
    """The options of a screen, pinned under its text."""
    return Choices(options, classes="pinned", **kwargs)


def is_within_screen(widget: Widget) -> bool:
    """Whether ``widget`` is wholly on screen (for checks and tests)."""
    screen = widget.screen
    region = widget.region
    return bool(region) and screen.region.contains_region(region)


def ruby_text(text: str, session: Session, **kwargs: Any) -> RubyText:
    """A screen's own words, shown with ``ruby_style``."""
    words = RubyText(text, **kwargs)
    words.show(text, **ruby_style(session))
    return words


def restyle(root: Widget, session: Session) -> None:
    """Furigana or plain Japanese switched on or off: the words of ``root`` shown again."""
    style = ruby_style(session)
    for words in root.query(RubyText):
        if (words.furigana, words.words) != (style["furigana"], style["words"]):
            words.show(words.plain, **style)


def ruby_style(session: Session) -> dict[str, bool]:
    """How a screen's own words are wrapped (RubyText.show): furigana when it is on, and plain
    Japanese, written with spaces between words, broken only there; as on the step screens."""
    japanese = session.language == "ja"
    return {"furigana": japanese and session.furigana, "words": japanese and session.register == "plain"}
