"""Provides the resident's session as frozen data, and the pure moves through a flow.

Nothing here outlives a session: ending one replaces the whole value with ``Session()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guidance.document import Flow, Node


@dataclass(frozen=True)
class Session:
    language: str = "ja"
    """Display and speech language; guidance without a current translation shows plain Japanese."""
    furigana: bool = False
    """Readings above kanji."""
    high_contrast: bool = False
    auto_read: bool = False
    """Read each screen aloud on arrival."""
    speech_rate: float = 1.0
    """0.5–2.0."""
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


def next_node_id(node: Node, answers: Mapping[str, str], day: dt.date) -> str | None:
    """Where a node leads on ``day``, given the answers so far (including this node's)."""
    from routing.routes import resolve

    if node.kind == "question":
        option = next((o for o in node.options_on(day) if o.key == answers.get(node.id)), None)
        return resolve(option.routes, answers, day) if option else None
    return resolve(node.routes, answers, day)


def proceed(session: Session, flow: Flow, answer: str | None = None, *, day: dt.date | None = None) -> Session:
    """Move on from the current node, answering it if it is a question.

    Answers given earlier to later questions are kept: when the resident passes those questions
    again they are shown pre-selected.
    """
    node = flow.nodes[session.trail[-1]]
    answers = dict(session.answers)
    if node.kind == "question":
        if answer is None:
            return session
        answers[node.id] = answer
    target = next_node_id(node, answers, day or dt.date.today())
    if target is None:
        return session
    return replace(session, trail=(*session.trail, target), answers=MappingProxyType(answers))


def remaining_steps(flow: Flow, node_id: str) -> int:
    """The most screens that can still follow ``node_id`` before the flow ends (flows have no cycles)."""
    memo: dict[str, int] = {}

    def longest(current: str) -> int:
        if current not in memo:
            targets = [t for t in flow.nodes[current].targets() if t in flow.nodes]
            memo[current] = 0 if not targets else 1 + max(longest(t) for t in targets)
        return memo[current]

    return longest(node_id)


def go_back(session: Session) -> Session:
    """One node back; the earlier answer is kept so it can be shown pre-selected."""
    if len(session.trail) <= 1:
        return replace(session, flow_id=None, trail=())
    return replace(session, trail=session.trail[:-1])


def toggle_register(session: Session) -> Session:
    return replace(session, register="standard" if session.register == "plain" else "plain")


def rewind(session: Session, node_id: str) -> Session:
    """Back to an earlier node of the trail to change its answer; all answers are kept, so later
    questions that still apply show their earlier answer pre-selected."""
    if node_id not in session.trail:
        return session
    return replace(session, trail=session.trail[: session.trail.index(node_id) + 1])


SPEECH_RATES = (0.75, 1.0, 1.5)


def next_speech_rate(session: Session) -> Session:
    """Slow → normal → fast → slow."""
    rates = SPEECH_RATES
    index = rates.index(session.speech_rate) if session.speech_rate in rates else 0
    return replace(session, speech_rate=rates[(index + 1) % len(rates)])


SETTINGS = ("plain", "furigana", "contrast", "auto_read", "rate")
"""The settings that are a change of the session alone (language and summary open a screen)."""


def with_setting(session: Session, name: str) -> Session:
    """The session with one setting of the settings screen changed (toggled, or the next rate)."""
    if name == "plain":
        return toggle_register(session)
    if name == "furigana":
        return replace(session, furigana=not session.furigana)
    if name == "contrast":
        return replace(session, high_contrast=not session.high_contrast)
    if name == "auto_read":
        return replace(session, auto_read=not session.auto_read)
    if name == "rate":
        return next_speech_rate(session)
    return session


def with_suggestion(session: Session, action: str) -> Session:
    """The session with a volunteer's accepted suggestion applied: what it turns on stays on."""
    if action == "plain_on":
        return replace(session, register="plain")
    if action == "furigana_on":
        return replace(session, furigana=True)
    if action == "high_contrast_on":
        return replace(session, high_contrast=True)
    return session


@dataclass(frozen=True)
class SessionFigures:
    """What the municipality counts of one session when it ends (POST /api/help/sessions).

    Content ids and yes/no only: never an answer or anything typed, and no time at all (the
    backend keeps the day). Ending a session replaces it with ``SessionFigures()``.
    """

    flows: frozenset[str] = frozenset()
    completed: frozenset[str] = frozenset()
    """Flows whose end (an outcome or hand-off) the resident reached."""
    last_flow: str = ""
    last_node: str = ""
    """The last step of a flow that was on screen: where the resident stopped, unless completed."""
    language: str = ""
    plain: bool = False
    furigana: bool = False
    high_contrast: bool = False
    read_aloud: bool = False
    """Set by auto-read and by the read-aloud key alike."""


def ends_flow(flow: Flow | None, session: Session) -> bool:
    """Whether the step on screen ends its flow (the content's outcome and hand-off kinds)."""
    from guidance.model import TERMINAL_KINDS

    if flow is None or flow.id != session.flow_id or session.node_id is None:
        return False
    node = flow.nodes.get(session.node_id)
    return node is not None and node.kind in TERMINAL_KINDS


def figures_after(figures: SessionFigures, session: Session, *, at_end: bool = False) -> SessionFigures:
    """The figures once ``session`` is on screen (``at_end``: its step ends the flow); modes
    used once stay counted as used."""
    flow, node = session.flow_id, session.node_id
    return replace(
        figures, flows=(figures.flows | {flow}) if flow else figures.flows,
        completed=(figures.completed | {flow}) if flow and at_end else figures.completed,
        last_flow=flow if flow and node else figures.last_flow, last_node=node if flow and node else figures.last_node,
        language=session.language, plain=figures.plain or session.register == "plain",
        furigana=figures.furigana or session.furigana, high_contrast=figures.high_contrast or session.high_contrast,
        read_aloud=figures.read_aloud or session.auto_read)


def fresh_session(language: str) -> Session:
    """What the next resident starts with: nothing of the previous one."""
    return Session(language=language)
