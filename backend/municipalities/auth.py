"""Provides API authentication: kiosk devices (header ``X-Kiosk-Key``) and municipal staff accounts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyHeader, HttpBasicAuth, SessionAuth

from backend.municipalities.services import device_authenticate


class DeviceKey(APIKeyHeader):
    param_name = "X-Kiosk-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not key:
            return None
        return device_authenticate(key=key)


def _staff_member(user: Any) -> Any:
    if user is None or not user.is_active:
        return None
    return getattr(user, "staff_member", None)


class StaffBasic(HttpBasicAuth):
    """A staff account's username and password (HTTP Basic; use TLS outside loopback)."""

    def authenticate(self, request: HttpRequest, username: str, password: str) -> Any:
        from django.contrib.auth import authenticate

        return _staff_member(authenticate(request, username=username, password=password))


class StaffSession(SessionAuth):
    """A staff account signed in to the admin in this browser (CSRF-checked by django-ninja)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return _staff_member(user) if user is not None and user.is_authenticated else None
