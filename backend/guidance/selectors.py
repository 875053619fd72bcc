"""Provides the reads on guidance."""

from __future__ import annotations

from dataclasses import dataclass

from backend.core.errors import ServiceUnavailable
from backend.guidance.models import ContentRelease, NodeOverride
from backend.municipalities.models import Municipality
from guidance.model import ContentSet
from guidance.overrides import Override, TemplateChange, is_stale, template_changes


def release_current(*, municipality: Municipality) -> ContentRelease:
    release = ContentRelease.objects.filter(municipality=municipality, is_current=True).first()
    if release is None:
        raise ServiceUnavailable(f"no guidance has been published for '{municipality.code}' yet")
    return release


@dataclass(frozen=True)
class OverrideState:
    """One of a municipality's own words for a step. ``stale``: the template words changed since
    they were written; the kiosk keeps the override's words until staff look again (save them, or
    go back to the template), and ``changes`` says what changed underneath."""

    flow_id: str
    node_id: str
    register: str
    published: bool
    pending: bool
    stale: bool
    changes: list[TemplateChange]


def overrides_list(*, municipality: Municipality, content: ContentSet) -> list[OverrideState]:
    """Every override of the municipality, flagged like a fuzzy translation when its template moved."""
    found = []
    for row in NodeOverride.objects.filter(municipality=municipality).order_by("flow_id", "node_id", "register"):
        published = row.published is not None
        override = Override(row.flow_id, row.node_id, row.register, row.published or {}, row.published_base)
        stale = published and is_stale(content, override)
        found.append(OverrideState(row.flow_id, row.node_id, row.register, published=published,
                                   pending=row.draft is not None or row.draft_remove, stale=stale,
                                   changes=template_changes(content, override) if stale else []))
    return found


def overrides_to_review(*, municipality: Municipality, content: ContentSet) -> list[OverrideState]:
    return [state for state in overrides_list(municipality=municipality, content=content) if state.stale]
