"""Provides RubyText: text that can show furigana on a line above its kanji."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static


class RubyText(Static):
    """Shows ``text`` plainly, or with furigana rows (readings above, aligned by display width)
    when ``furigana`` is on. Rows are re-wrapped when the widget's width changes."""

    DEFAULT_CSS = """
    RubyText { height: auto; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text, id=id, classes=classes)
        self._text = text
        self._furigana = False

    def show(self, text: str, *, furigana: bool) -> None:
        self._text, self._furigana = text, furigana
        self._render_rows()

    @property
    def plain(self) -> str:
        return self._text

    def on_resize(self, event: events.Resize) -> None:
        if self._furigana:
            self._render_rows()

    def _render_rows(self) -> None:
        if not self._furigana or not self._text:
            self.update(self._text)
            return
        width = self.content_region.width or self.size.width or 60
        rows = self.app.ruby_rows(self._text, width)  # type: ignore[attr-defined]
        content = Text()
        for index, (ruby, base) in enumerate(rows):
            if index:
                content.append("\n")
            # No-break spaces: the padding that puts each reading over its kanji must survive
            # the renderer's whitespace handling.
            content.append(ruby.replace(" ", "\u00a0") + "\n", style="dim")
            content.append(base.replace(" ", "\u00a0"))
        self.update(content)
