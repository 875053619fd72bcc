"""Provides RubyText: text that can show furigana on a line above its kanji."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static

from kiosk.host import kiosk_of


def wrap(text: str, width: int, words: bool = False) -> list[str]:
    """Break ``text`` into lines of at most ``width`` cells, by the rules of its script (with
    ``words``, only at spaces)."""
    from accessibility.linebreak import wrap as wrap_lines

    return list(wrap_lines(text, width, words=words))


class RubyText(Static):
    """Shows ``text`` plainly, or with furigana rows (readings above, aligned by display width)
    when ``furigana`` is on. Lines are wrapped here, by ``accessibility.linebreak`` (Textual's
    own wrapping starts a line with '。' or '）'), and again when the widget's width changes;
    ``words`` breaks only at spaces (plain Japanese, written with spaces between words)."""

    DEFAULT_CSS = """
    RubyText { height: auto; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, id=id, classes=classes, markup=False)
        self._text = text
        self._items: tuple[str, ...] = ()
        self._furigana = False
        self._words = False

    def show(self, text: str, *, furigana: bool = False, words: bool = False) -> None:
        self._text, self._items, self._furigana, self._words = text, (), furigana, words
        self._render_rows()

    def show_numbered(self, items: tuple[str, ...], *, furigana: bool = False, words: bool = False) -> None:
        """A numbered list with hanging indents (1. 2. 3. …), one widget however long the list."""
        self._text, self._items, self._furigana, self._words = "\n".join(items), tuple(items), furigana, words
        self._render_rows()

    @property
    def plain(self) -> str:
        return self._text

    @property
    def furigana(self) -> bool:
        return self._furigana

    @property
    def words(self) -> bool:
        return self._words

    def on_resize(self, event: events.Resize) -> None:
        self._render_rows()

    def _render_rows(self) -> None:
        if self._items:
            self.update(self._numbered())
            return
        width = self.content_region.width or self.size.width or 60
        if not self._text:
            self.update("")
        elif not self._furigana:
            self.update(Text("\n".join(wrap(self._text, width, self._words))))
        else:
            self.update(self._ruby(self._text, width))

    def _numbered(self) -> Text:
        """Numbered items with a hanging indent, wrapped here by display width (faster than a
        table, and it keeps furigana rows in step with their text)."""
        width = max(10, (self.content_region.width or self.size.width or 60) - 4)
        content = Text()
        for number, item in enumerate(self._items, start=1):
            if number > 1:
                content.append("\n\n")
            lines = ([line for pair in kiosk_of(self).ruby_rows(item, width, words=self._words)
                      for line in pair] if self._furigana else wrap(item, width, self._words))
            for index, line in enumerate(lines):
                if index:
                    content.append("\n")
                content.append(f"{number}.".ljust(4) if index == 0 else "    ", style="bold")
                ruby_row = self._furigana and index % 2 == 0
                content.append(line.replace(" ", "\u00a0") if self._furigana else line,
                               style="dim" if ruby_row else "")
        return content

    def _ruby(self, text: str, width: int) -> Text:
        rows = kiosk_of(self).ruby_rows(text, width, words=self._words)
        content = Text()
        for index, (ruby, base) in enumerate(rows):
            if index:
                content.append("\n")
            # No-break spaces: the padding that puts each reading over its kanji must survive
            # the renderer's whitespace handling.
            content.append(ruby.replace(" ", "\u00a0") + "\n", style="dim")
            content.append(base.replace(" ", "\u00a0"))
        return content
