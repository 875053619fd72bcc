"""Provides ScreenPool: screens composed once and shown again, in later steps and sessions.

Composing a screen on a key press missed issue 5's 50 ms, so the home screen, each topic's
screen and the screen of the n-th step of a flow are kept (installed in the app: popping them
does not remove them) and shown again with new words. A kept screen that is still on the stack
is never handed out twice.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

S = TypeVar("S", bound=Screen[Any])


class ScreenPool:
    def __init__(self, app: App[Any]) -> None:
        self._app = app

    def free(self, name: str, kind: type[S]) -> S | None:
        """The screen kept as ``name``, when it is a ``kind`` and free to show again."""
        app = self._app
        if not app.is_screen_installed(name):
            return None
        screen = app.get_screen(name)
        if not isinstance(screen, kind) or screen in app.screen_stack:
            return None
        return screen

    def keep(self, name: str, screen: Screen[Any]) -> None:
        """Keep ``screen`` as ``name``, replacing the one kept before, which is removed unless it is
        still on the stack (an unusual stack, e.g. the same step depth twice: the new screen then
        goes when popped, as unkept screens do)."""
        app = self._app
        if app.is_screen_installed(name):
            old = app.get_screen(name)
            if old in app.screen_stack:
                return
            app.uninstall_screen(name)
            if old.is_attached:
                old.remove()
        app.install_screen(screen, name)
