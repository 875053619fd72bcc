"""Provides what a flow step says, as plain data: the screen's text, its speech script, the slip.

Pure functions over the flow, so the screen, the read-aloud and the golden path artefacts
(``madoguchi content paths``) all say the same thing in the same order (K2, K3).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.i18n import _
from kiosk.keys import DEFAULT_HELP_KEY

if TYPE_CHECKING:
    from guidance.document import Flow, Municipality, Node

NEXT, HOME, FINISH, HANDOFF, SLIP = "next", "home", "finish", "handoff", "slip"


@dataclass(frozen=True)
class StepView:
    place: str
    title: str
    body: str
    steps: tuple[str, ...]
    items: tuple[str, ...]
    options: tuple[tuple[str, str], ...]
    """(key, label) in the order shown; the resident presses 1, 2, 3 …"""
    sources: tuple[str, ...]
    hint: str
    """For a volunteer, never read aloud to the resident."""
    note: str = ""
    """Said when the words are plain Japanese because no current translation exists."""


def options(node: Node, register: str, day: dt.date, language: str = "ja") -> tuple[tuple[str, str], ...]:
    words, _fallback = node.words_for(register, language)
    if node.kind == "question":
        return tuple((o.key, words.options[o.key]) for o in node.options_on(day))
    if node.kind in ("information", "checklist"):
        return ((NEXT, _("Next")),)
    finish = ((HOME, _("Back to the start")), (FINISH, _("Finish")))
    if node.kind == "handoff":
        label = _("Call a volunteer") if node.handoff == "volunteer" else _("Book a consultation")
        return ((HANDOFF, label), *finish)
    return (*finish, (SLIP, _("Take-home note (read or show at the counter)")))


def step_view(flow: Flow, node: Node, register: str, day: dt.date, *, step: int, remaining: int,
              language: str = "ja") -> StepView:
    words, fallback = node.words_for(register, language)
    place = _("{flow} — step {number}").format(flow=flow.title.get(register, language), number=step)
    if remaining:
        place += " · " + _("up to {count} more screens").format(count=remaining)
    return StepView(
        place=place, title=words.title, body=words.body, steps=words.steps, items=words.items,
        options=options(node, register, day, language),
        sources=tuple(_("Source: {title} (checked on {date})").format(title=s.title, date=s.checked_on)
                      for s in node.sources),
        hint=words.hint,
        note=_("This part is not translated yet, so it is shown in plain Japanese.") if fallback else "")


def screen_text(view: StepView) -> str:
    """Everything the screen shows, top to bottom, as text."""
    lines = [view.place, *([view.note] if view.note else []), view.title]
    if view.body:
        lines.append(view.body)
    lines += [f"{n}. {text}" for n, text in enumerate(view.steps, start=1)]
    lines += [f"☐ {item}" for item in view.items]
    lines += [f"[{n}] {label}" for n, (_key, label) in enumerate(view.options, start=1)]
    lines += view.sources
    return "\n".join(lines)


def help_phrase(key: str = DEFAULT_HELP_KEY) -> str:
    """How to call a person, naming the active help key."""
    return _("For help from a person, press the {key} key.").format(key=key)


def speech_parts(view: StepView, help_key: str = DEFAULT_HELP_KEY) -> tuple[tuple[str, str], ...]:
    """(phrase, part of the screen) in reading order: where you are, the words, each numbered
    option, and how to get help. The part ("place", "title", "body", "steps", "items",
    "option:N", "help") lets the screen highlight what is being read."""
    parts = [(view.place, "place"), *([(view.note, "note")] if view.note else []), (view.title, "title")]
    parts += [(line, "body") for line in view.body.splitlines() if line.strip()]
    parts += [(_("Step {number}: {text}").format(number=n, text=t), "steps") for n, t in enumerate(view.steps, start=1)]
    if view.items:
        parts.append((_("Please bring:"), "items"))
        parts += [(item, "items") for item in view.items]
    parts += [(_("Press {number}: {label}").format(number=n, label=label), f"option:{n}")
              for n, (_key, label) in enumerate(view.options, start=1)]
    parts.append((help_phrase(help_key), "help"))
    return tuple(parts)


def speech_script(view: StepView) -> tuple[str, ...]:
    """The phrases read aloud, in screen order (K2, K3). Sources and the volunteer hint are not read."""
    return tuple(phrase for phrase, _part in speech_parts(view))


def slip_text(flow: Flow, node: Node, register: str, municipality: Municipality, day: dt.date,
              language: str = "ja") -> str:
    """The take-home slip of an outcome: what to do next, where to ask, and where it comes from."""
    words, _fallback = node.words_for(register, language)
    counter = municipality.counter
    lines = [flow.title.get(register, language), words.title]
    if words.body:
        lines.append(words.body)
    lines += [f"{n}. {text}" for n, text in enumerate(words.steps, start=1)]
    lines += [f"☐ {item}" for item in words.items]
    lines.append(_("Questions: {office} ({hours}), phone {phone}").format(
        office=counter.name, hours=counter.hours, phone=counter.phone))
    lines += [_("Source: {title} (checked on {date})").format(title=s.title, date=s.checked_on) for s in node.sources]
    lines.append(_("Printed on {date}").format(date=day.isoformat()))
    return "\n".join(lines)
