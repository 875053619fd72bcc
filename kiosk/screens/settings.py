"""Provides SettingsScreen and LanguageScreen: how the kiosk reads and looks, changed at once."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kiosk.i18n import LANGUAGE_NAMES, _
from kiosk.screens.layout import PinnedDialog, TextPane, pinned, ruby_style, ruby_text
from kiosk.state import Session
from kiosk.widgets.choices import Choices
from kiosk.widgets.key_bar import KeyBar
from kiosk.widgets.ruby_text import RubyText

CLOSE = "close"


def setting_options(session: Session) -> list[tuple[str, str]]:
    on, off = _("on"), _("off")
    rate = {0.75: _("slow"), 1.0: _("normal"), 1.5: _("fast")}.get(session.speech_rate, _("normal"))
    return [
        ("language", _("Language") + " / Language"),
        ("plain", _("Plain Japanese: {state}").format(state=on if session.register == "plain" else off)),
        ("furigana", _("Furigana (readings above kanji): {state}").format(state=on if session.furigana else off)),
        ("contrast", _("High contrast: {state}").format(state=on if session.high_contrast else off)),
        ("auto_read", _("Read each screen aloud: {state}").format(state=on if session.auto_read else off)),
        ("rate", _("Speed of reading aloud: {rate}").format(rate=rate)),
        ("summary", _("Your answers")),
        (CLOSE, _("Close")),
    ]


class SettingsScreen(PinnedDialog[None]):
    """Each choice applies at once to the screen behind; the resident's progress is kept."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with TextPane(classes="dialog-text"):
                yield ruby_text(_("Settings"), self.kiosk.session, classes="title",
                                id="settings-title")
            yield pinned(setting_options(self.kiosk.session), id="settings-choices")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Choices).focus_first()
        self.watch(self.app, "session", self._relabel, init=False)

    def _relabel(self, session: Session) -> None:
        """After a choice: the options' states, and the title too (a language change)."""
        self.query_one("#settings-title", RubyText).show(_("Settings"), **ruby_style(session))
        self.query_one(Choices).relabel([label for _key, label in setting_options(session)])

    async def on_choices_chosen(self, event: Choices.Chosen) -> None:
        event.stop()
        if event.key == CLOSE:
            self.dismiss(None)
        else:
            # Awaited, so the next key waits until the setting has been applied to every screen.
            await self.kiosk.action_setting(event.key)


class LanguageScreen(PinnedDialog[str | None]):
    """Languages by their own names; dismisses with the chosen code."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with TextPane(classes="dialog-text"):
                yield Static("言語 / Language / 语言 / 언어 / Ngôn ngữ / Idioma / भाषा / Wika / Bahasa",
                             classes="title")
            yield pinned(LANGUAGE_NAMES, selected=self.kiosk.session.language, id="language-choices")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(Choices).focus_first()

    def on_choices_chosen(self, event: Choices.Chosen) -> None:
        event.stop()
        self.dismiss(event.key)
