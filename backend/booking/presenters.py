"""Provides the JSON documents of holds, slots, services and appointments.

A kiosk-facing appointment document never carries the resident's name or phone number: the kiosk
already has them, and the document is stored for idempotent replays.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from backend.booking.models import Appointment, Hold, Service, Slot
from backend.municipalities.models import Municipality


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat()


def service_document(service: Service, *, viewer: Municipality | None = None) -> dict[str, Any]:
    """The service as ``viewer``'s kiosks and staff see it: ``offered_by`` names the municipality
    that runs it when that is a partner (地域間連携), and is empty for the viewer's own."""
    offered_by = (service.municipality.name if viewer is not None and service.municipality_id != viewer.pk
                  else "")
    return {"code": service.code, "offered_by": offered_by, "kind": service.kind, "name": service.name,
            "provider": {"kind": service.provider_kind, "name": service.provider_name},
            "mode": service.mode, "duration_minutes": service.duration_minutes,
            "nurse_attends": service.nurse_attends, "facility_fee": service.facility_fee,
            "place": service.place, "how_it_works": service.how_it_works, "prepare": list(service.prepare),
            "can_do": list(service.can_do), "cannot_do": list(service.cannot_do)}


def slot_document(slot: Slot, *, remaining: int | None = None, status: str | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {"id": slot.pk, "start": _local(slot.start), "end": _local(slot.end),
                                "capacity": slot.capacity, "place": slot.place}
    if remaining is not None:
        document["remaining"] = remaining
    if status is not None:
        document["status"] = status
    return document


def hold_document(hold: Hold, *, now: datetime) -> dict[str, Any]:
    return {"token": hold.token, "slot": slot_document(hold.slot), "release_at": _local(hold.release_at),
            "seconds_left": max(0, int((hold.release_at - now).total_seconds()))}


def participants(appointment: Appointment) -> list[dict[str, str]]:
    service = appointment.service
    people = [{"role": "resident"}, {"role": "provider", "name": service.provider_name}]
    if service.nurse_attends:
        people.append({"role": "nurse"})
    return people


def appointment_document(appointment: Appointment) -> dict[str, Any]:
    return {"reference": appointment.reference, "status": appointment.status,
            "service": service_document(appointment.service, viewer=appointment.municipality),
            "slot": slot_document(appointment.slot),
            "participants": participants(appointment)}


def appointment_staff_document(appointment: Appointment) -> dict[str, Any]:
    """For the municipality's staff, who need the name and number to call the resident."""
    return {**appointment_document(appointment), "name_kana": appointment.name_kana, "phone": appointment.phone,
            "personal_data_erased": appointment.personal_data_erased_at is not None,
            "booked_in": appointment.municipality.name,
            "booked_at": _local(appointment.created_at)}
