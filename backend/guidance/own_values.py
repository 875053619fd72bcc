"""Provides the reads of a municipality's own values: published (what its guidance is rendered with)
and the draft its staff are editing (backend/guidance/publishing.py writes them)."""

from __future__ import annotations

from backend.municipalities.models import Municipality, MunicipalityValues
from guidance.model import ContentSet
from guidance.values import with_values


def values_published(municipality: Municipality, content: ContentSet) -> dict[str, str]:
    """The values the municipality's guidance is rendered with: its staff's, else the content file's."""
    own = MunicipalityValues.objects.filter(municipality=municipality).first()
    if own is not None and own.published is not None:
        return dict(own.published)
    known = content.municipalities.get(municipality.code)
    return dict(known.values) if known else {}


def values_draft(municipality: Municipality, content: ContentSet) -> dict[str, str]:
    """What the staff are editing: the draft saved last, else the published values."""
    own = MunicipalityValues.objects.filter(municipality=municipality).first()
    if own is not None and own.draft:
        return dict(own.draft)
    return values_published(municipality, content)


def content_with_own_values(content: ContentSet, municipality: Municipality) -> ContentSet:
    return with_values(content, municipality.code, values_published(municipality, content))
