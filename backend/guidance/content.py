"""Provides the loader and validator for the guidance files in `content/`.

Pure Python (no Django): the CLI uses it to reject a malformed content set before anything is
written, and the backend uses it to import a checked set as a release. Every problem is reported as
``file:line: message`` so that municipal staff can find it in their editor.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from routing.predicates import PREDICATES
from routing.routes import Route, boundaries
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


@dataclass(frozen=True)
class Topic:
    id: str
    order: int
    title: Mapping[str, str]


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    sample: bool
    values: Mapping[str, str]


@dataclass(frozen=True)
class ContentSet:
    topics: Mapping[str, Topic]
    flows: Mapping[str, Flow]
    municipalities: Mapping[str, Municipality]
    readings: Mapping[str, str] = field(default_factory=dict)
    """The municipal reading dictionary (readings.toml): surface → hiragana, for furigana and speech."""


# ----------------------------------------------------------------------------- locating lines

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def _header_path(raw: str) -> tuple[str, ...]:
    return tuple(part.strip().strip('"').strip("'") for part in raw.split("."))


def locate(text: str, path: tuple[str, ...]) -> int:
    """Return the 1-based line where the dotted key ``path`` is written in TOML ``text``.

    It understands table headers and ``key =`` lines, which is how content files are written;
    when the exact key is not found it falls back to the nearest enclosing table, then line 1.
    """
    lines = text.splitlines()
    best_line, best_depth = 1, 0
    table: tuple[str, ...] = ()
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            table = _header_path(header.group(1))
            depth = len(table)
            if table == path[:depth] and depth > best_depth:
                best_line, best_depth = number, depth
            continue
        key = re.match(r'^\s*"?([A-Za-z0-9_-]+)"?\s*=', line)
        if key and table == path[: len(table)]:
            depth = len(table) + 1
            if len(path) >= depth and key.group(1) == path[len(table)] and depth > best_depth:
                best_line, best_depth = number, depth
    return best_line


# ----------------------------------------------------------------------------- reading


class _Reader:
    """Collects problems for one file while checking the shape of its parsed TOML."""

    def __init__(self, path: Path, text: str, problems: list[ContentProblem]) -> None:
        self.path, self.text, self.problems = path, text, problems

    def problem(self, where: tuple[str, ...], message: str) -> None:
        self.problems.append(ContentProblem(self.path, locate(self.text, where), message))

    def table(self, data: Mapping[str, Any], where: tuple[str, ...], allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.problem((*where, key), f"unknown key '{key}'{hint}")

    def text_value(self, data: Mapping[str, Any], where: tuple[str, ...], key: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(where, f"'{'.'.join((*where, key))}' is missing")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem((*where, key), f"'{key}' must be non-empty text")
            return ""
        return value.strip()

    def sub(self, data: Mapping[str, Any], where: tuple[str, ...], key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            self.problem(where if value is None else (*where, key),
                         f"'{'.'.join((*where, key))}' is missing or is not a table")
            return {}
        return value


def _parse(path: Path, problems: list[ContentProblem]) -> tuple[str, dict[str, Any]] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(ContentProblem(path, 1, f"not UTF-8 text ({error.reason})", unusable=True))
        return None
    except OSError as error:
        problems.append(ContentProblem(path, 1, f"cannot be read ({error.strerror})", unusable=True))
        return None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line = int(match.group(1)) if match else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        problems.append(ContentProblem(path, line, f"TOML syntax error: {message}", unusable=True))
        return None


def _read_copy(reader: _Reader, data: Mapping[str, Any], where: tuple[str, ...], node_kind: str) -> Copy:
    reader.table(data, where, ("title", "body", "steps", "items", "options", "hint"))
    title = reader.text_value(data, where, "title")
    body = reader.text_value(data, where, "body", required=False)
    steps_raw = data.get("steps", [])
    steps: tuple[str, ...] = ()
    if not isinstance(steps_raw, list) or not all(isinstance(s, str) and s.strip() for s in steps_raw):
        reader.problem((*where, "steps"), "'steps' must be a list of non-empty texts")
    else:
        steps = tuple(s.strip() for s in steps_raw)
    if node_kind == "outcome" and not steps and not body:
        reader.problem(where, "an outcome needs 'steps' or a 'body'")
    items_raw = data.get("items", [])
    items: tuple[str, ...] = ()
    if not isinstance(items_raw, list) or not all(isinstance(i, str) and i.strip() for i in items_raw):
        reader.problem((*where, "items"), "'items' must be a list of non-empty texts")
    else:
        items = tuple(i.strip() for i in items_raw)
    if node_kind == "checklist" and not items:
        reader.problem(where, "a checklist needs 'items'")
    options_raw = data.get("options", {})
    options: dict[str, str] = {}
    if not isinstance(options_raw, dict):
        reader.problem((*where, "options"), "'options' must be a table of option key = label")
    else:
        for key, label in options_raw.items():
            if isinstance(label, str) and label.strip():
                options[key] = label.strip()
            else:
                reader.problem((*where, "options"), f"option '{key}' needs a non-empty label")
    return Copy(title=title, body=body, steps=steps, items=items, options=options,
                hint=reader.text_value(data, where, "hint", required=False))


def _read_source(reader: _Reader, source_id: str, data: Any) -> Source | None:
    where = ("sources", source_id)
    if not isinstance(data, dict):
        reader.problem(where, f"source '{source_id}' must be a table")
        return None
    reader.table(data, where, ("title", "url", "checked_on", "note"))
    title = reader.text_value(data, where, "title")
    url = reader.text_value(data, where, "url")
    if url and not url.startswith("https://"):
        reader.problem((*where, "url"), "a source 'url' must start with https://")
    checked_on = data.get("checked_on")
    if not isinstance(checked_on, dt.date) or isinstance(checked_on, dt.datetime):
        reader.problem((*where, "checked_on") if "checked_on" in data else where,
                       f"source '{source_id}' needs 'checked_on' as a date, e.g. checked_on = 2026-11-28")
        return None
    return Source(id=source_id, title=title, url=url, checked_on=checked_on,
                  note=str(data.get("note", "")))


def _date_or_none(reader: _Reader, data: Mapping[str, Any], where: tuple[str, ...], key: str) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        reader.problem((*where, key), f"'{key}' must be a date, e.g. {key} = 2026-04-01")
        return None
    return value


def _read_routes(reader: _Reader, value: Any, where: tuple[str, ...]) -> tuple[Route, ...]:
    """``next = "node"``, or a list of routes: { to, when?, valid_from?, valid_until? }."""
    if isinstance(value, str):
        return (Route(to=value),)
    if not isinstance(value, list) or not value:
        reader.problem(where, "'next' must be a node id or a list of routes like { to = \"node\" }")
        return ()
    routes = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("to"), str):
            reader.problem(where, "each route needs 'to' (a node id)")
            continue
        reader.table(item, where, ("to", "when", "valid_from", "valid_until"))
        when = item.get("when")
        if when is not None and (not isinstance(when, str) or when not in PREDICATES):
            known = ", ".join(sorted(PREDICATES)) or "none"
            reader.problem(where, f"unknown condition '{when}' (registered predicates: {known})")
            when = None
        routes.append(Route(to=item["to"], when=when, valid_from=_date_or_none(reader, item, where, "valid_from"),
                            valid_until=_date_or_none(reader, item, where, "valid_until")))
    # Whatever the answers, on every day some route must apply: the routes without a condition.
    defaults = [r for r in routes if r.when is None]
    for day in (dt.date.min, *boundaries(routes)):
        if not any(r.valid_on(day) for r in defaults):
            shown = "before any date given" if day == dt.date.min else f"from {day.isoformat()}"
            reader.problem(where, f"no route applies {shown} when no condition holds; "
                                  "end the list with a route without 'when'")
            break
    return tuple(routes)


def _read_node(reader: _Reader, node_id: str, data: Any) -> Node | None:
    where = ("nodes", node_id)
    if not IDENTIFIER.match(node_id):
        reader.problem(where, f"node id '{node_id}' must be snake_case (a-z, 0-9, _)")
    if not isinstance(data, dict):
        reader.problem(where, f"node '{node_id}' must be a table")
        return None
    reader.table(data, where, ("kind", "next", "options", "sources", "handoff", "service", *REGISTERS))
    kind = data.get("kind")
    if kind not in NODE_KINDS:
        reader.problem((*where, "kind") if "kind" in data else where,
                       f"node '{node_id}' needs 'kind', one of: {', '.join(NODE_KINDS)}")
        return None
    routes: tuple[Route, ...] = ()
    options: list[Option] = []
    if kind in ("information", "checklist"):
        if "next" not in data:
            reader.problem(where, f"{kind} node '{node_id}' needs 'next' (the node that follows)")
        else:
            routes = _read_routes(reader, data["next"], (*where, "next"))
    elif "next" in data:
        reader.problem((*where, "next"), f"{kind} node '{node_id}' cannot have 'next'"
                       + (" (its options lead on)" if kind == "question" else " (it ends the flow)"))
    handoff = data.get("handoff")
    if kind == "handoff" and handoff not in HANDOFFS:
        reader.problem((*where, "handoff") if "handoff" in data else where,
                       f"hand-off node '{node_id}' needs 'handoff', one of: {', '.join(HANDOFFS)}")
    elif kind != "handoff" and ("handoff" in data or "service" in data):
        reader.problem((*where, "handoff"), "only hand-off nodes have 'handoff' and 'service'")
    service = data.get("service")
    if service is not None and not (isinstance(service, str) and IDENTIFIER.match(service)):
        reader.problem((*where, "service"), "'service' must be a service id in snake_case")
    if kind == "question":
        raw = data.get("options")
        if not isinstance(raw, list) or len(raw) < 2:
            reader.problem((*where, "options") if raw is not None else where,
                           f"question '{node_id}' needs at least two 'options'")
            raw = []
        for item in raw:
            if not (isinstance(item, dict) and isinstance(item.get("key"), str) and "next" in item):
                reader.problem((*where, "options"), "each option needs a 'key' and a 'next'")
                continue
            reader.table(item, (*where, "options"), ("key", "next", "valid_from", "valid_until"))
            options.append(Option(key=item["key"], routes=_read_routes(reader, item["next"], (*where, "options")),
                                  valid_from=_date_or_none(reader, item, (*where, "options"), "valid_from"),
                                  valid_until=_date_or_none(reader, item, (*where, "options"), "valid_until")))
        keys = [o.key for o in options]
        if len(set(keys)) != len(keys):
            reader.problem((*where, "options"), f"question '{node_id}' repeats an option key")
        unknown = next((o for o in options if o.key == "unknown"), None)
        if options and unknown is None:
            reader.problem((*where, "options"),
                           f"question '{node_id}' needs an 'unknown' option (わからない) with a safe next step")
        elif unknown is not None and (unknown.valid_from or unknown.valid_until):
            reader.problem((*where, "options"), "the 'unknown' option must be offered on every day")
        days = sorted({d for o in options for d in (o.valid_from, o.valid_until and o.valid_until + dt.timedelta(1))
                       if d})
        for day in (dt.date.min, *days):
            if options and sum(o.valid_on(day) for o in options) < 2:
                when = "from " + day.isoformat() if day != dt.date.min else "at first"
                reader.problem((*where, "options"), f"question '{node_id}' offers fewer than two options {when}")
                break
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        reader.problem((*where, "sources"), "'sources' must be a list of source ids")
        sources = []
    if kind in FACT_KINDS and not sources:
        reader.problem(where, f"{kind} node '{node_id}' states facts: list its 'sources'")
    copies: dict[str, Copy] = {}
    for register in REGISTERS:
        copy = _read_copy(reader, reader.sub(data, where, register), (*where, register), kind)
        missing = [o.key for o in options if o.key not in copy.options]
        if missing:
            reader.problem((*where, register, "options"), f"no {register} label for option(s): {', '.join(missing)}")
        copies[register] = copy
    return Node(id=node_id, kind=kind, copy=copies, routes=routes, options=tuple(options), sources=tuple(sources),
                handoff=handoff if kind == "handoff" else None, service=service if kind == "handoff" else None)


def _check_graph(reader: _Reader, flow: Flow) -> None:
    if flow.start not in flow.nodes:
        reader.problem(("start",), f"start node '{flow.start}' does not exist")
        return
    for node in flow.nodes.values():
        for target in node.targets():
            if target not in flow.nodes:
                reader.problem(("nodes", node.id, "options" if node.kind == "question" else "next"),
                               f"node '{node.id}' leads to '{target}', which does not exist")
        for source_id in node.sources:
            if source_id not in flow.sources:
                reader.problem(("nodes", node.id, "sources"), f"node '{node.id}' cites unknown source '{source_id}'")
    # Depth-first walk: unreachable nodes and cycles (a flow must always move towards an outcome).
    seen: set[str] = set()
    on_path: list[str] = []

    def walk(node_id: str) -> None:
        if node_id in on_path:
            cycle = " → ".join([*on_path[on_path.index(node_id):], node_id])
            reader.problem(("nodes", node_id), f"unintended cycle: {cycle}")
            return
        if node_id in seen or node_id not in flow.nodes:
            return
        seen.add(node_id)
        on_path.append(node_id)
        for target in flow.nodes[node_id].targets():
            walk(target)
        on_path.pop()

    walk(flow.start)
    for node_id in flow.nodes:
        if node_id not in seen:
            reader.problem(("nodes", node_id), f"node '{node_id}' cannot be reached from '{flow.start}'")


def _read_flow(path: Path, topics: Mapping[str, Topic], problems: list[ContentProblem]) -> Flow | None:
    parsed = _parse(path, problems)
    if parsed is None:
        return None
    text, data = parsed
    reader = _Reader(path, text, problems)
    before = len(problems)
    reader.table(data, (), ("id", "topic", "order", "start", "title", "sources", "nodes"))
    flow_id = reader.text_value(data, (), "id")
    if flow_id and flow_id != path.stem:
        reader.problem(("id",), f"flow id '{flow_id}' must match the file name '{path.stem}'")
    topic = reader.text_value(data, (), "topic")
    if topic and topic not in topics:
        reader.problem(("topic",), f"unknown topic '{topic}' (topics: {', '.join(sorted(topics))})")
    order = data.get("order", 100)
    if not isinstance(order, int):
        reader.problem(("order",), "'order' must be a whole number")
        order = 100
    title_data = reader.sub(data, (), "title")
    title = {r: reader.text_value(title_data, ("title",), r) for r in REGISTERS}
    sources = {}
    for source_id, raw in (data.get("sources") or {}).items():
        source = _read_source(reader, source_id, raw)
        if source:
            sources[source_id] = source
    nodes = {}
    for node_id, raw in reader.sub(data, (), "nodes").items():
        node = _read_node(reader, node_id, raw)
        if node:
            nodes[node_id] = node
    flow = Flow(id=flow_id, topic=topic, order=order, start=reader.text_value(data, (), "start"),
                title=title, nodes=nodes, sources=sources)
    if len(problems) == before:
        _check_graph(reader, flow)
    return flow if len(problems) == before else None


def _read_topics(path: Path, problems: list[ContentProblem]) -> dict[str, Topic]:
    parsed = _parse(path, problems)
    if parsed is None:
        return {}
    text, data = parsed
    reader = _Reader(path, text, problems)
    reader.table(data, (), ("topics",))
    topics = {}
    for topic_id, raw in reader.sub(data, (), "topics").items():
        where = ("topics", topic_id)
        if not isinstance(raw, dict):
            reader.problem(where, f"topic '{topic_id}' must be a table")
            continue
        reader.table(raw, where, ("order", *REGISTERS))
        order = raw.get("order")
        if not isinstance(order, int):
            reader.problem(where, f"topic '{topic_id}' needs a whole-number 'order'")
            order = 100
        topics[topic_id] = Topic(id=topic_id, order=order,
                                 title={r: reader.text_value(raw, where, r) for r in REGISTERS})
    return topics


def _read_municipality(path: Path, problems: list[ContentProblem]) -> Municipality | None:
    parsed = _parse(path, problems)
    if parsed is None:
        return None
    text, data = parsed
    reader = _Reader(path, text, problems)
    before = len(problems)
    reader.table(data, (), ("code", "name", "sample", "values"))
    code = reader.text_value(data, (), "code")
    if code and code != path.stem:
        reader.problem(("code",), f"municipality code '{code}' must match the file name '{path.stem}'")
    if code and not IDENTIFIER.match(code):
        reader.problem(("code",), "a municipality code must be lower-case letters, digits and _")
    sample = data.get("sample", False)
    if not isinstance(sample, bool):
        reader.problem(("sample",), "'sample' must be true or false")
    values = {}
    for key, value in reader.sub(data, (), "values").items():
        if isinstance(value, str) and value.strip():
            values[key] = value.strip()
            if sample is False and SAMPLE_MARK in value:
                reader.problem(("values", key), f"'{key}' is marked as sample data (「{SAMPLE_MARK}」), "
                                                "which can never be published for a real municipality")
        else:
            reader.problem(("values", key), f"value '{key}' must be non-empty text")
    municipality = Municipality(code=code, name=reader.text_value(data, (), "name"),
                                sample=bool(sample), values=values)
    return municipality if len(problems) == before else None


def _texts(flow: Flow) -> Iterable[tuple[tuple[str, ...], str]]:
    for register, title in flow.title.items():
        yield ("title", register), title
    for node in flow.nodes.values():
        for register, copy in node.copy.items():
            where = ("nodes", node.id, register)
            for part, value in (("title", copy.title), ("body", copy.body), ("hint", copy.hint)):
                yield (*where, part), value
            for step in copy.steps:
                yield (*where, "steps"), step
            for item in copy.items:
                yield (*where, "items"), item
            for label in copy.options.values():
                yield (*where, "options"), label


def load_content(root: Path) -> ContentSet:
    """Read and check every content file under ``root``.

    Raises:
        ContentError: with every problem found; nothing is returned half-checked.
    """
    problems: list[ContentProblem] = []
    if not root.is_dir():
        raise ContentError([ContentProblem(root, 0, "content folder not found", unusable=True)])
    topics = _read_topics(root / "topics.toml", problems)
    flows: dict[str, Flow] = {}
    for path in sorted((root / "flows").glob("*.toml")):
        flow = _read_flow(path, topics, problems)
        if flow:
            flows[flow.id] = flow
    municipalities: dict[str, Municipality] = {}
    for path in sorted((root / "municipalities").glob("*.toml")):
        municipality = _read_municipality(path, problems)
        if municipality:
            municipalities[municipality.code] = municipality
    if not municipalities and not problems:
        problems.append(ContentProblem(root / "municipalities", 0, "no municipality file found"))
    # Every placeholder must resolve for every municipality.
    for flow in flows.values():
        path = root / "flows" / f"{flow.id}.toml"
        text = path.read_text(encoding="utf-8")
        for where, value in _texts(flow):
            for key in PLACEHOLDER.findall(value):
                lacking = [m.code for m in municipalities.values() if key not in m.values]
                if lacking:
                    problems.append(ContentProblem(path, locate(text, where),
                                                   f"'{{{key}}}' has no value for municipality: {', '.join(lacking)}"))
    readings = _read_readings(root / "readings.toml", problems)
    if problems:
        raise ContentError(problems)
    return ContentSet(topics=topics, flows=flows, municipalities=municipalities, readings=readings)


def _read_readings(path: Path, problems: list[ContentProblem]) -> dict[str, str]:
    if not path.exists():
        return {}
    parsed = _parse(path, problems)
    if parsed is None:
        return {}
    text, data = parsed
    reader = _Reader(path, text, problems)
    reader.table(data, (), ("readings",))
    readings = {}
    for surface, reading in reader.sub(data, (), "readings").items() if "readings" in data else ():
        if isinstance(reading, str) and re.fullmatch(r"[ぁ-ゖー]+", reading):
            readings[surface] = reading
        else:
            reader.problem(("readings", surface), f"the reading of '{surface}' must be hiragana only")
    return readings


# ----------------------------------------------------------------------------- rendering a release


def _fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def render_release(content: ContentSet, municipality_code: str,
                   translations: Mapping[str, Mapping[tuple[str, str], str]] | None = None) -> dict[str, Any]:
    """The JSON document the API serves for one municipality, with its values filled in.

    ``translations`` (backend.guidance.translations.load) adds, per node, the words in each
    language whose translation of that node is complete and current; other nodes carry none.
    """
    from backend.guidance.translations import title as translated_title
    from backend.guidance.translations import translated_copy

    municipality = content.municipalities[municipality_code]
    values = municipality.values
    translations = translations or {}

    def node_translations(flow: Flow, node_id: str) -> dict[str, Any]:
        found = {}
        for language in sorted(translations):
            copy = translated_copy(flow, node_id, language, translations)
            if copy is not None:
                found[language] = copy_out(copy)
        return found

    def title_translations(context: str, text: str) -> dict[str, str]:
        return {language: found for language in sorted(translations)
                if (found := translated_title(context, text, language, translations)) is not None}

    def copy_out(copy: Copy) -> dict[str, Any]:
        return {"title": _fill(copy.title, values), "body": _fill(copy.body, values),
                "steps": [_fill(s, values) for s in copy.steps], "items": [_fill(i, values) for i in copy.items],
                "options": {k: _fill(v, values) for k, v in copy.options.items()},
                "hint": _fill(copy.hint, values)}

    flows = {}
    for flow in sorted(content.flows.values(), key=lambda f: (f.order, f.id)):
        flows[flow.id] = {
            "id": flow.id, "topic": flow.topic, "start": flow.start, "title": dict(flow.title),
            "title_translations": title_translations(f"{flow.id}:title", flow.title["standard"]),
            "nodes": {node.id: {"id": node.id, "kind": node.kind, "next": [r.as_json() for r in node.routes],
                                "options": [{"key": o.key, "next": [r.as_json() for r in o.routes],
                                             "valid_from": o.valid_from.isoformat() if o.valid_from else None,
                                             "valid_until": o.valid_until.isoformat() if o.valid_until else None}
                                            for o in node.options],
                                "handoff": node.handoff, "service": node.service,
                                "sources": [{"title": flow.sources[s].title, "url": flow.sources[s].url,
                                             "checked_on": flow.sources[s].checked_on.isoformat()}
                                            for s in node.sources],
                                "text": {r: copy_out(c) for r, c in node.copy.items()},
                                "translations": node_translations(flow, node.id)}
                      for node in flow.nodes.values()},
        }
    topics = [{"id": t.id, "title": dict(t.title),
               "title_translations": title_translations(f"topic:{t.id}", t.title["standard"]),
               "flows": [{"id": f["id"], "title": f["title"], "title_translations": f["title_translations"]}
                         for f in flows.values() if f["topic"] == t.id]}
              for t in sorted(content.topics.values(), key=lambda t: (t.order, t.id))]
    return {"municipality": {"code": municipality.code, "name": municipality.name,
                             "sample": municipality.sample, "values": dict(values)},
            "readings": dict(content.readings),
            "topics": topics, "flows": flows}


def checksum(document: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON form, so equal content always has equal checksums."""
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
