"""Provides the Graphviz DOT drawing of a flow, for reviewing its routing by eye."""

from __future__ import annotations

from guidance.model import Flow, Node
from routing.routes import Route

_SHAPES = {"question": "diamond", "information": "box", "checklist": "folder", "outcome": "doubleoctagon",
           "handoff": "house"}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _route_label(route: Route) -> str:
    parts = []
    if route.when:
        parts.append(f"if {route.when}")
    if route.valid_from:
        parts.append(f"from {route.valid_from.isoformat()}")
    if route.valid_until:
        parts.append(f"until {route.valid_until.isoformat()}")
    return ", ".join(parts)


def _edges(node: Node) -> list[tuple[str, str]]:
    if node.kind == "question":
        return [(r.to, " ".join(filter(None, [option.key, _route_label(r)]))) for option in node.options
                for r in option.routes]
    return [(r.to, _route_label(r)) for r in node.routes]


def to_dot(flow: Flow, register: str = "standard") -> str:
    lines = [f"digraph {_quote(flow.id)} {{", "  rankdir=TB;", '  node [fontname="Noto Sans CJK JP"];',
             f"  label={_quote(flow.title[register])}; labelloc=t;"]
    lines.append(f"  start [shape=point]; start -> {_quote(flow.start)};")
    for node in flow.nodes.values():
        label = f"{node.id}\n({node.kind})\n{node.copy[register].title}"
        lines.append(f"  {_quote(node.id)} [shape={_SHAPES[node.kind]}, label={_quote(label)}];")
        for target, label in _edges(node):
            lines.append(f"  {_quote(node.id)} -> {_quote(target)}" +
                         (f" [label={_quote(label)}]" if label else "") + ";")
    lines.append("}")
    return "\n".join(lines) + "\n"
