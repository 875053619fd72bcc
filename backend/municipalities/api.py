"""Provides the device endpoints: who the calling kiosk is."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from backend.core.schemas import ErrorOut

router = Router(tags=["devices"])


class DeviceMunicipalityOut(Schema):
    code: str
    name: str
    sample: bool


class DeviceOut(Schema):
    name: str
    site: str
    municipality: DeviceMunicipalityOut


@router.get("/me", response={200: DeviceOut, 401: ErrorOut}, summary="The calling kiosk device")
def me(request: HttpRequest) -> dict[str, Any]:
    device = request.auth
    m = device.municipality
    return {"name": device.name, "site": device.site,
            "municipality": {"code": m.code, "name": m.name, "sample": m.is_sample}}
