"""Provides the sample municipalities' own words for one step of a shared flow, so the demo shows
two towns sharing a template with different overrides (issue #16). Every added line says サンプル.

They are seeded once, into a fresh database (before a sample municipality's first release): what
staff later change or revert in the workspace is theirs and is never put back.
"""

from __future__ import annotations

from typing import Any

from backend.guidance.models import ContentRelease, NodeOverride
from backend.municipalities.models import Municipality
from guidance.model import ContentSet
from guidance.overrides import clean, template_words

STEP = ("receive_card", "outcome_visit", "plain")
"""Collecting the card at the window: where the window is differs in every town."""
SAMPLE_WORDS: dict[str, dict[str, Any]] = {
    "demo": {"steps": ["受け取る 窓口は、市役所の 1階、5番です（サンプル）。"],
             "hint": "受け取りは 1階の 5番 窓口です（サンプル）。"},
    "sample_kita": {"steps": ["町役場の 2階で 受け取ります（サンプル）。"],
                    "hint": "受け取りは 町役場の 2階です（サンプル）。"},
}
"""Per sample municipality: lines added after the template's steps, and its own volunteer hint."""


def sample_words(content: ContentSet, code: str) -> dict[str, Any] | None:
    """The sample municipality's words for STEP: the template's, with its own lines and hint."""
    own = SAMPLE_WORDS.get(code)
    flow_id, node_id, register = STEP
    if own is None or flow_id not in content.flows or node_id not in content.flows[flow_id].nodes:
        return None
    words = template_words(content, flow_id, node_id, register)
    words["steps"] = [*words["steps"], *own["steps"]]
    words["hint"] = f"{words['hint']}{own['hint']}"
    return clean(words)


def sample_words_ensure(*, content: ContentSet) -> int:
    """Seed SAMPLE_WORDS for sample municipalities that have no release yet; returns how many."""
    made = 0
    flow_id, node_id, register = STEP
    for municipality in Municipality.objects.filter(is_sample=True, code__in=list(SAMPLE_WORDS)):
        words = sample_words(content, municipality.code)
        if words is None or ContentRelease.objects.filter(municipality=municipality).exists():
            continue
        _override, created = NodeOverride.objects.get_or_create(
            municipality=municipality, flow_id=flow_id, node_id=node_id, register=register,
            defaults={"published": words, "published_base": template_words(content, flow_id, node_id, register)})
        made += int(created)
    return made
