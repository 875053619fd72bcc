"""Provides the admin's forms for schedules and slots, checked by the same rules as the staff API.

A schedule is planned by ``schedule_plan`` (capacity ≥ 1, a forward range, 祝日 left out) and is
refused when it would make no slot; a slot's capacity cannot drop below the bookings it holds.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms

from backend.booking.calendar import WEEKDAYS
from backend.booking.models import LIVE_STATUSES, Schedule, Slot
from backend.booking.schedules import InvalidSchedule, schedule_plan


def _times(text: str) -> list[time]:
    try:
        return [datetime.strptime(part.strip(), "%H:%M").time() for part in text.replace("、", ",").split(",")
                if part.strip()]
    except ValueError:
        raise forms.ValidationError("Write start times as HH:MM, separated by commas, e.g. 09:30, 13:30.") from None


class ScheduleAddForm(forms.ModelForm):
    weekdays = forms.TypedMultipleChoiceField(choices=[(n, f"{day}曜") for n, day in enumerate(WEEKDAYS)],
                                              coerce=int, widget=forms.CheckboxSelectMultiple)
    times = forms.CharField(help_text="Japan time, e.g. 09:30, 10:30, 13:30")
    capacity = forms.IntegerField(initial=1, min_value=1, max_value=100, help_text="Places per slot")
    skip_holidays = forms.BooleanField(initial=True, required=False, label="Leave out 祝日",
                                       help_text="No slots on national holidays (元日 and 振替休日 included)")

    class Meta:
        model = Schedule
        fields = ["service", "starts_on", "ends_on", "place", "comment"]

    def clean_times(self) -> list[time]:
        starts = _times(self.cleaned_data["times"])
        if not starts:
            raise forms.ValidationError("Give at least one start time.")
        return starts

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        needed = ("service", "starts_on", "ends_on", "weekdays", "times", "capacity")
        if any(data.get(name) in (None, []) for name in needed):
            return data
        try:
            plan = schedule_plan(starts_on=data["starts_on"], ends_on=data["ends_on"], weekdays=data["weekdays"],
                                 times=data["times"], capacity=data["capacity"],
                                 skip_holidays=data.get("skip_holidays", False))
        except InvalidSchedule as error:
            raise forms.ValidationError(error.message) from None
        taken = Slot.objects.filter(service=data["service"], start__in=plan.starts).count()
        if taken == len(plan.starts):
            left_out = f" ({len(plan.holidays)} 祝日 left out)" if plan.holidays else ""
            raise forms.ValidationError("This schedule would make no slot: every day and time asked for "
                                        f"already has one or is not on the chosen weekdays{left_out}.")
        return data


class SlotForm(forms.ModelForm):
    class Meta:
        model = Slot
        fields = ["capacity", "blocked"]

    def clean_capacity(self) -> int:
        capacity = int(self.cleaned_data["capacity"])
        booked = self.instance.appointments.filter(status__in=LIVE_STATUSES).count() if self.instance.pk else 0
        if capacity < 1 or capacity < booked:
            raise forms.ValidationError(f"Capacity must be at least 1 and at least the {booked} booking(s) "
                                        "this slot holds.")
        return capacity
