"""Provides HelpDesk: calling a volunteer from the kiosk, waiting, and the volunteer's co-pilot
suggestions, which change nothing until the resident says yes.

The request carries where the resident is (kiosk.assistance.context_of), never who they are. While
it is open the kiosk polls it every second: the queue position, the volunteer on the way, and any
suggestion, which is asked as a yes/no page. Ending the session cancels the request and counts the
session anonymously (kiosk.state.SessionFigures: flows started and completed, the last step, the
language and modes used, whether it was assisted).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kiosk import assistance
from kiosk.booking import BACK
from kiosk.errors import BackendUnavailable, KioskError
from kiosk.messages import CounterHelpRequested, SuggestionAccepted
from kiosk.screens.booking import BookingPage
from kiosk.screens.offline import OfflineScreen
from kiosk.state import SessionFigures, ends_flow, figures_after

if TYPE_CHECKING:
    from kiosk.host import Kiosk
    from kiosk.state import Session

logger = logging.getLogger("kiosk.help")

FINISHED = ("resolved", "cancelled")


class HelpDesk:
    def __init__(self, app: Kiosk) -> None:
        self.app = app
        self.request_id: int | None = None
        self.status: dict[str, Any] = {}
        self.assisted = False
        self.figures = SessionFigures()
        self._suggesting = False

    @property
    def active(self) -> bool:
        return self.request_id is not None

    def context(self) -> dict[str, Any]:
        session = self.app.session
        node = session.trail[-1] if session.trail else ""
        return assistance.context_of(session, node_id=node, step=len(session.trail))

    def _sample(self) -> bool:
        catalogue = self.app.catalogue
        return bool(catalogue and catalogue.municipality.sample)

    def _contact(self) -> str:
        catalogue = self.app.catalogue
        if catalogue is None:
            return ""
        counter = catalogue.municipality.counter
        return " ".join((counter.name, counter.hours, counter.phone)).strip()

    def session_changed(self, old: Session, new: Session) -> None:
        """Count what the session used; while a call is open, tell the volunteer where the resident is."""
        self.figures = figures_after(self.figures, new, at_end=ends_flow(self.app.flow, new))
        if self.active and (old.trail, old.answers, old.register, old.language) != (
                new.trail, new.answers, new.register, new.language):
            self.app.run_worker(self.push_context(), group="help-context", exclusive=True)

    def requested(self) -> None:
        """The help key: call a volunteer, or with no backend say where the counter is."""
        screen = self.app.screen
        if isinstance(screen, OfflineScreen) or screen.id == "help" or screen.name in ("help-reason", "help-waiting"):
            return
        if self.app.offline or self.app.catalogue is None:
            self.app.post_message(CounterHelpRequested())
        else:
            self.app.run_worker(self.ask(), group="help-ui")

    def tick(self) -> None:
        """Every second: while a call is open, ask how it stands."""
        if self.active:
            self.app.run_worker(self.poll(), group="help-poll", exclusive=True)

    async def ask(self) -> None:
        """The help key: choose a reason and call, or see how the call already made stands."""
        client = self.app.client
        if self.request_id is None:
            reason = await self.app.push_screen_wait(BookingPage(assistance.reason_page, sample=self._sample()))
            if reason == BACK or reason not in {key for key, _label in assistance.REASONS}:
                return
            try:
                self.status = await client.help_create(str(reason), self.context())
            except KioskError as error:
                logger.warning("help request failed: %s", type(error).__name__)
                self.app.post_message(CounterHelpRequested())
                return
            self.request_id = int(self.status["id"])
            self.assisted = True
        await self._show_waiting()

    async def _show_waiting(self) -> None:
        status, contact = self.status, self._contact()
        chosen = await self.app.push_screen_wait(
            BookingPage(lambda: assistance.waiting_page(status, contact), sample=self._sample()))
        if chosen == assistance.CANCEL:
            await self.cancel()

    async def cancel(self) -> None:
        request_id, self.request_id, self.status = self.request_id, None, {}
        if request_id is not None:
            try:
                await self.app.client.help_cancel(request_id)
            except (KioskError, RuntimeError):
                pass

    async def poll(self) -> None:
        """Once a second while a request is open: refresh the waiting page; ask suggestions."""
        if self.request_id is None or self._suggesting:
            return
        try:
            status = await self.app.client.help_status(self.request_id)
        except BackendUnavailable:
            return
        except KioskError as error:
            logger.warning("help status failed: %s", type(error).__name__)
            self.request_id = None
            return
        self.status = status
        if status["status"] in FINISHED:
            self.request_id = None
            return
        screen = self.app.screen
        if isinstance(screen, BookingPage) and screen.page.css_id == "help-waiting":
            new = assistance.waiting_page(status, self._contact())
            if new != screen.page:
                screen.dismiss(BACK)
                self.app.call_later(self.app.run_worker, self._show_waiting(), group="help-ui")
        if status.get("suggestions"):
            self.app.run_worker(self._suggest(status["suggestions"][0]), group="help-ui")

    async def _suggest(self, suggestion: dict[str, Any]) -> None:
        if self._suggesting:
            return
        self._suggesting = True
        try:
            chosen = await self.app.push_screen_wait(
                BookingPage(lambda: assistance.suggestion_page(str(suggestion["action"])), sample=self._sample()))
            accepted = chosen == "yes"
            try:
                await self.app.client.suggestion_answer(int(suggestion["id"]), accepted)
            except KioskError:
                pass
            if accepted:
                self.app.post_message(SuggestionAccepted(str(suggestion["action"])))
        finally:
            self._suggesting = False

    async def push_context(self) -> None:
        if self.request_id is not None:
            try:
                await self.app.client.help_context(self.request_id, self.context())
            except KioskError:
                pass

    def read_aloud_used(self) -> None:
        """The read-aloud key (or auto-read) read a screen: counted like the auto-read mode."""
        self.figures = replace(self.figures, read_aloud=True)

    def end_session(self) -> tuple[int | None, SessionFigures, bool]:
        """Forget this resident's help request and figures; returns them for the closing calls."""
        ended = (self.request_id, self.figures, self.assisted)
        self.request_id, self.status, self.assisted, self.figures = None, {}, False, SessionFigures()
        return ended


async def close_session(app: Kiosk, request_id: int | None, figures: SessionFigures, assisted: bool) -> None:
    """After the wipe: cancel a help request still open, and count the session anonymously (one
    that opened no flow and called nobody is not counted)."""
    try:
        if request_id is not None:
            await app.client.help_cancel(request_id)
        if figures.flows or assisted:
            await app.client.session_record(figures, assisted)
    except (KioskError, RuntimeError):
        pass
