"""Provides start-up for the backend: Django set-up, migrations, the content import, sample slots.

The caller validates the content first (``guidance.content.load_content``), so a malformed file
stops start-up before the database is touched.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from backend.config import env
from guidance.model import ContentSet


def setup_django(*, check_database: bool = True) -> None:
    """Set Django up and, with ``check_database``, prove the database usable before any write.

    Raises:
        DatabaseUnusable: the database cannot be reached, opened or read (backend/core/database.py).
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", env.settings_module())
    import django

    django.setup()
    if check_database:
        from backend.core.database import database_check

        database_check()


def prepare(content: ContentSet, *, publish: bool = True) -> None:
    """Check the database, apply migrations, then publish ``content`` as each municipality's
    current release.

    With ``publish=False`` (a deployment's ``serve``) only municipalities that have no release yet
    get one; the live guidance otherwise changes only by ``madoguchi content publish``.

    Raises:
        DatabaseUnusable: the database cannot be used, or a write to it failed.
    """
    setup_django()
    from backend.guidance.demo import sample_words_ensure
    from backend.guidance.services import content_import
    from backend.municipalities.services import municipality_sync

    with _writes():
        migrate()
        municipality_sync(municipalities=content.municipalities.values())
        sample_words_ensure(content=content)  # a fresh database: the sample towns' own words first
        content_import(content=content, only_missing=not publish)
        _sample_booking(content)


def migrate() -> None:
    """Apply the migrations (Django is set up).

    Raises:
        DatabaseUnusable: a write failed.
    """
    from django.core.management import call_command

    with _writes():
        call_command("migrate", interactive=False, verbosity=0)


@contextmanager
def _writes() -> Iterator[None]:
    """A failed write (a full disk, a read-only file, the server gone meanwhile) in one line."""
    from django.db import DatabaseError

    from backend.core.database import DatabaseUnusable, database_description, reason

    try:
        yield
    except DatabaseError as error:
        raise DatabaseUnusable(f"cannot write to {database_description()}: {reason(error)}") from None


def _sample_booking(content: ContentSet) -> None:
    """Sample municipalities get sample services and slots, so the demo can book end to end."""
    from backend.booking.demo import SHARING_PROVIDER, sample_booking_ensure
    from backend.municipalities.models import Municipality

    samples = sorted(Municipality.objects.filter(is_sample=True, code__in=list(content.municipalities)),
                     key=lambda m: m.code != SHARING_PROVIDER)  # the provider first: the others share its services
    provider = next((m for m in samples if m.code == SHARING_PROVIDER), None)
    for municipality in samples:
        sample_booking_ensure(municipality=municipality, values=content.municipalities[municipality.code].values,
                              sharing_from=provider if municipality != provider else None)


def embedded_device_key(municipality_code: str) -> str:
    """A fresh key for this machine's own kiosk; the previous run's key stops working."""
    from backend.municipalities.services import device_register

    _, key = device_register(municipality_code=municipality_code, name="embedded kiosk",
                             site="this computer", replace=True)
    return key
