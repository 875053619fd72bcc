"""Provides the guidance as staff write it: flows of nodes in two registers, topics, municipalities.

Pure data (no Django, no Textual): the loader (guidance.loader) builds it from the files in
content/, the release (guidance.release) renders it for one municipality.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from routing.routes import Route
from routing.validity import ValidOn

NODE_KINDS = ("information", "question", "checklist", "outcome", "handoff")
TERMINAL_KINDS = ("outcome", "handoff")
"""Kinds that end a flow: every path must reach one of them."""
FACT_KINDS = ("information", "checklist", "outcome")
"""Kinds that state facts, and so must cite a source."""
HANDOFFS = ("booking", "volunteer")
SAMPLE_MARK = "サンプル"
"""Every value of a fictional municipality says so; a real municipality's values must not."""
REGISTERS = ("standard", "plain")
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


# ----------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class ContentProblem:
    """One thing wrong with one content file, with the line to look at."""

    path: Path
    line: int
    message: str
    severity: str = "error"
    """"error" fails the check and blocks publishing; "warning" is shown and allowed."""
    unusable: bool = False
    """The file cannot be read at all (syntax, encoding, missing): nothing else could be checked."""

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class ContentError(Exception):
    """The content set cannot be used; ``problems`` says where and why."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    checked_on: dt.date
    note: str = ""


@dataclass(frozen=True)
class Copy:
    """The words of one node in one register."""

    title: str
    body: str = ""
    steps: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    """A checklist's items, e.g. the documents to bring."""
    options: Mapping[str, str] = field(default_factory=dict)
    hint: str = ""
    """For volunteers: what residents usually misunderstand here."""


@dataclass(frozen=True)
class Option(ValidOn):
    key: str
    routes: tuple[Route, ...]
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None


@dataclass(frozen=True)
class Node:
    id: str
    kind: str
    copy: Mapping[str, Copy]
    routes: tuple[Route, ...] = ()
    options: tuple[Option, ...] = ()
    sources: tuple[str, ...] = ()
    handoff: str | None = None
    service: str | None = None
    extension: str = ""
    """An extension point's name: a municipality may put one node of its own right after this one
    (e.g. "local_documents": what its window asks residents to bring besides the national list)."""

    def targets(self) -> tuple[str, ...]:
        """Every node this one can lead to, whatever the answers and the date."""
        routes = [r for o in self.options for r in o.routes] if self.kind == "question" else list(self.routes)
        return tuple(dict.fromkeys(r.to for r in routes))


@dataclass(frozen=True)
class Flow:
    id: str
    topic: str
    order: int
    start: str
    title: Mapping[str, str]
    nodes: Mapping[str, Node]
    sources: Mapping[str, Source]
    owner: str = ""
    """The municipality whose own (local) flow this is; empty for a national template every
    municipality inherits (content/municipalities/<owner>/flows/)."""


@dataclass(frozen=True)
class Topic:
    id: str
    order: int
    title: Mapping[str, str]


@dataclass(frozen=True)
class Prefecture:
    """The optional middle layer: values a whole prefecture shares (its 後期高齢者医療広域連合, a
    prefectural line), which each of its municipalities takes unless it sets its own."""

    code: str
    name: str
    sample: bool
    values: Mapping[str, str]


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    sample: bool
    values: Mapping[str, str]
    """Every value its guidance is rendered with: its own over its prefecture's."""
    prefecture: str = ""
    not_offered: frozenset[str] = frozenset()
    """National flows this municipality does not offer its residents (a procedure it does not run)."""
    inherited: Mapping[str, str] = field(default_factory=dict)
    """The prefecture's values, as they stand beneath its own (a key here and not in its own file
    follows the prefecture when the prefecture changes it)."""


@dataclass(frozen=True)
class Extension:
    """A municipality's own node at an extension point of a national flow
    (content/municipalities/<code>/extensions/<flow>.toml): its residents meet it after the point's
    node, then go on as everyone does."""

    flow_id: str
    node: Node
    """Its id is the extension point's name; its routes are filled in from the point's node."""
    sources: Mapping[str, Source]
    folder: str = ""
    """Whose file it is, under the content folder: municipalities/<code> or prefectures/<code>."""


@dataclass(frozen=True)
class ContentSet:
    topics: Mapping[str, Topic]
    flows: Mapping[str, Flow]
    municipalities: Mapping[str, Municipality]
    readings: Mapping[str, str] = field(default_factory=dict)
    """The municipal reading dictionary (readings.toml): surface → hiragana, for furigana and speech."""
    prefectures: Mapping[str, Prefecture] = field(default_factory=dict)
    extensions: Mapping[str, tuple[Extension, ...]] = field(default_factory=dict)
    """Per municipality: its own nodes at the national flows' extension points."""



def flow_file(root: Path, flow: Flow) -> Path:
    """Where a flow's file lives under the content folder: national, or its owner's own."""
    folder = root / "municipalities" / flow.owner / "flows" if flow.owner else root / "flows"
    return folder / f"{flow.id}.toml"


def extension_file(root: Path, extension: Extension) -> Path:
    """The file an extension was read from: its municipality's own, or its prefecture's."""
    return root / extension.folder / "extensions" / f"{extension.flow_id}.toml"


def offered(content: ContentSet, municipality_code: str) -> ContentSet:
    """The content as one municipality's residents meet it: the national flows it offers and its
    own local flows, never another municipality's."""
    municipality = content.municipalities.get(municipality_code)
    hidden = municipality.not_offered if municipality else frozenset()
    flows = {flow_id: flow for flow_id, flow in content.flows.items()
             if (flow.owner == municipality_code if flow.owner else flow_id not in hidden)}
    for extension in content.extensions.get(municipality_code, ()):
        if extension.flow_id in flows:
            flows[extension.flow_id] = extended(flows[extension.flow_id], extension)
    return replace(content, flows=flows)


def extended(flow: Flow, extension: Extension) -> Flow:
    """The flow with the municipality's node after its extension point: the point leads to it, and
    it leads where the point led (dated routes and all)."""
    point = next((n for n in flow.nodes.values() if n.extension == extension.node.id), None)
    if point is None:
        return flow
    own = replace(extension.node, routes=point.routes)
    nodes = {}
    for node_id, node in flow.nodes.items():
        nodes[node_id] = replace(node, routes=(Route(to=own.id),)) if node is point else node
        if node is point:
            nodes[own.id] = own
    return replace(flow, nodes=nodes, sources={**flow.sources, **extension.sources})
