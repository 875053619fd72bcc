"""Provides the API key authentication of kiosk devices (header ``X-Kiosk-Key``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import APIKeyHeader

from backend.municipalities.services import device_authenticate


class DeviceKey(APIKeyHeader):
    param_name = "X-Kiosk-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not key:
            return None
        return device_authenticate(key=key)
