"""Provides the writes on guidance: importing the content files as releases."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from backend.core.errors import NotFound
from backend.guidance import release_fast
from backend.guidance.models import ContentRelease
from backend.guidance.release_bytes import gzipped, release_body
from backend.municipalities.models import Municipality
from backend.municipalities.services import municipality_sync
from guidance.model import ContentSet
from guidance.release import checksum, render_release


def release_publish(*, municipality: Municipality, document: dict) -> ContentRelease:
    """Make ``document`` the current release; a document equal to the current one is not repeated."""
    digest = checksum(document)
    current = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    if current and current.checksum == digest:
        return current
    if current:
        current.is_current = False
        current.save(update_fields=["is_current"])
    transaction.on_commit(release_fast.forget_current)  # this worker's kiosks see it at once
    latest = ContentRelease.objects.filter(municipality=municipality).aggregate(v=Max("version"))["v"] or 0
    body = release_body(version=latest + 1, checksum=digest, document=document)
    return ContentRelease.objects.create(municipality=municipality, version=latest + 1, checksum=digest,
                                         document=document, body=body, body_gzip=gzipped(body), is_current=True)


@transaction.atomic
def content_import(*, content: ContentSet, only_missing: bool = False) -> list[ContentRelease]:
    """Sync municipalities and publish a release for each, all or nothing.

    ``only_missing`` publishes only for municipalities without any release yet.
    """
    from backend.config.env import locales_dir
    from guidance import translations

    current = translations.load(locales_dir())
    municipalities = municipality_sync(municipalities=content.municipalities.values())
    releases = []
    for municipality in municipalities:
        if only_missing and ContentRelease.objects.filter(municipality=municipality).exists():
            continue
        # What the municipality's staff published in the workspace (values, their own words for
        # steps) wins over the content files.
        from backend.guidance.own_values import content_published

        own = content_published(content, municipality)
        releases.append(release_publish(municipality=municipality,
                                        document=render_release(own, municipality.code, current)))
    return releases


@transaction.atomic
def release_rollback(*, municipality: Municipality, version: int) -> ContentRelease:
    """Make an earlier (or later) release current again; releases themselves never change."""
    target = ContentRelease.objects.filter(municipality=municipality, version=version).first()
    if target is None:
        raise NotFound(f"'{municipality.code}' has no release {version}")
    ContentRelease.objects.filter(municipality=municipality, is_current=True).exclude(pk=target.pk).update(
        is_current=False)
    if not target.is_current:
        target.is_current = True
        target.save(update_fields=["is_current"])
    transaction.on_commit(release_fast.forget_current)
    return target
