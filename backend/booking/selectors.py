"""Provides the reads on bookings: services, free slots with their FHIR status, a resident's booking, staff lists."""

from __future__ import annotations

import secrets
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from backend.booking.calendar import JAPAN
from backend.booking.models import LIVE_STATUSES, Appointment, Service, Slot
from backend.booking.presenters import slot_document
from backend.booking.sharing import offered_to, visible_to
from backend.core.errors import ApplicationError, NotFound
from backend.municipalities.models import Municipality

MAX_RANGE_DAYS = 62


def services_list(*, municipality: Municipality, kind: str | None = None) -> list[Service]:
    """The services this municipality's kiosks offer: its own, then those partners share with it.
    Its own service wins a code both use (a kiosk asks for services by code)."""
    services = (Service.objects.filter(offered_to(municipality), is_active=True).distinct()
                .select_related("municipality"))
    if kind:
        services = services.filter(kind=kind)
    own = [s for s in services if s.municipality_id == municipality.pk]
    codes = {s.code for s in own}
    return own + [s for s in services if s.municipality_id != municipality.pk and s.code not in codes]


def service_get(*, municipality: Municipality, code: str) -> Service:
    service = next((s for s in services_list(municipality=municipality) if s.code == code), None)
    if service is None:
        raise NotFound(f"There is no service '{code}'.", details={"service": code})
    return service


def fhir_status(*, capacity: int, booked: int, held: int, blocked: bool) -> str:
    """FHIR Slot.status: busy-unavailable when closed, busy when full, busy-tentative when only
    holds fill it, free otherwise."""
    if blocked:
        return "busy-unavailable"
    if booked >= capacity:
        return "busy"
    if booked + held >= capacity:
        return "busy-tentative"
    return "free"


def staff_service_get(*, municipality: Municipality, code: str) -> Service:
    """A service of the staff member's municipality, paused ones included (staff still run their days)."""
    service = Service.objects.filter(municipality=municipality, code=code).first()
    if service is None:
        raise NotFound(f"There is no service '{code}'.", details={"service": code})
    return service


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """From midnight of ``start`` to the midnight after ``end``, in Japan time."""
    return (datetime.combine(start, time.min, tzinfo=JAPAN),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=JAPAN))


def booking_last_day(service: Service, *, today: date) -> date:
    """The last day residents may book: the service's horizon counts today as its first day."""
    return today + timedelta(days=service.horizon_days - 1)


def slots_in_range(*, service: Service, start: date, end: date, now: datetime | None = None,
                   free_only: bool = True) -> list[dict[str, Any]]:
    """The service's future slots between two dates (inclusive), with places left and status.

    Nothing after the service's booking horizon is offered, however far ``end`` reaches; a range
    may be as long as the horizon (or ``MAX_RANGE_DAYS``, whichever is longer).
    """
    limit = max(MAX_RANGE_DAYS, service.horizon_days)
    if end < start or (end - start).days >= limit:
        raise ApplicationError(f"Ask for at most {limit} days, with 'from' before 'to'.",
                               details={"from": str(start), "to": str(end)})
    now = now or timezone.now()
    end = min(end, booking_last_day(service, today=timezone.localdate(now)))
    lower, upper = day_bounds(start, end)
    slots = (Slot.objects.filter(service=service, start__gte=max(lower, now), start__lt=upper)
             .annotate(booked=Count("appointments", filter=Q(appointments__status__in=LIVE_STATUSES), distinct=True),
                       held=Count("holds", filter=Q(holds__release_at__gt=now), distinct=True))
             .order_by("start"))
    documents = []
    for slot in slots:
        status = fhir_status(capacity=slot.capacity, booked=slot.booked, held=slot.held, blocked=slot.blocked)
        if free_only and status != "free":
            continue
        documents.append(slot_document(slot, remaining=max(0, slot.capacity - slot.booked - slot.held),
                                       status=status))
    return documents


def normalise_reference(reference: str) -> str:
    raw = "".join(ch for ch in reference.upper() if ch.isalnum())
    return f"{raw[:3]}-{raw[3:]}" if len(raw) == 6 else reference.upper()


def appointment_owned(*, municipality: Municipality, reference: str, phone: str, lock: bool = False) -> Appointment:
    """The appointment with this reference and phone; a wrong phone is "not found" too, so codes
    cannot be probed for existence."""
    query = Appointment.objects.select_related("slot", "service")
    if lock:
        query = query.select_for_update()
    appointment = query.filter(municipality=municipality, reference=normalise_reference(reference),
                               personal_data_erased_at__isnull=True).first()
    if appointment is None or not secrets.compare_digest(appointment.phone, phone):
        raise NotFound("No booking has this reference code and phone number.")
    return appointment


def appointments_list(*, municipality: Municipality, start: date, end: date,
                      status: str | None = None) -> QuerySet[Appointment]:
    if end < start or (end - start).days >= MAX_RANGE_DAYS:
        raise ApplicationError(f"Ask for at most {MAX_RANGE_DAYS} days, with 'from' before 'to'.")
    lower, upper = day_bounds(start, end)
    appointments = (Appointment.objects.select_related("slot", "service", "municipality")
                    .filter(visible_to(municipality), slot__start__gte=lower, slot__start__lt=upper))
    return appointments.filter(status=status) if status else appointments
