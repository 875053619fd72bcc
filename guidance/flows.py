"""Provides the reading and checking of one flow file: its nodes, routes, sources and graph."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from guidance.files import Reader, parse_toml
from guidance.model import (
    FACT_KINDS,
    HANDOFFS,
    IDENTIFIER,
    NODE_KINDS,
    REGISTERS,
    ContentProblem,
    Copy,
    Extension,
    Flow,
    Node,
    Option,
    Source,
    Topic,
)
from routing.predicates import PREDICATES
from routing.routes import Route, boundaries


def _read_copy(reader: Reader, data: Mapping[str, Any], where: tuple[str, ...], node_kind: str) -> Copy:
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


def _read_source(reader: Reader, source_id: str, data: Any) -> Source | None:
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


def _date_or_none(reader: Reader, data: Mapping[str, Any], where: tuple[str, ...], key: str) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        reader.problem((*where, key), f"'{key}' must be a date, e.g. {key} = 2026-04-01")
        return None
    return value


def _read_routes(reader: Reader, value: Any, where: tuple[str, ...]) -> tuple[Route, ...]:
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


def _read_node(reader: Reader, node_id: str, data: Any) -> Node | None:
    where = ("nodes", node_id)
    if not IDENTIFIER.match(node_id):
        reader.problem(where, f"node id '{node_id}' must be snake_case (a-z, 0-9, _)")
    if not isinstance(data, dict):
        reader.problem(where, f"node '{node_id}' must be a table")
        return None
    reader.table(data, where, ("kind", "next", "options", "sources", "handoff", "service", "extension", *REGISTERS))
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
    extension = data.get("extension", "")
    if extension and (kind not in EXTENSIBLE or not isinstance(extension, str) or not IDENTIFIER.match(extension)):
        reader.problem((*where, "extension"), "'extension' names a point in snake_case, on an information or "
                                              "checklist node (a municipality's own node follows it)")
        extension = ""
    return Node(id=node_id, kind=kind, copy=copies, routes=routes, options=tuple(options), sources=tuple(sources),
                handoff=handoff if kind == "handoff" else None, service=service if kind == "handoff" else None,
                extension=str(extension))


def _open(path: Path, problems: list[ContentProblem]) -> tuple[Reader, dict[str, Any]] | None:
    parsed = parse_toml(path, problems)
    if parsed is None:
        return None
    text, data = parsed
    return Reader(path, text, problems), data


def _read_sources(reader: Reader, data: dict[str, Any]) -> dict[str, Source]:
    sources = {}
    for source_id, raw in (data.get("sources") or {}).items():
        source = _read_source(reader, source_id, raw)
        if source:
            sources[source_id] = source
    return sources


EXTENSIBLE = ("information", "checklist")
"""Kinds that may carry an extension point, and that a municipality's own node there may have."""


def read_extension(path: Path, flow: Flow, problems: list[ContentProblem]) -> Extension | None:
    """A municipality's own node at ``flow``'s extension point (the file names the flow; its one
    node is named after the point). Its next step is the point's: it cannot have one of its own."""
    opened = _open(path, problems)
    if opened is None:
        return None
    reader, data = opened
    before = len(problems)
    reader.table(data, (), ("sources", "nodes"))
    points = {n.extension for n in flow.nodes.values() if n.extension}
    nodes = reader.sub(data, (), "nodes")
    if len(nodes) != 1:
        reader.problem(("nodes",), f"an extension file has one node, named after the point "
                                   f"({', '.join(sorted(points)) or f'{flow.id} has no extension point'})")
        return None
    point, raw = next(iter(nodes.items()))
    where = ("nodes", point)
    if point not in points:
        reader.problem(where, f"'{point}' is no extension point of {flow.id} "
                              f"(its points: {', '.join(sorted(points)) or 'none'})")
        return None
    if point in flow.nodes:
        reader.problem(where, f"'{point}' is already a node of {flow.id}: the point needs another name")
        return None
    if isinstance(raw, dict) and "next" in raw:
        reader.problem((*where, "next"), "an extension node goes on where its point went: leave out 'next'")
        return None
    if isinstance(raw, dict) and raw.get("kind") not in EXTENSIBLE:
        reader.problem((*where, "kind"), f"an extension node is one of: {', '.join(EXTENSIBLE)}")
        return None
    # Read as any node of its kind; the stand-in 'next' is dropped below and filled in from the
    # point when a municipality's flows are put together (guidance.model.extended).
    node = _read_node(reader, point, {**raw, "next": flow.start} if isinstance(raw, dict) else raw)
    sources = _read_sources(reader, data)
    if node is not None:
        for source_id in node.sources:
            if source_id not in sources and source_id not in flow.sources:
                reader.problem((*where, "sources"), f"node '{point}' cites unknown source '{source_id}'")
    if node is None or len(problems) != before:
        return None
    return Extension(flow_id=flow.id, node=replace(node, routes=()), sources=sources,
                     folder=f"{path.parent.parent.parent.name}/{path.parent.parent.name}")


def _check_graph(reader: Reader, flow: Flow) -> None:
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


def read_flow(path: Path, topics: Mapping[str, Topic], problems: list[ContentProblem]) -> Flow | None:
    opened = _open(path, problems)
    if opened is None:
        return None
    reader, data = opened
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
    sources = _read_sources(reader, data)
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

