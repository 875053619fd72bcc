"""Provides the release document as the kiosk reads it: typed, frozen data parsed from the API's JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from routing.routes import Route
from routing.validity import ValidOn

REGISTERS = ("standard", "plain")


@dataclass(frozen=True)
class Text:
    """One piece of guidance in both registers (standard and plain Japanese), and its current
    translations by language code."""

    standard: str
    plain: str
    translations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, register: str, language: str = "ja") -> str:
        """Japanese in the chosen register; in another language its translation, or else plain
        Japanese (never a stale translation: those are not in the release)."""
        if language != "ja":
            return self.translations.get(language, self.plain)
        return self.plain if register == "plain" else self.standard


@dataclass(frozen=True)
class Counter:
    """Where a resident can ask in person or by phone: the municipality's own office."""

    name: str
    hours: str
    phone: str

    @classmethod
    def of(cls, values: Mapping[str, str]) -> Counter:
        """From a municipality's values (office_name, office_hours, office_phone; missing ones empty)."""
        return cls(values.get("office_name", ""), values.get("office_hours", ""), values.get("office_phone", ""))


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    sample: bool
    values: Mapping[str, str]

    @property
    def counter(self) -> Counter:
        """The office every "please ask at …" line names."""
        return Counter.of(self.values)


@dataclass(frozen=True)
class FlowSummary:
    id: str
    title: Text


@dataclass(frozen=True)
class Topic:
    id: str
    title: Text
    flows: tuple[FlowSummary, ...]


@dataclass(frozen=True)
class Catalogue:
    release: int
    municipality: Municipality
    topics: tuple[Topic, ...]
    readings: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """The municipal reading dictionary, for furigana and speech."""

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


@dataclass(frozen=True)
class NodeText:
    title: str
    body: str
    steps: tuple[str, ...]
    items: tuple[str, ...]
    options: Mapping[str, str]
    hint: str


@dataclass(frozen=True)
class Option(ValidOn):
    key: str
    routes: tuple[Route, ...]
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    checked_on: str


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    routes: tuple[Route, ...]
    options: tuple[Option, ...]
    sources: tuple[Source, ...]
    text: Mapping[str, NodeText]
    handoff: str | None = None
    service: str | None = None
    translations: Mapping[str, NodeText] = field(default_factory=lambda: MappingProxyType({}))
    """Language code → the words, only for languages whose translation of the node is current."""

    def words(self, register: str) -> NodeText:
        return self.text[register]

    def words_for(self, register: str, language: str) -> tuple[NodeText, bool]:
        """The words to show, and whether they fall back to plain Japanese for want of a translation."""
        if language == "ja":
            return self.text[register], False
        if language in self.translations:
            return self.translations[language], False
        return self.text["plain"], True

    def options_on(self, day: dt.date) -> tuple[Option, ...]:
        """The options offered on ``day`` (an option can start or stop on a date)."""
        return tuple(o for o in self.options if o.valid_on(day))

    def targets(self) -> tuple[str, ...]:
        routes = [r for o in self.options for r in o.routes] if self.kind == "question" else self.routes
        return tuple(dict.fromkeys(r.to for r in routes))


@dataclass(frozen=True)
class Flow:
    id: str
    title: Text
    start: str
    nodes: Mapping[str, Node]


# ----------------------------------------------------------------------------- parsing


def _text(data: Mapping[str, Any], translations: Mapping[str, Any] | None = None) -> Text:
    return Text(standard=str(data["standard"]), plain=str(data["plain"]),
                translations={str(k): str(v) for k, v in (translations or {}).items()})


def catalogue_of_release(version: int, document: Mapping[str, Any]) -> Catalogue:
    """The catalogue inside a whole release document (see GuidanceClient.release)."""
    return parse_catalogue({**document, "release": {"version": version}})


def parse_catalogue(data: Mapping[str, Any]) -> Catalogue:
    """Raises KeyError, TypeError or ValueError on a document of the wrong shape."""
    m = data["municipality"]
    return Catalogue(
        release=int(data["release"]["version"]),
        municipality=Municipality(code=str(m["code"]), name=str(m["name"]), sample=bool(m["sample"]),
                                  values={str(k): str(v) for k, v in m["values"].items()}),
        readings={str(k): str(v) for k, v in data.get("readings", {}).items()},
        topics=tuple(Topic(id=str(t["id"]), title=_text(t["title"], t.get("title_translations")),
                           flows=tuple(FlowSummary(id=str(f["id"]),
                                                   title=_text(f["title"], f.get("title_translations")))
                                       for f in t["flows"]))
                     for t in data["topics"]),
    )


def _node_text(data: Mapping[str, Any]) -> NodeText:
    return NodeText(title=str(data["title"]), body=str(data.get("body", "")),
                    steps=tuple(str(s) for s in data.get("steps", [])),
                    items=tuple(str(i) for i in data.get("items", [])),
                    options={str(k): str(v) for k, v in data.get("options", {}).items()},
                    hint=str(data.get("hint", "")))


def parse_flow(data: Mapping[str, Any]) -> Flow:
    """Raises KeyError, TypeError or ValueError on a document of the wrong shape."""
    nodes = {}
    for node_id, n in data["nodes"].items():
        day = lambda v: dt.date.fromisoformat(v) if v else None  # noqa: E731
        nodes[str(node_id)] = Node(
            id=str(n["id"]), kind=str(n["kind"]), routes=tuple(Route.from_json(r) for r in n.get("next", [])),
            options=tuple(Option(key=str(o["key"]), routes=tuple(Route.from_json(r) for r in o["next"]),
                                 valid_from=day(o.get("valid_from")), valid_until=day(o.get("valid_until")))
                          for o in n.get("options", [])),
            handoff=n.get("handoff"), service=n.get("service"),
            sources=tuple(Source(title=str(s["title"]), url=str(s["url"]), checked_on=str(s["checked_on"]))
                          for s in n.get("sources", [])),
            text={r: _node_text(n["text"][r]) for r in REGISTERS},
            translations={str(k): _node_text(v) for k, v in n.get("translations", {}).items()},
        )
    flow = Flow(id=str(data["id"]), title=_text(data["title"], data.get("title_translations")),
                start=str(data["start"]), nodes=nodes)
    if flow.start not in flow.nodes:
        raise ValueError(f"start node {flow.start!r} missing")
    return flow
