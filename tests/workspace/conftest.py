"""Fixtures for the staff workspace: the real content imported, staff of two municipalities."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.config.env import PROJECT_ROOT
from backend.guidance.services import content_import, release_publish
from backend.municipalities.models import Municipality, StaffMember
from backend.municipalities.services import staff_register
from guidance.loader import load_content
from guidance.model import ContentSet

PASSWORD = "kiosk-Workspace-2026"


@pytest.fixture(scope="session")
def content() -> ContentSet:
    return load_content(PROJECT_ROOT / "content")


@pytest.fixture
def imported(db: None, content: ContentSet) -> ContentSet:
    content_import(content=content)
    other = Municipality.objects.create(code="other", name="ほかの町", is_sample=True)
    release_publish(municipality=other, document={"municipality": {"code": "other", "name": "ほかの町", "sample": True,
                                                                   "values": {"office_phone": "秘密の番号"}},
                                                  "readings": {}, "topics": [], "flows": {}})
    return content


def staff(municipality: str, username: str, role: str = "publisher") -> StaffMember:
    return staff_register(municipality_code=municipality, username=username, password=PASSWORD, role=role)


def signed_in(member: StaffMember) -> Client:
    client = Client()
    assert client.login(username=member.user.username, password=PASSWORD)
    return client


@pytest.fixture
def publisher(imported: ContentSet) -> Client:
    return signed_in(staff("demo", "clerk"))
