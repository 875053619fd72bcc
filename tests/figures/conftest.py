"""Fixtures for the figures: two municipalities on a real database, and sessions recorded the
way the API records them (backend.assistance.services.session_record)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from backend.assistance.services import SessionDetails, session_record
from backend.config.env import PROJECT_ROOT
from backend.guidance.services import content_import
from backend.municipalities.models import KioskDevice, Municipality, StaffMember
from backend.municipalities.services import device_register
from guidance.loader import load_content
from guidance.model import ContentSet

PASSWORD = "correct horse battery"
Record = Callable[..., None]


@pytest.fixture(scope="session")
def content() -> ContentSet:
    return load_content(PROJECT_ROOT / "content")


@pytest.fixture
def town(db: None, content: ContentSet) -> Municipality:
    """みほん市 (demo) with its guidance published, so flows and steps have their titles."""
    content_import(content=content)
    return Municipality.objects.get(code="demo")


@pytest.fixture
def other_town(db: None) -> Municipality:
    return Municipality.objects.create(code="kita", name="きた町", is_sample=True)


def device_of(municipality: Municipality) -> KioskDevice:
    device, _key = device_register(municipality_code=municipality.code, name=f"kiosk {KioskDevice.objects.count()}")
    return device


def recorder(municipality: Municipality) -> Record:
    """record(day, times=1, flows=[...], assisted=False, language="ja", ...): ``times`` sessions."""
    device = device_of(municipality)

    def record(day: date, times: int = 1, *, flows: tuple[str, ...] = ("lost_card",), assisted: bool = False,
               **details: Any) -> None:
        more = SessionDetails(**{"language": "ja", **details})
        for _ in range(times):
            session_record(device=device, flows=list(flows), assisted=assisted, day=day, details=more)

    return record


def staff_client(municipality: Municipality, username: str = "clerk") -> Client:
    user = User.objects.create_user(username=username, password=PASSWORD)
    StaffMember.objects.create(user=user, municipality=municipality)
    token = base64.b64encode(f"{username}:{PASSWORD}".encode()).decode()
    return Client(headers={"Authorization": f"Basic {token}"})
