"""Provides the guidance API's response schemas: the release document, typed for the OpenAPI."""

from __future__ import annotations

from typing import Literal

from ninja import Schema


class RegisterText(Schema):
    standard: str
    plain: str


class FlowSummaryOut(Schema):
    id: str
    title: RegisterText
    title_translations: dict[str, str]


class TopicOut(Schema):
    id: str
    title: RegisterText
    title_translations: dict[str, str]
    flows: list[FlowSummaryOut]


class MunicipalityOut(Schema):
    code: str
    name: str
    sample: bool
    values: dict[str, str]


class CopyOut(Schema):
    title: str
    body: str
    steps: list[str]
    items: list[str]
    options: dict[str, str]
    hint: str


class RouteOut(Schema):
    """Go to ``to`` when the predicate ``when`` holds (if any), between the validity dates (if any)."""

    to: str
    when: str | None
    valid_from: str | None
    valid_until: str | None


class OptionOut(Schema):
    key: str
    next: list[RouteOut]
    valid_from: str | None
    valid_until: str | None


class SourceOut(Schema):
    title: str
    url: str
    checked_on: str


class NodeOut(Schema):
    id: str
    kind: Literal["information", "question", "checklist", "outcome", "handoff"]
    next: list[RouteOut]
    options: list[OptionOut]
    handoff: Literal["booking", "volunteer"] | None
    service: str | None
    sources: list[SourceOut]
    text: dict[Literal["standard", "plain"], CopyOut]
    translations: dict[str, CopyOut]
    """Language code → the node's words, only where the whole node is translated and current."""


class FlowOut(Schema):
    id: str
    topic: str
    start: str
    title: RegisterText
    title_translations: dict[str, str]
    nodes: dict[str, NodeOut]


class DocumentOut(Schema):
    """One municipality's guidance with its values filled in (guidance.release.render_release);
    the kiosk parses it back with guidance.document."""

    municipality: MunicipalityOut
    readings: dict[str, str] = {}
    """The municipal reading dictionary: surface → hiragana, for furigana and speech."""
    topics: list[TopicOut]
    flows: dict[str, FlowOut]


class ReleaseDocumentOut(Schema):
    """A release as stored: ``checksum`` is the SHA-256 of ``document`` in canonical JSON
    (keys sorted, no spaces, UTF-8), so a client can verify what it caches."""

    version: int
    checksum: str
    document: DocumentOut


class TemplateChangeOut(Schema):
    field: str
    was: str
    """The template's words when the override was written."""
    now: str
    """The template's words today."""


class OverrideOut(Schema):
    flow_id: str
    node_id: str
    register_name: str
    """standard or plain (やさしい日本語); "register" itself is a name pydantic keeps for itself."""
    published: bool
    pending: bool
    """A draft (new words, or back to the template) waits for the next publish."""
    stale: bool
    """The template changed under the published words; the kiosk keeps showing them until staff review."""
    template_changes: list[TemplateChangeOut]
