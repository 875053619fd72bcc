"""Provides the writes on guidance: importing the content files as releases."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from backend.guidance.content import ContentSet, checksum, render_release
from backend.guidance.models import ContentRelease
from backend.municipalities.models import Municipality
from backend.municipalities.services import municipality_sync


def release_publish(*, municipality: Municipality, document: dict) -> ContentRelease:
    """Make ``document`` the current release; a document equal to the current one is not repeated."""
    digest = checksum(document)
    current = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    if current and current.checksum == digest:
        return current
    if current:
        current.is_current = False
        current.save(update_fields=["is_current"])
    latest = ContentRelease.objects.filter(municipality=municipality).aggregate(v=Max("version"))["v"] or 0
    return ContentRelease.objects.create(municipality=municipality, version=latest + 1,
                                         checksum=digest, document=document, is_current=True)


@transaction.atomic
def content_import(*, content: ContentSet) -> list[ContentRelease]:
    """Sync municipalities and publish a release for each, all or nothing."""
    municipalities = municipality_sync(municipalities=content.municipalities.values())
    return [release_publish(municipality=m, document=render_release(content, m.code)) for m in municipalities]
