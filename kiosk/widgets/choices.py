"""Provides Choices: numbered options picked by digit key, arrows and Enter, or touch.

The options fit the rows a screen gives them (``fit``): big bordered buttons when there is room,
compact rows when not, one line each (ending in "…", the whole label still read aloud) when even
that does not fit. Whatever the size, every option stays on screen (issue 12). A screen whose text
does not fit above the options shows one more numbered option, "more text", that pages the text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button

from accessibility.linebreak import HANGUL, wrap
from kiosk.cells import truncate

Density = Literal["tall", "compact", "dense"]
MORE = "more"
"""Key of the "more text" option (kept apart from the screen's own options)."""
LABEL_LINES = 2
"""A label may wrap to this many lines before it is cut with "…"."""
BORDER_ROWS, GAP_ROWS = 2, 1
"""A tall button's top and bottom border, and the gap below it."""
PADDING = 2
"""Cells a button takes from its label: Textual's line-pad, one each side. (The buttons have no
padding of their own: padding and line-pad together took four cells where the wrapping counted
two, and Textual wrapped our lines again, pushing a label's end below the button, cut.)"""
BORDER_COLUMNS = 2
"""Cells a tall button's left and right border take (compact and dense buttons have none)."""


def label_room(width: int, density: Density) -> int:
    """Cells a label has on one line of a button ``width`` cells wide at ``density``."""
    return max(1, width - PADDING - (BORDER_COLUMNS if density == "tall" else 0))


def label_lines(label: str, width: int, density: Density = "tall") -> int:
    """Lines ``label`` wraps to in a button ``width`` cells wide (at most ``LABEL_LINES``)."""
    return len(shown_label(label, width, LABEL_LINES, density).split("\n"))


def shown_label(label: str, width: int, lines: int, density: Density = "tall") -> str:
    """``label`` as drawn in a button ``width`` cells wide: wrapped here by the script's rules
    (Textual wraps only at spaces, so a Japanese label left its number on a line of its own and
    was drawn wider than the screen), at most ``lines`` lines, the last cut with "…". Each line
    fits the button's room exactly: a line Textual had to wrap again pushed the end of the label
    below the button's last row, cut without "…"."""
    room = label_room(width, density)
    wrapped = list(wrap(label, room))
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    kept = wrapped[:lines]
    last = kept[-1][-1:]
    # Japanese and Chinese lines break between characters; Korean ones at spaces, like Latin.
    spaceless = bool(last) and unicodedata.east_asian_width(last) in "WF" and not HANGUL.match(last)
    kept[-1] = truncate(kept[-1] + ("" if spaceless else " ") + wrapped[lines], room)
    if not kept[-1].endswith("…"):
        kept[-1] = truncate(kept[-1] + "…", room)
    return "\n".join(kept)


def rows_needed(labels: Sequence[str], width: int, density: Density) -> int:
    """Rows a column of ``labels`` takes at ``density``."""
    if density == "dense":
        return len(labels)
    lines = sum(label_lines(label, width, density) for label in labels)
    if density == "compact":
        return lines
    return lines + BORDER_ROWS * len(labels) + GAP_ROWS * max(0, len(labels) - 1)


def choose_density(labels: Sequence[str], width: int, rows: int) -> Density:
    """The roomiest density whose rows fit in ``rows`` (dense always fits a screen: ≤ 10 rows)."""
    for density in ("tall", "compact"):
        if rows_needed(labels, width, density) <= rows:
            return density
    return "dense"


class ChoiceButton(Button):
    """An option: its ``full_label`` (number and whole words, as read aloud) beside the label shown,
    which may end in "…" where the screen is narrow."""

    def __init__(self, label: str, **options: Any) -> None:
        super().__init__(label, **options)
        self.full_label = label


class Choices(Vertical):
    """A column of big numbered buttons. Digits 1–9 choose directly; arrows move the focus.

    | Key | Action |
    |-----|--------|
    | 1–9 | choose that option (the number after the last option: more text, when shown) |
    | ↑ ↓ | move the focus |
    | Enter | choose the focused option |
    """

    DEFAULT_CSS = """
    Choices { height: auto; width: 100%; }
    Choices.-grid { layout: grid; grid-gutter: 0 1; grid-rows: 4; }
    Choices.-grid > Button { margin: 0; }
    Choices.-grid.-compact { grid-rows: 1; }
    Choices.-grid.-compact > Button { min-height: 1; max-height: 1; border: none; text-wrap: nowrap; }
    Choices > Button {
        width: 100%; height: auto; min-height: 3; max-height: 4; margin: 0 0 1 0; min-width: 0;
        content-align: left middle; text-align: left; text-overflow: ellipsis; padding: 0; line-pad: 1;
    }
    Choices > Button.-selected { text-style: bold; }
    Choices.-compact > Button, Choices.-dense > Button, Choices > #choice-more {
        min-height: 1; max-height: 2; margin: 0; border: none;
    }
    Choices.-dense > Button, Choices > #choice-more { max-height: 1; text-wrap: nowrap; }
    Choices > #choice-more { padding: 0 0 0 1; }
    """
    BINDINGS = [
        *[Binding(str(n), f"choose({n})", show=False, id=f"choose-{n}") for n in range(1, 10)],
        Binding("up,left", "app.focus_previous", show=False, id="focus-previous"),
        Binding("down,right", "app.focus_next", show=False, id="focus-next"),
    ]

    @dataclass
    class Chosen(Message):
        """An option was chosen."""

        choices: Choices
        key: str
        keystroke: str = "enter"
        """The key that chose it (a digit, or Enter on the focused option)."""

        @property
        def control(self) -> Choices:
            return self.choices

    @dataclass
    class MoreRequested(Message):
        """The resident asked for the rest of the text (the "more text" option)."""

        choices: Choices

        @property
        def control(self) -> Choices:
            return self.choices

    def __init__(self, options: Sequence[tuple[str, str]], *, selected: str | None = None,
                 id: str | None = None, columns: int = 1, classes: str = "") -> None:
        super().__init__(id=id, classes=" ".join(filter(None, ("-grid" if columns > 1 else "", classes))))
        self._options = tuple(options)
        self._selected = selected
        self._buttons: dict[str, ChoiceButton] = {}
        """The button of each option key, in the order shown (buttons being removed are not here)."""
        self._more: Button | None = None
        self._more_label = ""
        self.density: Density = "tall"
        self._fitted: tuple[int, int] | None = None
        """The rows and width of the last ``fit``, applied again when the labels change."""
        if columns > 1:
            self.styles.grid_size_columns = columns

    def compose(self) -> ComposeResult:
        self._buttons = {}
        for number, (key, label) in enumerate(self._options, start=1):
            yield self._button(number, key, label)

    def _button(self, number: int, key: str, label: str) -> ChoiceButton:
        button = ChoiceButton(f"{number}  {label}", id=f"choice-{key}", classes="choice", compact=False)
        button.set_class(key == self._selected, "-selected")
        self._buttons[key] = button
        return button

    @property
    def buttons(self) -> list[ChoiceButton]:
        """The option buttons, top to bottom (not the "more text" option)."""
        return list(self._buttons.values())

    @property
    def labels(self) -> list[str]:
        """The whole labels, with their numbers (as read aloud; the screen may end one in "…")."""
        return [self._full_label(button) for button in self.buttons]

    @staticmethod
    def _full_label(button: ChoiceButton) -> str:
        return button.full_label

    # -- fitting the rows a screen gives ------------------------------------------------------

    def fit(self, rows: int, width: int) -> int:
        """Take the roomiest look that fits ``rows`` rows at ``width`` cells; returns the rows used
        (one more is kept for the "more text" option). A label longer than its lines ends in "…"
        (its whole text is what is read aloud)."""
        self._fitted = (rows, width)
        labels = [self._full_label(button) for button in self.buttons]
        density = choose_density(labels, width, rows - 1)
        for button, label in zip(self.buttons, labels, strict=True):
            shown = shown_label(label, width, 1 if density == "dense" else LABEL_LINES, density)
            if str(button.label) != shown:
                button.label = shown
        if density != self.density:
            self.remove_class(f"-{self.density}", update=False)
            self.density = density
            if density != "tall":
                self.add_class(f"-{density}")
        return rows_needed(labels, width, density)

    def show_more(self, label: str | None) -> None:
        """Show the "more text" option with ``label`` after the last option, or hide it (None)."""
        if label is None:
            if self._more is not None and self._more.display:
                self._more.display = False
            return
        text = f"{len(self._options) + 1}  {label}" if len(self._options) < 9 else label
        if self._more is None:
            self._more = Button(text, id=f"choice-{MORE}", classes="more", compact=False)
            self.mount(self._more)
        elif str(self._more.label) != text:
            self._more.label = text
        self._more.display = True
        self._more_label = label

    @property
    def more_shown(self) -> bool:
        return self._more is not None and bool(self._more.display)

    # -- changing the options ---------------------------------------------------------------

    def relabel(self, labels: Sequence[str]) -> None:
        """Change the words (e.g. on a switch to plain Japanese) without losing the focus."""
        for number, (button, label) in enumerate(zip(self.buttons, labels, strict=False), start=1):
            text = f"{number}  {label}"
            button.full_label = text
            if str(button.label) != text:
                button.label = text
        self._refit()

    def _refit(self) -> None:
        if self._fitted is not None:
            self.fit(*self._fitted)

    async def set_options(self, options: Sequence[tuple[str, str]]) -> None:
        """Show other options in place (the next step of a flow) without recomposing: a button
        whose key stays is kept and relabelled; the others are removed, new ones mounted, all
        awaited, so the column is complete before it is painted. The earlier selection is kept
        if its key is still there."""
        options = tuple(options)
        if not self.is_mounted:  # not composed yet: compose shows these
            self._options = options
            return
        wanted = [key for key, _label in options]
        for button in self._buttons.values():
            # A kept button is a new option of a new step: Button ignores Enter while it still
            # shows the last step's press (0.2 s), and a quick second Enter would be lost.
            button.remove_class("-active")
        if wanted == list(self._buttons):
            self._options = options
            self.relabel([label for _key, label in options])
            return
        old = self._buttons
        leaving = [button for key, button in old.items() if key not in wanted]
        if leaving:
            await self.remove_children(leaving)  # done before a button with the same id can return
        if self._selected not in wanted:
            self._selected = None
        self._options, self._buttons = options, {}
        previous: Button | None = None
        for number, (key, label) in enumerate(options, start=1):
            kept = old.get(key)
            if kept is None:
                button = self._button(number, key, label)
                if previous is not None:
                    await self.mount(button, after=previous)
                elif self.children:
                    await self.mount(button, before=0)
                else:
                    await self.mount(button)
            else:
                button = kept
                self._buttons[key] = button
                button.full_label = f"{number}  {label}"
                button.label = button.full_label
                if previous is None:
                    if self.children.index(button) != 0:
                        self.move_child(button, before=0)
                elif self.children.index(button) != self.children.index(previous) + 1:
                    self.move_child(button, after=previous)
            previous = button
        if self._more is not None and self.more_shown:
            self.show_more(self._more_label)  # its number follows the last option
        self._refit()

    def mark(self, key: str | None) -> None:
        """Mark ``key`` as the earlier answer (shown bold), leaving the focus where it is."""
        self._selected = key
        for option, button in self._buttons.items():
            button.set_class(option == key, "-selected")

    def select(self, key: str | None) -> None:
        """Mark ``key`` as the earlier answer (shown bold) and put the focus on it."""
        self.mark(key)
        self.focus_first()

    def focus_first(self) -> None:
        buttons = self.buttons
        target = next((b for b in buttons if b.has_class("-selected")), buttons[0] if buttons else None)
        if target is not None:
            # Keep the page at its top: the resident reads from the title down.
            target.focus(scroll_visible=False)

    def action_choose(self, number: int) -> None:
        if 1 <= number <= len(self._options):
            self.post_message(self.Chosen(self, self._options[number - 1][0], str(number)))
        elif number == len(self._options) + 1 and self.more_shown:
            self.post_message(self.MoreRequested(self))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button is self._more:
            self.post_message(self.MoreRequested(self))
        elif event.button.id and event.button.id.startswith("choice-"):
            self.post_message(self.Chosen(self, event.button.id.removeprefix("choice-")))
