"""Provides the booking wizard's data and words: services, slots, pages, the read-back and the slip.

Pure functions over plain data (no Textual, no HTTP): the wizard (kiosk/booking_wizard.py) calls
the backend and shows pages; what each page says is decided here, in the session language, so the
screen, the read-aloud script and the printed slip say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from guidance.document import Counter
from kiosk.dates import format_day, format_slot, format_time
from kiosk.i18n import N_, _

PAGE_SIZE = 7
"""Days or times per page: digits 1–7 choose, 8 and 9 page back and on (as on the topic screen)."""
BACK, EXPIRED = "__back__", "__expired__"
"""What a booking page returns when the resident goes back, or when the hold ran out on it."""

MODES = {"kiosk_video": N_("Video call at this kiosk's booth"),
         "facility_video": N_("Video call at {place}"),
         "home_video": N_("Video call at home"),
         "mobile_clinic": N_("A mobile clinic (a car with a nurse) comes to you")}
CONFLICT_WORDS = {
    "slot_taken": (N_("Someone has just booked this time"), N_("Please choose another time.")),
    "slot_unavailable": (N_("This time can no longer be booked"), N_("Please choose another time.")),
    "hold_expired": (N_("The time to finish ran out"), N_("Please choose the time again.")),
}


@dataclass(frozen=True)
class Service:
    code: str
    kind: str
    name: str
    provider: str
    mode: str
    duration_minutes: int
    nurse_attends: bool
    facility_fee: str
    place: str
    how_it_works: str
    prepare: tuple[str, ...]
    can_do: tuple[str, ...] = ()
    """What this service can complete (a remote counter's procedures)."""
    cannot_do: tuple[str, ...] = ()
    """What it cannot, and where to go instead: said before the resident books."""
    offered_by: str = ""
    """The neighbouring municipality that runs it, when it is shared with this one (地域間連携)."""

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Service:
        return cls(code=str(data["code"]), kind=str(data["kind"]), name=str(data["name"]),
                   provider=str(data["provider"]["name"]), mode=str(data["mode"]),
                   duration_minutes=int(data["duration_minutes"]), nurse_attends=bool(data["nurse_attends"]),
                   facility_fee=str(data.get("facility_fee", "")), place=str(data.get("place", "")),
                   how_it_works=str(data.get("how_it_works", "")),
                   prepare=tuple(str(item) for item in data.get("prepare", ())),
                   can_do=tuple(str(item) for item in data.get("can_do", ())),
                   cannot_do=tuple(str(item) for item in data.get("cannot_do", ())),
                   offered_by=str(data.get("offered_by") or ""))


@dataclass(frozen=True)
class Slot:
    id: int
    start: dt.datetime
    place: str = ""
    """Where this slot happens when not the service's place: a mobile clinic's stop that day."""

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Slot:
        return cls(id=int(data["id"]), start=dt.datetime.fromisoformat(str(data["start"])),
                   place=str(data.get("place") or ""))


@dataclass(frozen=True)
class Booking:
    reference: str
    service: Service
    slot: Slot

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Booking:
        return cls(reference=str(data["reference"]), service=Service.of(data["service"]), slot=Slot.of(data["slot"]))


@dataclass(frozen=True)
class Page:
    """What one booking page shows and says."""

    css_id: str
    title: str
    lines: tuple[str, ...] = ()
    personal: tuple[str, ...] = ()
    """Shown to the resident, but read aloud only through headphones (K7)."""
    options: tuple[tuple[str, str], ...] = ()
    hint: str = ""


@dataclass
class Draft:
    """What the resident has chosen and entered so far. Lives only inside one wizard run."""

    service: Service | None = None
    slot: Slot | None = None
    hold: str | None = None
    name: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)


def where(service: Service, slot: Slot) -> str:
    """Where the resident goes for this slot: its own place (a mobile clinic's stop), else the service's."""
    return slot.place or service.place


def service_line(service: Service) -> str:
    parts = [_(MODES[service.mode]).format(place=service.place) if service.mode in MODES else service.mode,
             _("{minutes} minutes").format(minutes=service.duration_minutes)]
    if service.nurse_attends and service.mode != "mobile_clinic":  # the mode already says so
        parts.append(_("a nurse is with you"))
    return " / ".join([*parts, *offered_by(service)])


