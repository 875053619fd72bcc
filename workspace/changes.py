"""Provides what publishing would change: the values, and the resident paths whose screens, speech
or take-home slip come out differently (the golden path artefacts of ``madoguchi content paths``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from guidance.model import ContentSet
from guidance.values import label, with_values
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


def path_changes(content: ContentSet, code: str, before: Mapping[str, str], after: Mapping[str, str],
                 day: dt.date) -> list[PathChange]:
    """Every resident path whose artefact differs between the two sets of values."""
    if before == after:
        return []
    old = render_all(with_values(content, code, before), code, day)
    new = render_all(with_values(content, code, after), code, day)
    changes = []
    for path in sorted(set(old) | set(new)):
        if old.get(path) != new.get(path):
            old_lines, new_lines = (old.get(path) or "").splitlines(), (new.get(path) or "").splitlines()
            lines = ([f"− {line}" for line in old_lines if line not in new_lines]
                     + [f"＋ {line}" for line in new_lines if line not in old_lines])
            changes.append(PathChange(str(path.with_suffix("")), tuple(lines)))
    return changes
