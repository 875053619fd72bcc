"""Provides the Django admin for volunteers and help requests (read-mostly)."""

from __future__ import annotations

from django.contrib import admin

from backend.assistance.models import HelpRequest, Volunteer


@admin.register(Volunteer)
class VolunteerAdmin(admin.ModelAdmin):
    list_display = ("display_name", "site", "municipality", "on_duty_until")


@admin.register(HelpRequest)
class HelpRequestAdmin(admin.ModelAdmin):
    list_display = ("created_at", "site", "flow_id", "node_id", "reason", "status", "outcome")
    list_filter = ("status", "reason", "outcome")