def offered_by(service: Service) -> list[str]:
    """Who runs a neighbour's shared service (地域間連携): its staff, not this town's, run the day."""
    return [_("a service of {municipality}").format(municipality=service.offered_by)] if service.offered_by else []


def service_page(services: Sequence[Service]) -> Page:
    return Page("booking-service", _("Choose what to book"),
                lines=tuple(f"{n}. {s.name}: {service_line(s)}" for n, s in enumerate(services, start=1)),
                options=tuple((s.code, s.name) for s in services))


def _paged(items: Sequence[tuple[str, str]], page: int) -> tuple[tuple[str, str], ...]:
    if len(items) <= 9:
        return tuple(items)
    shown = list(items[page * PAGE_SIZE:(page + 1) * PAGE_SIZE])
    if page:
        shown.append(("page-previous", _("Earlier")))
    if (page + 1) * PAGE_SIZE < len(items):
        shown.append(("page-next", _("Later")))
    return tuple(shown)


def _listed(items: Sequence[str], language: str, between: str = ", ") -> str:
    """Items as one line: joined with 、 in Japanese, with ``between`` in other languages."""
    return "、".join(items) if language == "ja" else between.join(items)


def what_it_does(service: Service, language: str) -> list[str]:
    """A remote counter's procedures: what can be finished here and what cannot (and where instead)."""
    lines = []
    if service.can_do:
        lines.append(_("You can do here: {items}").format(items=_listed(service.can_do, language, "; ")))
    if service.cannot_do:
        lines.append(_("You cannot do here: {items}").format(items=_listed(service.cannot_do, language, "; ")))
    return lines


def days_of(slots: Sequence[Slot]) -> list[dt.date]:
    return sorted({slot.start.date() for slot in slots})


def day_page(service: Service, slots: Sequence[Slot], language: str, page: int = 0,
             contact: str = "") -> Page:
    days = days_of(slots)
    lines = [service.name, service_line(service)]
    if service.facility_fee:
        lines.append(_("Fee: {fee}").format(fee=service.facility_fee))
    lines += what_it_does(service, language)
    if not days:
        return Page("booking-days", _("There are no free times"), (*lines, contact),
                    hint=_("Please ask at the counter or by phone."))
    stops = {slot.start.date(): slot.place for slot in sorted(slots, key=lambda s: s.start) if slot.place}
    options = [(day.isoformat(), f"{format_day(day, language)}  {stops[day]}" if day in stops
                else format_day(day, language)) for day in days]
    return Page("booking-days", _("Choose a day"), tuple(lines), options=_paged(options, page),
                hint=_("Only days with a free time are shown."))


def time_page(day: dt.date, slots: Sequence[Slot], language: str, page: int = 0) -> Page:
    on_day = [slot for slot in slots if slot.start.date() == day]
    places = {slot.place for slot in on_day if slot.place}
    many = len(places) > 1  # two stops on one day: each time names its own
    times = [(str(slot.id), f"{format_time(slot.start.time(), language)}  {slot.place}" if many and slot.place
              else format_time(slot.start.time(), language)) for slot in on_day]
    lines = [format_day(day, language)]
    if len(places) == 1:
        lines.append(_("Where: {place}").format(place=places.pop()))
    return Page("booking-times", _("Choose a time"), tuple(lines), options=_paged(times, page))


def countdown_text(seconds: int) -> str:
    minutes, rest = divmod(max(0, seconds), 60)
    return _("This time is kept for you for {minutes} min {seconds} s more.").format(minutes=minutes, seconds=rest)


def name_page() -> Page:
    return Page("booking-name", _("Your name in kana"),
                (_("Enter your name in kana (ひらがな). It is only used to call you at the appointment."),),
                hint=_("Press ✓ when it is right."))


def phone_page() -> Page:
    return Page("booking-phone", _("Your phone number"),
                (_("Enter a phone number we can call if the time changes."),), hint=_("Press ✓ when it is right."))


def phone_problem(digits: str) -> str | None:
    """Why ``digits`` is not a Japanese phone number (10 or 11 digits from 0), or None."""
    if not digits.startswith("0") or not 10 <= len(digits) <= 11:
        return _("A phone number has 10 or 11 digits and starts with 0.")
    return None


def phone_problem_text(digits: str) -> str:
    """``phone_problem`` as a page shows it ("" when the number is fine)."""
    return phone_problem(digits) or ""


def not_accepted() -> str:
    """Shown on the name or phone page when the backend refused what was typed there."""
    return _("This could not be used. Please check it.")


