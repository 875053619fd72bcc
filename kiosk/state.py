"""Provides the resident's session as frozen data, and the pure moves through a flow.

Nothing here outlives a session: ending one replaces the whole value with ``Session()``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from kiosk.models import Flow, Node


@dataclass(frozen=True)
class Session:
    register: str = "standard"
    """"standard" Japanese or "plain" Japanese (やさしい日本語)."""
    flow_id: str | None = None
    trail: tuple[str, ...] = ()
    """Node ids visited in the current flow; the last one is on screen."""
    answers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Option key chosen at each question node."""

    @property
    def node_id(self) -> str | None:
        return self.trail[-1] if self.trail else None


def start_flow(session: Session, flow: Flow) -> Session:
    return replace(session, flow_id=flow.id, trail=(flow.start,), answers=MappingProxyType({}))


def next_node_id(node: Node, answer: str | None = None) -> str | None:
    """Where a node leads: the chosen option's target for a question, ``next`` otherwise."""
    if node.kind == "question":
        return next((o.next for o in node.options if o.key == answer), None)
    return node.next


def proceed(session: Session, flow: Flow, answer: str | None = None) -> Session:
    """Move on from the current node (answering it if it is a question)."""
    node = flow.nodes[session.trail[-1]]
    target = next_node_id(node, answer)
    if target is None:
        return session
    answers = dict(session.answers)
    if node.kind == "question" and answer is not None:
        answers[node.id] = answer
    return replace(session, trail=(*session.trail, target), answers=MappingProxyType(answers))


def go_back(session: Session) -> Session:
    """One node back; the earlier answer is kept so it can be shown pre-selected."""
    if len(session.trail) <= 1:
        return replace(session, flow_id=None, trail=())
    return replace(session, trail=session.trail[:-1])


def toggle_register(session: Session) -> Session:
    return replace(session, register="standard" if session.register == "plain" else "plain")
