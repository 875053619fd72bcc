"""Provides a municipality's own words for a step of a shared flow: checked, applied, and noticed
when the shared words they were written against have changed since.

An override replaces the words of one node in one register (title, body, steps, items, hint);
the options, the routing and the sources stay the shared flow's, so a resident's path is the same
in every municipality. Each override keeps the template words it was written against (``base``),
so a change of the template is seen: the override is then shown with the difference until staff
accept or rewrite it, and the kiosk keeps the reviewed words meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from guidance.model import PLACEHOLDER, ContentSet, Copy

FIELDS = ("title", "body", "steps", "items", "hint")
"""What an override may change; options, routes and sources are the shared flow's."""
MAX_TEXT = 1000
MAX_LINES = 20


@dataclass(frozen=True)
class Override:
    flow_id: str
    node_id: str
    register: str
    words: Mapping[str, Any]
    """title, body, hint: text; steps, items: lists of text (FIELDS)."""
    base: Mapping[str, Any]
    """The template's words (same keys) when the override was written."""


@dataclass(frozen=True)
class OverrideProblem:
    field: str
    message: str


def words_of(copy: Copy) -> dict[str, Any]:
    return {"title": copy.title, "body": copy.body, "steps": list(copy.steps), "items": list(copy.items),
            "hint": copy.hint}


def template_words(content: ContentSet, flow_id: str, node_id: str, register: str) -> dict[str, Any]:
    return words_of(content.flows[flow_id].nodes[node_id].copy[register])


def clean(words: Mapping[str, Any]) -> dict[str, Any]:
    """As stored: texts trimmed, lists without empty lines, nothing but FIELDS."""
    cleaned: dict[str, Any] = {}
    for name in FIELDS:
        value = words.get(name, [] if name in ("steps", "items") else "")
        if name in ("steps", "items"):
            lines = value.splitlines() if isinstance(value, str) else list(value)
            cleaned[name] = [str(line).strip() for line in lines if str(line).strip()]
        else:
            cleaned[name] = str(value).replace("\r\n", "\n").strip()  # a browser's textarea sends CRLF
    return cleaned


def check_override(content: ContentSet, override: Override, values: Mapping[str, str]) -> list[OverrideProblem]:
    """The content check's rules for one node's words, in the clerk's words (Japanese)."""
    node = content.flows[override.flow_id].nodes[override.node_id]
    words = clean(override.words)
    problems = []
    if not words["title"]:
        problems.append(OverrideProblem("title", "題名が 空です。"))
    if node.kind == "outcome" and not words["steps"] and not words["body"]:
        problems.append(OverrideProblem("body", "結果の 画面には、本文か 手順が 必要です。"))
    if node.kind == "checklist" and not words["items"]:
        problems.append(OverrideProblem("items", "持ち物などの 一覧が 空です。"))
    for name in FIELDS:
        texts = words[name] if isinstance(words[name], list) else [words[name]]
        if len(texts) > MAX_LINES:
            problems.append(OverrideProblem(name, f"行が 多すぎます（{MAX_LINES}行まで）。"))
        for text in texts:
            if len(text) > MAX_TEXT:
                problems.append(OverrideProblem(name, f"長すぎます（{MAX_TEXT}字まで）。"))
            if any(ord(c) < 32 and c != "\n" for c in text):  # a body may run over lines, as in the files
                problems.append(OverrideProblem(name, "使えない 文字（制御文字）が あります。"))
            for key in PLACEHOLDER.findall(text):
                if not values.get(key):
                    problems.append(OverrideProblem(
                        name, f"{{{key}}} に 入る 値が ありません（窓口の情報で 入れて ください）。"))
    return problems


def is_stale(content: ContentSet, override: Override) -> bool:
    """The shared words changed since the override was written (or its node is gone)."""
    flow = content.flows.get(override.flow_id)
    if flow is None or override.node_id not in flow.nodes:
        return True
    return clean(override.base) != clean(template_words(content, override.flow_id, override.node_id,
                                                        override.register))


def apply(content: ContentSet, overrides: Iterable[Override]) -> ContentSet:
    """The content set with each override's words in place of the template's (the options stay)."""
    flows = dict(content.flows)
    for override in overrides:
        flow = flows.get(override.flow_id)
        if flow is None or override.node_id not in flow.nodes:
            continue  # the node left the template: nothing to replace (is_stale reports it)
        node = flow.nodes[override.node_id]
        words = clean(override.words)
        copy = replace(node.copy[override.register], title=words["title"], body=words["body"],
                       steps=tuple(words["steps"]), items=tuple(words["items"]), hint=words["hint"])
        node = replace(node, copy={**node.copy, override.register: copy})
        flows[flow.id] = replace(flow, nodes={**flow.nodes, node.id: node})
    return replace(content, flows=flows)


@dataclass(frozen=True)
class TemplateChange:
    """One field of the shared words that changed since an override was written against it."""

    field: str
    was: str
    now: str


def _text(value: Any) -> str:
    return "\n".join(value) if isinstance(value, list) else str(value)


def template_changes(content: ContentSet, override: Override) -> list[TemplateChange]:
    """What changed in the template under an override, field by field (a gone node: every field now "")."""
    flow = content.flows.get(override.flow_id)
    gone = flow is None or override.node_id not in flow.nodes or override.register not in flow.nodes[
        override.node_id].copy
    now = {name: "" for name in FIELDS} if gone else clean(
        template_words(content, override.flow_id, override.node_id, override.register))
    was = clean(override.base)
    return [TemplateChange(name, _text(was[name]), _text(now[name])) for name in FIELDS if was[name] != now[name]]
