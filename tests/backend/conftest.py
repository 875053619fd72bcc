"""Fixtures for backend tests: the real content imported into a real (test) database."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.config.env import PROJECT_ROOT
from backend.guidance.services import content_import
from backend.municipalities.services import device_register
from guidance.loader import load_content
from guidance.model import ContentSet


@pytest.fixture(scope="session")
def content() -> ContentSet:
    return load_content(PROJECT_ROOT / "content")


@pytest.fixture
def imported(db: None, content: ContentSet) -> ContentSet:
    content_import(content=content)
    return content


@pytest.fixture
def device_key(imported: ContentSet) -> str:
    _, key = device_register(municipality_code="demo", name="pytest kiosk")
    return key


@pytest.fixture
def kiosk_client(device_key: str) -> Client:
    return Client(headers={"X-Kiosk-Key": device_key})
