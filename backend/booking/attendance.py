"""Provides the staff's marks on bookings: 来所 (arrived), fulfilled, 無断キャンセル (no-show), cancel, undo.

A mark is refused when it makes no sense: from a status that cannot lead to it, a no-show or
fulfilled before the time has come, an arrival on a day before the booking's own. A list is marked
all or nothing, so a clerk who ticked one wrong row changes nothing and is told which row and why.
Each mark keeps the status before it (``previous_status``) so one slip of the hand can be undone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from backend.booking.errors import BookingConflict
from backend.booking.models import Appointment, AppointmentStatus
from backend.booking.selectors import normalise_reference
from backend.core.errors import NotFound
from backend.municipalities.models import Municipality

Status = AppointmentStatus
ALLOWED_STATUS_CHANGES: dict[str, set[str]] = {
    Status.ARRIVED: {Status.BOOKED},
    Status.FULFILLED: {Status.BOOKED, Status.ARRIVED},
    Status.NOSHOW: {Status.BOOKED},
    Status.CANCELLED: {Status.PENDING, Status.BOOKED},
}
"""The statuses each mark may be given from (FHIR Appointment.status)."""
UNDOABLE = frozenset({Status.ARRIVED, Status.FULFILLED, Status.NOSHOW})
"""A cancellation is not undone here: its place may have been booked again since."""


def _refusal(appointment: Appointment, status: str, now: datetime) -> str | None:
    """Why ``appointment`` cannot become ``status`` now (a reason code), or None."""
    if appointment.status not in ALLOWED_STATUS_CHANGES.get(status, set()):
        return "invalid_transition"
    if status in (Status.NOSHOW, Status.FULFILLED) and appointment.slot.start > now:
        return "not_started"
    if status == Status.ARRIVED and timezone.localtime(appointment.slot.start).date() > timezone.localdate(now):
        return "not_today"
    return None


def _locked(*, municipality: Municipality, references: Iterable[str]) -> list[Appointment]:
    """Bookings of the municipality's services with these codes, locked; an unknown (or another
    town's) code is 404. The provider marks attendance for every booking of its service, a partner's
    residents' too; a partner's staff see their residents' bookings but never mark them."""
    wanted = list(dict.fromkeys(normalise_reference(reference) for reference in references))
    found = {a.reference: a for a in Appointment.objects.select_for_update(of=("self",))
             .select_related("slot", "service", "municipality")
             .filter(service__municipality=municipality, reference__in=wanted)}
    missing = [reference for reference in wanted if reference not in found]
    if missing:
        raise NotFound("No booking has this reference code." if len(wanted) == 1
                       else f"{len(missing)} of these reference codes belong to no booking; nothing was changed.",
                       details={"references": missing})
    return [found[reference] for reference in wanted]


def _refuse(refused: list[dict[str, str]], *, single: bool, to: str) -> BookingConflict:
    if single:
        row = refused[0]
        return BookingConflict(f"A booking that is '{row['status']}' cannot become '{to}' ({row['reason']}).",
                               reason=row["reason"], details={"from": row["status"], "to": to})
    return BookingConflict(f"{len(refused)} of these bookings cannot become '{to}'; nothing was changed.",
                           reason="invalid_transition", details={"to": to, "refused": refused})


@transaction.atomic
def appointments_mark(*, municipality: Municipality, references: Iterable[str], status: str,
                      now: datetime | None = None) -> list[Appointment]:
    """Give every listed booking ``status``, or none of them. One already so is left as it is."""
    now = now or timezone.now()
    appointments = _locked(municipality=municipality, references=references)
    changing = [a for a in appointments if a.status != status]
    refused = [{"reference": a.reference, "status": a.status, "reason": reason}
               for a in changing if (reason := _refusal(a, status, now)) is not None]
    if refused:
        raise _refuse(refused, single=len(appointments) == 1, to=status)
    for appointment in changing:
        appointment.previous_status, appointment.status = appointment.status, status
        appointment.save(update_fields=["status", "previous_status", "updated_at"])
    return appointments


def appointment_set_status(*, municipality: Municipality, reference: str, status: str) -> Appointment:
    """Staff mark one booking arrived, fulfilled, no-show or cancelled."""
    return appointments_mark(municipality=municipality, references=[reference], status=status)[0]


@transaction.atomic
def appointments_undo(*, municipality: Municipality, references: Iterable[str]) -> list[Appointment]:
    """Put every listed booking back to its status before the last mark, or none of them."""
    appointments = _locked(municipality=municipality, references=references)
    refused = [{"reference": a.reference, "status": a.status, "reason": "nothing_to_undo"}
               for a in appointments if a.status not in UNDOABLE or not a.previous_status]
    if refused:
        if len(appointments) == 1:
            raise BookingConflict(f"A booking that is '{refused[0]['status']}' has no mark to undo.",
                                  reason="nothing_to_undo", details={"status": refused[0]["status"]})
        raise BookingConflict(f"{len(refused)} of these bookings have no mark to undo; nothing was changed.",
                              reason="nothing_to_undo", details={"refused": refused})
    for appointment in appointments:
        appointment.status, appointment.previous_status = appointment.previous_status, ""
        appointment.save(update_fields=["status", "previous_status", "updated_at"])
    return appointments
