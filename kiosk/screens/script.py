"""Provides screen_script(): what reading a screen aloud says, in screen order (K2, K3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.widgets import Button

from kiosk.host import kiosk_of
from kiosk.i18n import _
from kiosk.keys import DEFAULT_HELP_KEY, spoken_key
from kiosk.presenter import help_phrase, speech_parts
from kiosk.screens.layout import PinnedOptions

if TYPE_CHECKING:
    from kiosk.state import Session


def screen_parts(screen: Screen[object]) -> tuple[tuple[str, str | None], ...]:
    """(phrase, part to highlight) for a flow step; other screens have no highlight parts."""
    view = getattr(screen, "view", None)
    if callable(view):
        return _with_more(screen, speech_parts(view(kiosk_of(screen).session), help_key(screen)))
    return tuple((phrase, None) for phrase in screen_script(screen))


def read_aloud_script(screen: Screen[object], session: Session) -> tuple[list[tuple[str, str | None]], str]:
    """What reading ``screen`` aloud says (phrase, part to highlight), and in which language: a
    step shown in plain Japanese for want of a translation is read in Japanese."""
    parts = [(text, part) for text, part in screen_parts(screen) if text.strip()]
    view = getattr(screen, "view", None)
    untranslated = callable(view) and bool(view(session).note)
    return parts, "ja" if untranslated else session.language


def _with_more(screen: Screen[object], parts: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str | None], ...]:
    """Say, before how to get help, that the text goes on below the options (kiosk.screens.layout)."""
    more = screen.more_phrase() if isinstance(screen, PinnedOptions) else None
    if more is None:
        return parts
    return (*parts[:-1], (more, "more"), *parts[-1:])


def screen_script(screen: Screen[object]) -> tuple[str, ...]:
    """A flow step says what kiosk.presenter says; any other screen reads its texts top to bottom,
    each button with its number, then how to get help."""
    view = getattr(screen, "view", None)
    if callable(view):
        return tuple(phrase for phrase, _part in screen_parts(screen))
    own = getattr(screen, "speech_script", None)
    if callable(own):
        spoken = tuple(own(kiosk_of(screen).settings.private_audio))
        return tuple(phrase for phrase, _part in _with_more(screen, tuple((p, "") for p in spoken)))
    phrases: list[str] = []
    number = 0
    for widget in screen.query("Static, Button"):
        if not widget.display or widget.id == "welcome-credits" or type(widget).__name__ == "KeyBar":
            continue
        if isinstance(widget, Button):
            if widget.id == "choice-more":
                continue  # said once, below, as the sentence about more text
            number += 1
            label = str(getattr(widget, "full_label", widget.label)).split("  ", 1)[-1]
            phrases.append(_("Press {number}: {label}").format(number=number, label=label))
        else:
            text = str(widget.render()).strip()
            if text:
                phrases.append(text)
    more = screen.more_phrase() if isinstance(screen, PinnedOptions) else None
    if more is not None:
        phrases.append(more)
    phrases.append(help_phrase(help_key(screen)))
    return tuple(phrases)


def help_key(screen: Screen[Any]) -> str:
    """The help key of the active key map, as residents see it on the keypad."""
    active = getattr(screen.app, "active_keys", None)
    return spoken_key(active("help")) if callable(active) else DEFAULT_HELP_KEY
