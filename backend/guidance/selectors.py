"""Provides the reads on guidance."""

from __future__ import annotations

from backend.core.errors import ServiceUnavailable
from backend.guidance.models import ContentRelease
from backend.municipalities.models import Municipality


def release_current(*, municipality: Municipality) -> ContentRelease:
    release = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    if release is None:
        raise ServiceUnavailable(f"no guidance has been published for '{municipality.code}' yet")
    return release