def spaced_phone(digits: str) -> str:
    """090-1234-5678 style grouping for reading back (mobile 3-4-4; others 2/3-4-4 approximately)."""
    if len(digits) == 11:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    return f"{digits[:2]}-{digits[2:6]}-{digits[6:]}" if digits.startswith("03") or digits.startswith("06") \
        else f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def confirm_page(draft: Draft, language: str) -> Page:
    assert draft.service is not None and draft.slot is not None
    return Page("booking-confirm", _("Please check your booking"),
                lines=(_("What: {service}").format(service=draft.service.name),
                       _("When: {when}").format(when=format_slot(draft.slot.start, language)),
                       _("Where: {place}").format(place=where(draft.service, draft.slot))),
                personal=(_("Name: {name}").format(name=draft.name),
                          _("Phone: {phone}").format(phone=spaced_phone(draft.phone))),
                options=(("book", _("Book this")), ("name", _("Change the name")),
                         ("phone", _("Change the phone number")),
                         ("time", _("Choose another time")), ("stop", _("Do not book"))))


def contact_line(values: Mapping[str, str]) -> str:
    if values.get("health_center_phone"):
        return _("Questions: {place}, phone {phone}").format(place=values.get("health_center_name", ""),
                                                            phone=values["health_center_phone"])
    counter = Counter.of(values)
    return _("Questions: {place}, phone {phone}").format(place=counter.name, phone=counter.phone)


def qr_payload(reference: str, municipality_code: str, values: Mapping[str, str]) -> str:
    """A link to the municipality's booking page with the reference when it has one; otherwise
    the reference alone. Never a name or phone number."""
    page = values.get("booking_page_url", "").strip()
    if page:
        return f"{page}{'&' if '?' in page else '?'}ref={reference}"
    return f"MADOGUCHI:{municipality_code}:{reference}"


def qr_caption(values: Mapping[str, str]) -> str:
    """What scanning the code does: it opens the booking page only where the municipality has
    one; otherwise the code holds the reference alone, and the words must not promise more."""
    if values.get("booking_page_url", "").strip():
        return _("Scan to check your booking (no personal data in this code).")
    return _("This code holds only your booking reference (no personal data).")


def slip_lines(booking: Booking, language: str, site: str = "") -> tuple[tuple[str, str], ...]:
    """The slip's labelled lines; ``site`` is where the kiosk stands (KioskSettings.site)."""
    service = booking.service
    lines = [(_("Reference"), booking.reference), (_("Date and time"), format_slot(booking.slot.start, language)),
             (_("What"), " / ".join([service.name, *offered_by(service)])), (_("Where"), where(service, booking.slot))]
    if site:
        lines.append((_("Booked at"), site))
    if service.how_it_works:
        lines.append((_("How it works"), service.how_it_works))
    if service.facility_fee:
        lines.append((_("Fee"), service.facility_fee))
    return tuple(lines)


def slip_page(booking: Booking, values: Mapping[str, str], language: str, *, printed: str = "",
              site: str = "") -> Page:
    lines = [f"{label}: {value}" for label, value in slip_lines(booking, language, site)]
    if booking.service.prepare:
        lines.append(_("Please bring: {items}").format(items=_listed(booking.service.prepare, language)))
    lines += what_it_does(booking.service, language)
    lines.append(contact_line(values))
    if printed:
        lines.append(printed)
    return Page("booking-slip", _("Your booking is made"), tuple(lines),
                options=(("print", _("Print the slip")), ("finish", _("Finish"))),
                hint=_("The slip has no name or phone number on it. Scan the code to check your booking.")
                if values.get("booking_page_url", "").strip() else _("The slip has no name or phone number on it."))


def printable(booking: Booking, municipality_code: str, values: Mapping[str, str], language: str,
              sample: bool, site: str = "") -> Any:
    """The slip for kiosk.printing (imported lazily: fpdf2 loads only when printing)."""
    from kiosk.printing.slip import PrintableSlip

    return PrintableSlip(
        title=_("Booking slip"), lines=list(slip_lines(booking, language, site)),
        notes=[_("Please bring: {items}").format(items=_listed(booking.service.prepare, language))]
        if booking.service.prepare else [],
        contact=contact_line(values), qr_payload=qr_payload(booking.reference, municipality_code, values),
        qr_caption=qr_caption(values),
        footer=_("Sample municipality: this booking is not real.") if sample else "", language=language)
