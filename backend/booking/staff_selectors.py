"""Provides the staff's reads on one service: a day's slots and bookings, and the bookings to come.

Staff see every status (a clerk needs the cancelled and the no-shows too) and paused services;
every query is scoped to the staff member's municipality.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from backend.booking.models import LIVE_STATUSES, Appointment, AppointmentStatus, Service, Slot
from backend.booking.selectors import day_bounds, fhir_status, staff_service_get
from backend.core.errors import ApplicationError, NotFound
from backend.municipalities.models import Municipality

UPCOMING_MAX_DAYS = 366


@dataclass(frozen=True)
class SlotRow:
    slot: Slot
    booked: int
    status: str


@dataclass(frozen=True)
class ServiceDay:
    service: Service
    day: date
    slots: list[SlotRow]
    appointments: list[Appointment]
    counts: dict[str, int]


def _appointments(service: Service) -> QuerySet[Appointment]:
    return Appointment.objects.select_related("slot", "service", "municipality").filter(service=service)


def service_day(*, municipality: Municipality, code: str, day: date, now: datetime | None = None) -> ServiceDay:
    """Everything a clerk runs a day by: each slot (booked places, closed or not) and each booking."""
    now = now or timezone.now()
    service = staff_service_get(municipality=municipality, code=code)
    lower, upper = day_bounds(day, day)
    slots = (Slot.objects.filter(service=service, start__gte=lower, start__lt=upper)
             .annotate(booked=Count("appointments", filter=Q(appointments__status__in=LIVE_STATUSES), distinct=True),
                       held=Count("holds", filter=Q(holds__release_at__gt=now), distinct=True))
             .order_by("start"))
    rows = [SlotRow(slot=slot, booked=slot.booked,
                    status=fhir_status(capacity=slot.capacity, booked=slot.booked, held=slot.held,
                                       blocked=slot.blocked)) for slot in slots]
    appointments = list(_appointments(service).filter(slot__start__gte=lower, slot__start__lt=upper)
                        .order_by("slot__start", "reference"))
    counts = Counter(a.status for a in appointments)
    return ServiceDay(service=service, day=day, slots=rows, appointments=appointments,
                      counts={status: counts.get(status, 0) for status in AppointmentStatus.values})


def viewable_service(*, municipality: Municipality, code: str) -> tuple[Service, bool]:
    """A service whose bookings these staff may list, and whether they run it: their own (yes), or
    one a partner shares with them (no: they see their own residents' bookings of it, nothing more)."""
    try:
        return staff_service_get(municipality=municipality, code=code), True
    except NotFound:
        shared = shared_services(municipality=municipality).filter(code=code).first()
        if shared is None:
            raise
        return shared, False


def shared_services(*, municipality: Municipality) -> QuerySet[Service]:
    """The services other municipalities offer to this one's residents (地域間連携)."""
    return (Service.objects.filter(partnerships__partner=municipality).exclude(municipality=municipality)
            .select_related("municipality").order_by("kind", "code"))


def upcoming_appointments(*, municipality: Municipality, code: str, days: int = 14,
                          now: datetime | None = None) -> QuerySet[Appointment]:
    """Bookings still to happen (pending, booked, arrived) from now to the end of ``days`` days:
    all of them for the service's own staff, their own residents' for a partner's."""
    if not 1 <= days <= UPCOMING_MAX_DAYS:
        raise ApplicationError(f"Ask for 1 to {UPCOMING_MAX_DAYS} days.", details={"days": days})
    now = now or timezone.now()
    service, runs_it = viewable_service(municipality=municipality, code=code)
    _, upper = day_bounds(timezone.localdate(now), timezone.localdate(now) + timedelta(days=days - 1))
    appointments = _appointments(service) if runs_it else _appointments(service).filter(municipality=municipality)
    return (appointments
            .filter(slot__end__gt=now, slot__start__lt=upper,
                    status__in=(AppointmentStatus.PENDING, AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED))
            .order_by("slot__start", "reference"))


@dataclass(frozen=True)
class DayCount:
    slots: int
    open_places: int
    booked: int
    blocked: int
    places: tuple[str, ...] = ()
    """Where that day's slots happen when not at the service's place (a mobile clinic's stops)."""


def month_counts(*, municipality: Municipality, code: str, year: int, month: int) -> dict[date, DayCount]:
    """Per day of the month (Japan time): slots, places still free, places booked, slots closed."""
    service = staff_service_get(municipality=municipality, code=code)
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    lower, upper = day_bounds(first, last)
    slots = (Slot.objects.filter(service=service, start__gte=lower, start__lt=upper)
             .annotate(booked=Count("appointments", filter=Q(appointments__status__in=LIVE_STATUSES), distinct=True))
             .only("start", "capacity", "blocked", "place").order_by("start"))
    days: dict[date, list[int]] = {}
    places: dict[date, dict[str, None]] = {}
    for slot in slots:
        day = timezone.localdate(slot.start)
        row = days.setdefault(day, [0, 0, 0, 0])
        row[0] += 1
        row[1] += 0 if slot.blocked else max(slot.capacity - slot.booked, 0)
        row[2] += slot.booked
        row[3] += int(slot.blocked)
        if slot.place:
            places.setdefault(day, {})[slot.place] = None
    return {day: DayCount(slots=row[0], open_places=row[1], booked=row[2], blocked=row[3],
                          places=tuple(places.get(day, ()))) for day, row in days.items()}


def staff_services(*, municipality: Municipality) -> QuerySet[Service]:
    """Every service of the municipality, paused ones included, for the staff's pages (with the
    partners each is offered to)."""
    return (Service.objects.filter(municipality=municipality).prefetch_related("partnerships__partner")
            .order_by("kind", "code"))
