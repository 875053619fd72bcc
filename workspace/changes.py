"""Provides what publishing would change: the values, and the resident paths whose screens, speech
or take-home slip come out differently (the golden path artefacts of ``madoguchi content paths``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from backend.guidance.models import NodeOverride
from backend.municipalities.models import Municipality
from guidance.model import ContentSet
from guidance.values import label
from madoguchi.paths import render_all


@dataclass(frozen=True)
class ValueChange:
    key: str
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class PathChange:
    path: str
    """flow/register/answers, as the artefact's file name."""
    lines: tuple[str, ...]
    """The changed lines, prefixed − (before) and ＋ (after)."""


def value_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[ValueChange]:
    return [ValueChange(key, label(key), before.get(key, ""), after.get(key, ""))
            for key in sorted(set(before) | set(after)) if before.get(key, "") != after.get(key, "")]


def path_changes(before: ContentSet, after: ContentSet, code: str, day: dt.date) -> list[PathChange]:
    """Every resident path whose artefact differs between the content as published and as drafted."""
    if before == after:
        return []
    old, new = render_all(before, code, day), render_all(after, code, day)
    changes = []
    for path in sorted(set(old) | set(new)):
        if old.get(path) != new.get(path):
            old_lines, new_lines = (old.get(path) or "").splitlines(), (new.get(path) or "").splitlines()
            lines = ([f"− {line}" for line in old_lines if line not in new_lines]
                     + [f"＋ {line}" for line in new_lines if line not in old_lines])
            changes.append(PathChange(str(path.with_suffix("")), tuple(lines)))
    return changes


@dataclass(frozen=True)
class StepChange:
    flow_id: str
    node_id: str
    register: str
    change: str
    """"new words", "back to the template" (in Japanese)."""


def step_changes(municipality: Municipality) -> list[StepChange]:
    """The municipality's own words for steps that the next publish changes."""
    pending = NodeOverride.objects.filter(municipality=municipality).exclude(draft__isnull=True, draft_remove=False)
    return [StepChange(o.flow_id, o.node_id, o.register,
                       "テンプレートに 戻す" if o.draft_remove else "この 市町村の 言葉")
            for o in pending.order_by("flow_id", "node_id", "register")]
