"""Provides Choices: numbered options picked by digit key, arrows and Enter, or touch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button


class Choices(Vertical):
    """A column of big numbered buttons. Digits 1–9 choose directly; arrows move the focus.

    | Key | Action |
    |-----|--------|
    | 1–9 | choose that option |
    | ↑ ↓ | move the focus |
    | Enter | choose the focused option |
    """

    DEFAULT_CSS = """
    Choices { height: auto; width: 100%; }
    Choices.-grid { layout: grid; grid-gutter: 0 1; grid-rows: 4; }
    Choices.-grid > Button { margin: 0; }
    Choices > Button { width: 100%; height: 3; margin: 0 0 1 0; content-align: left middle; text-align: left; }
    Choices > Button.-selected { text-style: bold; }
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

        @property
        def control(self) -> Choices:
            return self.choices

    def __init__(self, options: Sequence[tuple[str, str]], *, selected: str | None = None,
                 id: str | None = None, columns: int = 1) -> None:
        super().__init__(id=id, classes="-grid" if columns > 1 else "")
        self._options = tuple(options)
        self._selected = selected
        self._buttons: dict[str, Button] = {}
        """The button of each option key, in the order shown (buttons being removed are not here)."""
        if columns > 1:
            self.styles.grid_size_columns = columns

    def compose(self) -> ComposeResult:
        self._buttons = {}
        for number, (key, label) in enumerate(self._options, start=1):
            yield self._button(number, key, label)

    def _button(self, number: int, key: str, label: str) -> Button:
        button = Button(f"{number}  {label}", id=f"choice-{key}", classes="choice", compact=False)
        button.set_class(key == self._selected, "-selected")
        self._buttons[key] = button
        return button

    @property
    def buttons(self) -> list[Button]:
        """The option buttons, top to bottom."""
        return list(self._buttons.values())

    def relabel(self, labels: Sequence[str]) -> None:
        """Change the words (e.g. on a switch to plain Japanese) without losing the focus."""
        for number, (button, label) in enumerate(zip(self.buttons, labels, strict=False), start=1):
            button.label = f"{number}  {label}"

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
            button = old.get(key)
            if button is None:
                button = self._button(number, key, label)
                if previous is not None:
                    await self.mount(button, after=previous)
                elif self.children:
                    await self.mount(button, before=0)
                else:
                    await self.mount(button)
            else:
                self._buttons[key] = button
                button.label = f"{number}  {label}"
                if previous is None:
                    if self.children.index(button) != 0:
                        self.move_child(button, before=0)
                elif self.children.index(button) != self.children.index(previous) + 1:
                    self.move_child(button, after=previous)
            previous = button

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
            self.post_message(self.Chosen(self, self._options[number - 1][0]))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("choice-"):
            self.post_message(self.Chosen(self, event.button.id.removeprefix("choice-")))
