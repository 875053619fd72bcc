"""Provides Kiosk: the app as its screens, widgets and helpers may use it, typed.

Screens, widgets and the helpers (booking wizard, help desk) sit below the app and never import
it; they hold this protocol instead, so the import graph has no circle and every use of the app
is checked by mypy. Anything else they need to say goes up as a message (kiosk.messages).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.message import Message
    from textual.screen import Screen

    from guidance.document import Catalogue, Flow
    from kiosk.client import GuidanceClient
    from kiosk.config import KioskSettings
    from kiosk.printing.slip import PrintableSlip
    from kiosk.state import Session


class Kiosk(Protocol):
    session: Session
    """The resident's session; replaced whole, never mutated."""
    settings: KioskSettings
    client: GuidanceClient
    flow: Flow | None
    """The flow on screen, if any (the help desk asks whether its step ends it)."""

    @property
    def catalogue(self) -> Catalogue | None: ...

    @property
    def offline(self) -> bool: ...

    @property
    def screen(self) -> Screen[object]: ...

    async def push_screen_wait(self, screen: Screen[Any], /) -> Any: ...

    def post_message(self, message: Message, /) -> bool: ...

    def notify(self, message: str, *, timeout: float | None = None) -> None: ...

    def run_worker(self, work: Coroutine[Any, Any, Any], /, *, group: str = "default",
                   exclusive: bool = False) -> Any: ...

    def call_later(self, callback: Callable[..., Any], /, *args: Any, **kwargs: Any) -> bool: ...

    async def set_language(self, language: str) -> None: ...

    async def action_setting(self, name: str) -> None: ...

    def say(self, text: str) -> None: ...

    def print_slip(self, slip: PrintableSlip) -> Awaitable[str]: ...

    def ruby_rows(self, text: str, width: int, *, words: bool = False) -> tuple[tuple[str, str], ...]: ...

    def auto_read(self) -> None: ...


def kiosk_of(node: DOMNode) -> Kiosk:
    """The kiosk app that ``node`` (a screen or widget) is mounted in."""
    return cast("Kiosk", node.app)
