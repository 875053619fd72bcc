"""Provides API authentication: kiosk devices (header ``X-Kiosk-Key``) and municipal staff accounts.

Failed attempts are counted (backend/limits, ADR 0010): wrong device keys per client address, wrong
staff passwords per username and per address.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyHeader, HttpBasicAuth, SessionAuth

from backend.core.errors import TooManyRequests
from backend.limits.counters import fail
from backend.limits.rules import DEVICE_KEY_PER_ADDRESS, client_address, signin_check, signin_failed
from backend.municipalities.services import device_authenticate


class DeviceKey(APIKeyHeader):
    param_name = "X-Kiosk-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        """The device, or None (401); past the limit of wrong keys from one address, 429.

        A right key is always accepted, even from a blocked address: kiosks behind one NAT or proxy
        must not go offline because someone next to them guesses; a 256-bit key is not guessable,
        so the limit only stops the flood."""
        if not key:
            return None
        device = device_authenticate(key=key)
        if device is None:
            wait = fail(DEVICE_KEY_PER_ADDRESS, client_address(request))
            if wait is not None:
                raise TooManyRequests(wait)
        return device


def _staff_member(user: Any) -> Any:
    if user is None or not user.is_active:
        return None
    return getattr(user, "staff_member", None)


class StaffBasic(HttpBasicAuth):
    """A staff account's username and password (HTTP Basic; use TLS outside loopback)."""

    def authenticate(self, request: HttpRequest, username: str, password: str) -> Any:
        from django.contrib.auth import authenticate

        signin_check(request, username)
        member = _staff_member(authenticate(request, username=username, password=password))
        if member is None:
            signin_failed(request, username)
        return member


class StaffSession(SessionAuth):
    """A staff account signed in to the admin in this browser (CSRF-checked by django-ninja)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return _staff_member(user) if user is not None and user.is_authenticated else None
