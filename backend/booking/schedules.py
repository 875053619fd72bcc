"""Provides the writes on availability: weekly schedules, blocking a slot, closing a service's day.

A schedule is planned as Asia/Tokyo wall-clock times (a clerk's "Tuesdays at 10:00") and stored as
aware datetimes. 祝日 are left out unless asked for, and the answer names each day left out, so a
clerk sees why 元日 has no slots. The service's row is locked while its slots are made, so the same
request sent twice at once still makes one set of slots; a repeat makes nothing new.

Blocking never cancels a booking: the residents booked on a closed slot are returned, for staff to
call them (the kiosk never sees them).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction

from backend.booking.calendar import JAPAN, holidays_between
from backend.booking.models import LIVE_STATUSES, Appointment, Schedule, Service, Slot
from backend.booking.selectors import day_bounds, staff_service_get
from backend.core.errors import ApplicationError, NotFound
from backend.municipalities.models import Municipality

MAX_SCHEDULE_DAYS = 366


class InvalidSchedule(ApplicationError):
    code = "invalid_schedule"


@dataclass(frozen=True)
class SchedulePlan:
    """The slot starts a request asks for, and the 祝日 it leaves out (date → name)."""

    starts: list[datetime]
    holidays: dict[date, str]


@dataclass(frozen=True)
class ScheduleResult:
    """``schedule`` is None when nothing was new and no earlier identical request made one."""

    schedule: Schedule | None
    created: int
    existing: int
    holidays: dict[date, str] = field(default_factory=dict)
    repeated: bool = False


def schedule_plan(*, starts_on: date, ends_on: date, weekdays: Iterable[int], times: Iterable[time],
                  capacity: int, skip_holidays: bool = True) -> SchedulePlan:
    """Check a request and list its slot starts; raises InvalidSchedule with a reason a clerk can act on."""
    days, starts = set(weekdays), sorted(set(times))
    if capacity < 1:
        raise InvalidSchedule("Capacity must be at least 1: a slot with no places could never be booked.",
                              details={"capacity": capacity})
    if ends_on < starts_on or (ends_on - starts_on).days >= MAX_SCHEDULE_DAYS:
        raise InvalidSchedule(f"The date range must run forwards and cover at most {MAX_SCHEDULE_DAYS} days.",
                              details={"starts_on": str(starts_on), "ends_on": str(ends_on)})
    if not days or not days <= set(range(7)) or not starts:
        raise InvalidSchedule("Choose at least one weekday (0 = Monday … 6 = Sunday) and one start time.")
    closed = holidays_between(starts_on, ends_on) if skip_holidays else {}
    wanted: list[datetime] = []
    skipped: dict[date, str] = {}
    day = starts_on
    while day <= ends_on:
        if day.weekday() in days:
            if day in closed:
                skipped[day] = closed[day]
            else:
                wanted += [datetime.combine(day, at.replace(tzinfo=None), tzinfo=JAPAN) for at in starts]
        day += timedelta(days=1)
    return SchedulePlan(starts=wanted, holidays=skipped)


def place_checked(place: str) -> str:
    """A place as stored: one line of at most 200 characters, printable, trimmed."""
    place = " ".join(place.split())
    if len(place) > 200 or any(not ch.isprintable() for ch in place):
        raise InvalidSchedule("A place is one line of at most 200 printable characters.",
                              details={"place": place[:200]})
    return place


def _fingerprint(*, starts_on: date, ends_on: date, weekdays: Iterable[int], times: Iterable[time],
                 capacity: int, skip_holidays: bool, place: str) -> str:
    request = {"from": str(starts_on), "to": str(ends_on), "weekdays": sorted(set(weekdays)),
               "times": sorted({at.strftime("%H:%M") for at in times}), "capacity": capacity,
               "holidays": not skip_holidays}
    if place:  # requests made before places existed keep their fingerprint
        request["place"] = place
    return hashlib.sha256(json.dumps(request, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def schedule_create(*, municipality: Municipality, service_code: str, starts_on: date, ends_on: date,
                    weekdays: Iterable[int], times: Iterable[time], capacity: int = 1, comment: str = "",
                    skip_holidays: bool = True, place: str = "") -> ScheduleResult:
    """Create a schedule and its slots: every listed weekday (0 = Monday) × every start time.

    ``place`` is where these slots happen when it is not the service's own place: a mobile clinic's
    route is one schedule per stop (Tuesdays at one 公民館, Thursdays at a parking lot). Slots that
    already exist for the service at a start are left as they are (``existing``): the car cannot be
    in two places at once. No schedule is made when no slot would be: a repeated request returns
    the schedule it made first.
    """
    weekdays, times, place = list(weekdays), list(times), place_checked(place)
    service = (Service.objects.select_for_update()
               .filter(municipality=municipality, code=service_code).first())
    if service is None:
        raise NotFound(f"There is no service '{service_code}'.", details={"service": service_code})
    plan = schedule_plan(starts_on=starts_on, ends_on=ends_on, weekdays=weekdays, times=times,
                         capacity=capacity, skip_holidays=skip_holidays)
    fingerprint = _fingerprint(starts_on=starts_on, ends_on=ends_on, weekdays=weekdays, times=times,
                               capacity=capacity, skip_holidays=skip_holidays, place=place)
    earlier = Schedule.objects.filter(service=service, fingerprint=fingerprint).order_by("pk").first()
    taken = set(Slot.objects.filter(service=service, start__in=plan.starts).values_list("start", flat=True))
    new_starts = [start for start in plan.starts if start not in taken]
    schedule = earlier
    if new_starts and schedule is None:
        schedule = Schedule.objects.create(municipality=municipality, service=service, starts_on=starts_on,
                                           ends_on=ends_on, comment=comment, place=place,
                                           fingerprint=fingerprint)
    if schedule is not None:
        length = timedelta(minutes=service.duration_minutes)
        Slot.objects.bulk_create(Slot(municipality=municipality, schedule=schedule, service=service, start=start,
                                      end=start + length, capacity=capacity, place=schedule.place)
                                 for start in new_starts)
    return ScheduleResult(schedule=schedule, created=len(new_starts), existing=len(taken),
                          holidays=plan.holidays, repeated=earlier is not None)


@dataclass(frozen=True)
class Closure:
    """Slots just blocked or opened, and the bookings on them (for staff to call)."""

    slots: list[Slot]
    appointments: list[Appointment]


def _affected(slots: list[Slot]) -> list[Appointment]:
    return list(Appointment.objects.select_related("slot", "service", "municipality")
                .filter(slot__in=slots, status__in=LIVE_STATUSES).order_by("slot__start", "reference"))


@transaction.atomic
def slot_block(*, municipality: Municipality, slot_id: int, blocked: bool = True) -> Closure:
    """Close (or reopen) one slot; its bookings stay and are returned."""
    slot = (Slot.objects.select_for_update().select_related("service")
            .filter(pk=slot_id, municipality=municipality).first())
    if slot is None:
        raise NotFound("There is no such slot.", details={"slot_id": slot_id})
    if slot.blocked != blocked:
        slot.blocked = blocked
        slot.save(update_fields=["blocked"])
    return Closure(slots=[slot], appointments=_affected([slot]))


@transaction.atomic
def day_close(*, municipality: Municipality, service_code: str, day: date, blocked: bool = True) -> Closure:
    """Close (or reopen) every slot of a service on one day, e.g. when the 保健師 is out."""
    service = staff_service_get(municipality=municipality, code=service_code)
    lower, upper = day_bounds(day, day)
    slots = list(Slot.objects.select_for_update().select_related("service")
                 .filter(service=service, start__gte=lower, start__lt=upper).order_by("start"))
    Slot.objects.filter(pk__in=[slot.pk for slot in slots]).update(blocked=blocked)
    for slot in slots:
        slot.blocked = blocked
    return Closure(slots=slots, appointments=_affected(slots))
