"""Provides the residents' writes on bookings: holds, bookings, cancellations, moves, and erasure.

Schedules and closures are in schedules.py, staff attendance marks in attendance.py.

Capacity is enforced inside one transaction that first locks the slot's row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's IMMEDIATE transactions take the write lock at
BEGIN), then counts the slot's live appointments and unexpired holds. So concurrent bookings of one
slot are serialised and never exceed its capacity, whichever database runs underneath.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from backend.booking.errors import BookingConflict, HoldExpired, SlotTaken, SlotUnavailable
from backend.booking.models import (
    LIVE_STATUSES,
    Appointment,
    AppointmentStatus,
    Hold,
    IdempotencyRecord,
    Partnership,
    Service,
    Slot,
)
from backend.booking.presenters import appointment_document, hold_document
from backend.booking.selectors import appointment_owned, booking_last_day
from backend.booking.sharing import visible_to
from backend.core.errors import ApplicationError, NotFound
from backend.municipalities.models import KioskDevice, Municipality

REFERENCE_ALPHABET = "ACEFHJKLMNPRTUWXY34679"
"""No 0/O, 1/I/L, 2/Z, 5/S, 8/B: nothing a resident can misread on a slip or mishear on a call."""

def hold_seconds() -> int:
    return int(settings.BOOKING_HOLD_SECONDS)


def _locked_slot(*, municipality: Municipality, slot_id: int) -> Slot:
    """The slot, locked, if this municipality's kiosks may book it (its own or a partner's shared
    service); any other slot is "not found", so slot numbers tell nothing about other towns."""
    slot = Slot.objects.select_for_update().select_related("service").filter(pk=slot_id).first()
    if slot is None or not (slot.municipality_id == municipality.pk or Partnership.objects.filter(
            service_id=slot.service_id, partner=municipality).exists()):
        raise NotFound("There is no such slot.", details={"slot_id": slot_id})
    return slot


def _occupied(slot: Slot, *, now: datetime, except_hold: Hold | None = None) -> int:
    """Places taken in ``slot``: live appointments plus unexpired holds (other than ``except_hold``)."""
    holds = slot.holds.filter(release_at__gt=now)
    if except_hold is not None:
        holds = holds.exclude(pk=except_hold.pk)
    return slot.appointments.filter(status__in=LIVE_STATUSES).count() + holds.count()


def _check_bookable(slot: Slot, *, now: datetime) -> None:
    if slot.blocked or not slot.service.is_active:
        raise SlotUnavailable("This slot has been closed.", details={"slot_id": slot.pk})
    if slot.start <= now:
        raise SlotUnavailable("This slot has already started.", details={"slot_id": slot.pk})
    if timezone.localtime(slot.start).date() > booking_last_day(slot.service, today=timezone.localdate(now)):
        raise SlotUnavailable("This slot is not open for booking yet.",
                              details={"slot_id": slot.pk, "horizon_days": slot.service.horizon_days})


@transaction.atomic
def hold_create(*, device: KioskDevice, slot_id: int) -> dict[str, Any]:
    """Claim one place in a slot for ``hold_seconds()`` while the resident fills in the form."""
    now = timezone.now()
    slot = _locked_slot(municipality=device.municipality, slot_id=slot_id)
    _check_bookable(slot, now=now)
    slot.holds.filter(release_at__lte=now).delete()
    if _occupied(slot, now=now) >= slot.capacity:
        raise SlotTaken("Someone else has just taken this slot.", details={"slot_id": slot.pk})
    hold = Hold.objects.create(slot=slot, device=device, token=secrets.token_urlsafe(24),
                               release_at=now + timedelta(seconds=hold_seconds()))
    return hold_document(hold, now=now)


def hold_release(*, device: KioskDevice, token: str) -> None:
    """Give a held place back at once (the resident went back or ended the session)."""
    Hold.objects.filter(device=device, token=token).delete()


def _fingerprint(payload: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _new_reference(municipality: Municipality, service: Service) -> str:
    """A code unused by the booking's municipality and by the service's provider: both find
    bookings by it (the kiosk that made it; the provider's staff, across its partners)."""
    for _ in range(20):
        raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"{raw[:3]}-{raw[3:]}"
        if not Appointment.objects.filter(visible_to(municipality) | visible_to(service.municipality),
                                          reference=reference).exists():
            return reference
    raise ApplicationError("Could not make a unique reference code.")  # 22**6 codes: practically never


@dataclass(frozen=True)
class BookingResult:
    status_code: int
    body: dict[str, Any]
    replayed: bool


def appointment_book(*, device: KioskDevice, idempotency_key: str, name_kana: str, phone: str,
                     slot_id: int | None = None, hold_token: str | None = None) -> BookingResult:
    """Book a place (from a hold, or straight from a slot) exactly once per idempotency key.

    A retry with the same key and the same request returns the first response again and books
    nothing more; the same key with a different request is a conflict. Only successes are kept:
    a failed attempt booked nothing, so re-running it is safe.
    """
    municipality = device.municipality
    fingerprint = _fingerprint({"slot": slot_id, "hold": hold_token, "name": name_kana, "phone": phone})
    try:
        with transaction.atomic():
            now = timezone.now()
            hold = None
            if hold_token is not None:
                hold = Hold.objects.filter(device=device, token=hold_token).only("slot_id").first()
                if hold is None:
                    replay = _replay(device=device, key=idempotency_key, fingerprint=fingerprint)
                    if replay is not None:
                        return replay
                    raise HoldExpired("The time to finish this booking ran out.", details={})
                slot_id = hold.slot_id
            assert slot_id is not None
            slot = _locked_slot(municipality=municipality, slot_id=slot_id)
            replay = _replay(device=device, key=idempotency_key, fingerprint=fingerprint)
            if replay is not None:
                return replay
            if hold is not None:
                hold = Hold.objects.filter(pk=hold.pk).first()
                if hold is None or hold.release_at <= now:
                    Hold.objects.filter(device=device, token=hold_token).delete()
                    raise HoldExpired("The time to finish this booking ran out.", details={"slot_id": slot.pk})
            _check_bookable(slot, now=now)
            if _occupied(slot, now=now, except_hold=hold) >= slot.capacity:
                raise SlotTaken("Someone else has just taken this slot.", details={"slot_id": slot.pk})
            appointment = Appointment.objects.create(
                municipality=municipality, slot=slot, service=slot.service, status=AppointmentStatus.BOOKED,
                reference=_new_reference(municipality, slot.service), name_kana=name_kana, phone=phone,
                booked_by=device)
            if hold is not None:
                hold.delete()
            body = appointment_document(appointment)
            IdempotencyRecord.objects.create(device=device, key=idempotency_key, fingerprint=fingerprint,
                                             status_code=201, response=body)
            return BookingResult(201, body, replayed=False)
    except IntegrityError:
        # The same key arrived at the same moment for another slot: the first one won.
        raise BookingConflict("This Idempotency-Key is already used for another booking.",
                              reason="idempotency_key_reused") from None


def _replay(*, device: KioskDevice, key: str, fingerprint: str) -> BookingResult | None:
    record = IdempotencyRecord.objects.filter(device=device, key=key).first()
    if record is None:
        return None
    if record.fingerprint != fingerprint:
        raise BookingConflict("This Idempotency-Key was used for a different booking request.",
                              reason="idempotency_key_reused")
    return BookingResult(record.status_code, record.response, replayed=True)


@transaction.atomic
def appointment_cancel(*, municipality: Municipality, reference: str, phone: str) -> Appointment:
    appointment = appointment_owned(municipality=municipality, reference=reference, phone=phone, lock=True)
    if appointment.status not in (AppointmentStatus.PENDING, AppointmentStatus.BOOKED):
        raise BookingConflict(f"A booking that is '{appointment.status}' cannot be cancelled.",
                              reason="not_cancellable", details={"status": appointment.status})
    appointment.status = AppointmentStatus.CANCELLED
    appointment.save(update_fields=["status", "updated_at"])
    return appointment


@transaction.atomic
def appointment_reschedule(*, municipality: Municipality, reference: str, phone: str, slot_id: int) -> Appointment:
    """Move a booking to another slot of the same service, keeping its reference code."""
    appointment = appointment_owned(municipality=municipality, reference=reference, phone=phone, lock=True)
    if appointment.status not in (AppointmentStatus.PENDING, AppointmentStatus.BOOKED):
        raise BookingConflict(f"A booking that is '{appointment.status}' cannot be moved.",
                              reason="not_reschedulable", details={"status": appointment.status})
    now = timezone.now()
    slot = _locked_slot(municipality=municipality, slot_id=slot_id)
    if slot.service_id != appointment.service_id:
        raise BookingConflict("The new slot is for a different service.", reason="different_service")
    if slot.pk == appointment.slot_id:
        return appointment
    _check_bookable(slot, now=now)
    if _occupied(slot, now=now) >= slot.capacity:
        raise SlotTaken("Someone else has just taken this slot.", details={"slot_id": slot.pk})
    appointment.slot = slot
    appointment.save(update_fields=["slot", "updated_at"])
    return appointment


def personal_data_erase(*, older_than_days: int, now: datetime | None = None) -> int:
    """Blank the name and phone of appointments that ended more than ``older_than_days`` ago.

    The appointment itself stays (status, service and time feed the municipality's anonymous
    figures); expired holds and idempotency records of the same age go too.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=older_than_days)
    erased = (Appointment.objects.filter(slot__end__lt=cutoff, personal_data_erased_at__isnull=True)
              .update(name_kana="", phone="", personal_data_erased_at=now))
    Hold.objects.filter(release_at__lt=now).delete()
    IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return erased

