"""Provides the Django admin for services, schedules, slots and appointments.

A staff account sees and edits only its own municipality's records; superusers see all.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from backend.booking.models import Appointment, Schedule, Service, Slot


class MunicipalityScoped(admin.ModelAdmin):
    """Filters every list and form to the signed-in staff member's municipality."""

    def _municipality(self, request: HttpRequest) -> Any:
        member = getattr(request.user, "staff_member", None)
        return member.municipality if member else None

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        municipality = self._municipality(request)
        return queryset.filter(municipality=municipality) if municipality else queryset.none()

    def get_exclude(self, request: HttpRequest, obj: Any = None) -> Any:
        return () if request.user.is_superuser else ("municipality",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not request.user.is_superuser:
            obj.municipality = self._municipality(request)
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        municipality = self._municipality(request)
        if not request.user.is_superuser and municipality and hasattr(db_field.related_model, "municipality"):
            kwargs["queryset"] = db_field.related_model.objects.filter(municipality=municipality)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Service)
class ServiceAdmin(MunicipalityScoped):
    list_display = ("name", "kind", "mode", "provider_name", "duration_minutes", "nurse_attends", "is_active")
    list_filter = ("kind", "mode", "is_active")


@admin.register(Schedule)
class ScheduleAdmin(MunicipalityScoped):
    list_display = ("service", "starts_on", "ends_on", "comment")


@admin.register(Slot)
class SlotAdmin(MunicipalityScoped):
    list_display = ("service", "start", "end", "capacity", "blocked")
    list_filter = ("service", "blocked")
    date_hierarchy = "start"


@admin.register(Appointment)
class AppointmentAdmin(MunicipalityScoped):
    list_display = ("reference", "service", "slot", "status", "name_kana", "phone")
    list_filter = ("status", "service")
    search_fields = ("reference",)
    readonly_fields = ("reference", "created_at", "updated_at", "personal_data_erased_at", "booked_by")
