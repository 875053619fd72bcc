"""Provides the reads of what a municipality owns of its guidance: its values and its own words for
steps of the shared flows, as published (what its releases are rendered with) and as drafted (what
its staff are editing; backend/guidance/publishing.py writes both)."""

from __future__ import annotations

from collections.abc import Mapping

from backend.guidance.models import NodeOverride
from backend.municipalities.models import Municipality, MunicipalityValues
from guidance.model import ContentSet
from guidance.overrides import Override, apply
from guidance.values import with_values


def values_inherited(municipality: Municipality, content: ContentSet) -> dict[str, str]:
    """The prefecture's values beneath the municipality's own (content/prefectures/)."""
    known = content.municipalities.get(municipality.code)
    return dict(known.inherited) if known else {}


def values_published(municipality: Municipality, content: ContentSet) -> dict[str, str]:
    """The values the municipality's guidance is rendered with: its staff's, else the content
    file's; either over its prefecture's, so a key the staff left as the prefecture's follows it."""
    own = MunicipalityValues.objects.filter(municipality=municipality).first()
    if own is not None and own.published is not None:
        return {**values_inherited(municipality, content), **own.published}
    known = content.municipalities.get(municipality.code)
    return dict(known.values) if known else {}


def values_draft(municipality: Municipality, content: ContentSet) -> dict[str, str]:
    """What the staff are editing: the draft saved last, else the published values."""
    own = MunicipalityValues.objects.filter(municipality=municipality).first()
    if own is not None and own.draft:
        return {**values_inherited(municipality, content), **own.draft}
    return values_published(municipality, content)


def values_own(values: Mapping[str, str], inherited: Mapping[str, str]) -> dict[str, str]:
    """What the municipality sets itself: a value typed the same as its prefecture's is not kept,
    so the prefecture's later change reaches it."""
    return {key: value for key, value in values.items() if inherited.get(key) != value}


def overrides_published(municipality: Municipality) -> list[Override]:
    return [Override(o.flow_id, o.node_id, o.register, o.published, o.published_base)
            for o in NodeOverride.objects.filter(municipality=municipality, published__isnull=False)
            .order_by("flow_id", "node_id", "register")]


def overrides_draft(municipality: Municipality) -> list[Override]:
    """The words the municipality would publish now: each pending draft, else what is published."""
    found = []
    for o in NodeOverride.objects.filter(municipality=municipality).order_by("flow_id", "node_id", "register"):
        if o.draft_remove:
            continue
        if o.draft is not None:
            found.append(Override(o.flow_id, o.node_id, o.register, o.draft, o.draft_base))
        elif o.published is not None:
            found.append(Override(o.flow_id, o.node_id, o.register, o.published, o.published_base))
    return found


def content_published(content: ContentSet, municipality: Municipality) -> ContentSet:
    """The shared content as this municipality's releases render it: its values and its words."""
    own = with_values(content, municipality.code, values_published(municipality, content))
    return apply(own, overrides_published(municipality))


def content_draft(content: ContentSet, municipality: Municipality) -> ContentSet:
    """The shared content as the next publish would render it (for previews and the publish page)."""
    own = with_values(content, municipality.code, values_draft(municipality, content))
    return apply(own, overrides_draft(municipality))
