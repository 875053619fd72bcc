"""Provides start-up for the backend: Django set-up, migrations, the content import, sample slots.

The caller validates the content first (``guidance.content.load_content``), so a malformed file
stops start-up before the database is touched.
"""

from __future__ import annotations

import os

from backend.config import env
from guidance.model import ContentSet


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", env.settings_module())
    import django

    django.setup()


def prepare(content: ContentSet, *, publish: bool = True) -> None:
    """Apply migrations, then publish ``content`` as each municipality's current release.

    With ``publish=False`` (a deployment's ``serve``) only municipalities that have no release yet
    get one; the live guidance otherwise changes only by ``madoguchi content publish``.
    """
    setup_django()
    from django.core.management import call_command

    from backend.guidance.services import content_import

    call_command("migrate", interactive=False, verbosity=0)
    content_import(content=content, only_missing=not publish)
    _sample_booking(content)


def _sample_booking(content: ContentSet) -> None:
    """Sample municipalities get sample services and slots, so the demo can book end to end."""
    from backend.booking.demo import sample_booking_ensure
    from backend.municipalities.models import Municipality

    for municipality in Municipality.objects.filter(is_sample=True):
        item = content.municipalities.get(municipality.code)
        if item is not None:
            sample_booking_ensure(municipality=municipality, values=item.values)


def embedded_device_key(municipality_code: str) -> str:
    """A fresh key for this machine's own kiosk; the previous run's key stops working."""
    from backend.municipalities.services import device_register

    _, key = device_register(municipality_code=municipality_code, name="embedded kiosk",
                             site="this computer", replace=True)
    return key
