"""Provides run_booking(): the booking wizard, from choosing a service to the take-home slip.

It talks to the backend through the app's client and shows ``BookingPage``s; every fault ends in
words the resident can act on, and nothing typed is lost on the way: a time taken meanwhile or a
hold that ran out sends the resident back to choose a time with the name and phone kept; a
connection lost while booking is retried with the same idempotency key, so the kiosk can say
honestly whether the booking exists.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
import uuid
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from kiosk import booking as words
from kiosk.booking import BACK, EXPIRED, Booking, Draft, Service, Slot
from kiosk.errors import BackendUnavailable, BookingConflict, InvalidInput, KioskError
from kiosk.i18n import _
from kiosk.messages import SessionEndRequested
from kiosk.screens.booking import BookingPage
from kiosk.screens.notice import NoticeScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from guidance.document import Municipality
    from kiosk.host import Kiosk

logger = logging.getLogger("kiosk.booking")

BOOK_RETRIES = 5
"""Attempts to book through a lost connection (same idempotency key), ``RETRY_PAUSE`` apart."""
RETRY_PAUSE = 2.0


class Wizard:
    """One resident's booking. Its draft (name, phone, hold) lives only as long as this object."""

    def __init__(self, app: Kiosk, municipality: Municipality, kind: str | None) -> None:
        self.app, self.municipality, self.kind = app, municipality, kind
        self.client = app.client
        self.draft = Draft()
        self.hold_until: float | None = None
        self.left_typed = ""

    @property
    def language(self) -> str:
        return self.app.session.language

    async def _page(self, make: Callable[[], words.Page], **options: Any) -> str:
        """Show one page; ``make`` builds its words, again when the resident changes language.
        What was typed on a page left by back or by the hold running out is kept in ``left_typed``."""
        screen = BookingPage(make, sample=self.municipality.sample, hold_until=self.hold_until,
                             personal=bool(self.draft.name or self.draft.phone), **options)
        # mypy takes Textual's overloads for Screen[object] here; the page dismisses with a str.
        result = str(await self.app.push_screen_wait(cast("Screen[object]", screen)))
        self.left_typed, screen.left_typed = screen.left_typed, ""
        return result

    def _day_page(self, service: Service, slots: list[Slot], page: int) -> words.Page:
        return words.day_page(service, slots, self.language, page, contact=self._by_phone())

    def _time_page(self, day: dt.date, slots: list[Slot], page: int) -> words.Page:
        return words.time_page(day, slots, self.language, page)

    def _slip_page(self, booking: Booking, printed: str, site: str) -> words.Page:
        return words.slip_page(booking, self.municipality.values, self.language, printed=printed, site=site)

    async def _notice(self, title: str, message: str) -> None:
        await self.app.push_screen_wait(NoticeScreen(title, message, css_id="booking-notice"))

    def _by_phone(self) -> str:
        return words.contact_line(self.municipality.values)

    # ------------------------------------------------------------------ steps

    async def run(self) -> None:
        try:
            await self._run()
        except BackendUnavailable:
            await self._notice(_("Booking is not available right now"),
                               _("The kiosk cannot reach the booking service. Please book by phone or at the counter.")
                               + "\n" + self._by_phone())
        except KioskError as error:
            logger.warning("booking stopped: %s (%s)", type(error).__name__, error.detail)
            await self._notice(_(error.title), _(error.message) + "\n" + self._by_phone())
        finally:
            await self.release_hold()
            self.draft, self.left_typed = Draft(), ""

    async def _run(self) -> None:
        services = [Service.of(s) for s in await self.client.services(self.kind)]
        if not services:
            await self._notice(_("There is nothing to book here yet"),
                               _("Please book by phone or at the counter.") + "\n" + self._by_phone())
            return
        while True:
            service = await self._choose_service(services)
            if service is None:
                return
            self.draft.service = service
            if await self._choose_time_and_book():
                return
            if len(services) == 1:
                return

    async def _choose_service(self, services: list[Service]) -> Service | None:
        if len(services) == 1:
            return services[0]
        chosen = await self._page(lambda: words.service_page(services))
        return next((s for s in services if s.code == chosen), None)

    async def _free_slots(self) -> list[Slot]:
        """Every free slot the backend offers from today: as far ahead as the service takes bookings
        (its horizon, decided by the municipality), so next month's times show too."""
        assert self.draft.service is not None
        data = await self.client.slots(self.draft.service.code, self.app.settings.today().isoformat())
        return [Slot.of(s) for s in data]

    async def _choose_time_and_book(self) -> bool:
        """True when finished (booked or stopped); False to choose the service again."""
        page = 0
        while True:
            service = self.draft.service
            assert service is not None
            slots = await self._free_slots()
            chosen = await self._page(partial(self._day_page, service, slots, page))
            if chosen == BACK:
                return False
            if chosen in ("page-next", "page-previous"):
                page += 1 if chosen == "page-next" else -1
                continue
            if chosen not in {d.isoformat() for d in words.days_of(slots)}:
                return False
            slot = await self._choose_time(dt.date.fromisoformat(chosen), slots)
            if slot is None:
                continue
            if not await self._hold(slot):
                continue
            outcome = await self._details_and_confirm()
            if outcome == "time":
                await self.release_hold()
                continue
            return True

    async def _choose_time(self, day: dt.date, slots: list[Slot]) -> Slot | None:
        page = 0
        while True:
            chosen = await self._page(partial(self._time_page, day, slots, page))
            if chosen in ("page-next", "page-previous"):
                page += 1 if chosen == "page-next" else -1
                continue
            return next((s for s in slots if str(s.id) == chosen), None)

    async def _hold(self, slot: Slot) -> bool:
        try:
            hold = await self.client.hold(slot.id)
        except BookingConflict as conflict:
            await self._conflict(conflict.reason)
            return False
        self.draft.slot, self.draft.hold = slot, str(hold["token"])
        self.hold_until = time.monotonic() + int(hold["seconds_left"])
        return True

    async def release_hold(self) -> None:
        token, self.draft.hold, self.hold_until = self.draft.hold, None, None
        if token:
            try:
                await self.client.release_hold(token)
            except (KioskError, RuntimeError):
                pass  # the kiosk is closing, or the backend is away: the hold runs out by itself

    async def _conflict(self, reason: str) -> None:
        title, message = words.CONFLICT_WORDS.get(reason, (BookingConflict.title, BookingConflict.message))
        await self._notice(_(title), _(message))

    async def _expired(self) -> bool:
        """The hold ran out on a page: hold the same time again if it is still free."""
        assert self.draft.slot is not None
        await self.release_hold()  # the kiosk's clock may run a little ahead of the backend's
        try:
            hold = await self.client.hold(self.draft.slot.id)
        except BookingConflict:
            await self._conflict("hold_expired")
            return False
        self.draft.hold = str(hold["token"])
        self.hold_until = time.monotonic() + int(hold["seconds_left"])
        await self._notice(_("The time to finish ran out"), _("We have kept the same time for you again."))
        return True

    async def _details_and_confirm(self) -> str:
        """Name, phone, read-back and booking. Returns "time" to choose another time, else "done"."""
        step = "name" if not self.draft.name else "phone" if not self.draft.phone else "confirm"
        problem: Callable[[], str] | None = None  # worded when shown, in the language of the moment
        phone_typed = self.draft.phone  # typed but not yet accepted: shown again, never booked unchecked
        while True:
            if step == "name":
                value = await self._page(words.name_page, entry="kana", value=self.draft.name, problem=problem)
                problem = None
                if value in (BACK, EXPIRED):
                    self.draft.name = self.left_typed  # kept for when the resident comes back
                if value == BACK:
                    return "time"
                if value == EXPIRED:
                    if not await self._expired():
                        return "time"
                    continue
                self.draft.name, step = value, "phone" if not self.draft.phone else "confirm"
            elif step == "phone":
                value = await self._page(words.phone_page, entry="phone", value=phone_typed, problem=problem)
                problem = None
                if value in (BACK, EXPIRED):
                    phone_typed = self.left_typed
                    self.draft.phone = "" if words.phone_problem(phone_typed) else phone_typed
                if value == BACK:
                    step = "name"
                    continue
                if value == EXPIRED:
                    if not await self._expired():
                        return "time"
                    continue
                phone_typed = value
                if words.phone_problem(value):
                    problem = partial(words.phone_problem_text, value)
                else:
                    self.draft.phone, step = value, "confirm"
            else:
                chosen = await self._page(lambda: words.confirm_page(self.draft, self.language))
                if chosen == EXPIRED:
                    if not await self._expired():
                        return "time"
                    continue
                if chosen in ("name", "phone"):
                    step = chosen
                elif chosen == "time":
                    return "time"
                elif chosen in ("stop", BACK):
                    if chosen == BACK:
                        step = "phone"
                        continue
                    return "done"
                elif chosen == "book":
                    result = await self._book()
                    if result in ("name", "phone"):
                        step, problem = result, words.not_accepted
                        continue
                    return result

    async def _book(self) -> str:
        """Book with one idempotency key, retried through a lost connection."""
        key = f"kiosk-{uuid.uuid4().hex}"
        assert self.draft.hold is not None
        for attempt in range(BOOK_RETRIES):
            try:
                data = await self.client.book(hold=self.draft.hold, name_kana=self.draft.name,
                                              phone=self.draft.phone, idempotency_key=key)
            except BackendUnavailable:
                if attempt == BOOK_RETRIES - 1:
                    await self._notice(_("We could not find out whether your booking was made"),
                                       _("The connection to the booking service was lost. Please ask at the counter "
                                         "or call, and say the day and time you chose.") + "\n" + self._by_phone())
                    return "done"
                self.app.notify(_("The connection was lost. Trying again…"), timeout=RETRY_PAUSE)
                await asyncio.sleep(RETRY_PAUSE)
                continue
            except BookingConflict as conflict:
                await self._conflict(conflict.reason)
                self.draft.hold, self.hold_until = None, None
                return "time"
            except InvalidInput as invalid:
                return "name" if "name_kana" in invalid.fields else "phone"
            self.draft.hold, self.hold_until = None, None
            await self._slip(Booking.of(data))
            return "done"
        return "done"

    async def _slip(self, booking: Booking) -> None:
        from kiosk.printing.qr import qr_text

        payload = words.qr_payload(booking.reference, self.municipality.code, self.municipality.values)
        printed, site = "", self.app.settings.site
        self.draft.name = self.draft.phone = ""
        while True:
            chosen = await self._page(partial(self._slip_page, booking, printed, site), qr=tuple(qr_text(payload)))
            if chosen == "print":
                printed = await self.app.print_slip(
                    words.printable(booking, self.municipality.code, self.municipality.values, self.language,
                                    self.municipality.sample, site))
                continue
            if chosen == "finish":
                self.app.post_message(SessionEndRequested())
                return


async def run_booking(app: Kiosk, municipality: Municipality, kind: str | None) -> None:
    await Wizard(app, municipality, kind).run()
