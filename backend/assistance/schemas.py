"""Provides the request and response schemas of the help and volunteer endpoints."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StringConstraints

from backend.assistance.models import Outcome, Reason, SuggestionAction

NodeKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
"""Flow, node and option ids: lower-case ids from the content, never free text (no personal data)."""
MaybeKey = Annotated[str, StringConstraints(pattern=r"^([a-z][a-z0-9_]{0,63})?$")]


class Modes(Schema):
    plain: bool = False
    furigana: bool = False
    high_contrast: bool = False
    read_aloud: bool = False


class Context(Schema):
    flow_id: MaybeKey = ""
    node_id: MaybeKey = ""
    step: int = Field(default=0, ge=0, le=500)
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")] = "ja"
    modes: Modes = Modes()
    answers: dict[NodeKey, NodeKey] = Field(default_factory=dict, max_length=100)


class HelpIn(Context):
    reason: Reason


class SuggestionOut(Schema):
    id: int
    action: str


class KioskHelpOut(Schema):
    id: int
    status: str
    position: int
    volunteers_on_duty: int
    volunteer_name: str | None
    suggestions: list[SuggestionOut]


class AnswerIn(Schema):
    accepted: bool


class SessionIn(Schema):
    flows: list[NodeKey] = Field(default_factory=list, max_length=50)
    assisted: bool = False


class LoginIn(Schema):
    username: Annotated[str, StringConstraints(min_length=1, max_length=150)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class VolunteerOut(Schema):
    name: str
    site: str
    municipality: str


class LoginOut(Schema):
    token: str
    expires_at: str
    volunteer: VolunteerOut


class DutyIn(Schema):
    on_duty: bool


class SuggestIn(Schema):
    action: SuggestionAction


class SuggestionMadeOut(Schema):
    """Serialised straight from the Suggestion the service made."""

    id: int
    action: str
    status: str


class ResolveIn(Schema):
    outcome: Outcome
    note: Annotated[str, StringConstraints(max_length=500)] = ""


class VolunteerRequestOut(Schema):
    id: int
    status: str
    reason: str
    site: str
    kiosk: str
    flow_id: str
    node_id: str
    step: int
    language: str
    modes: dict[str, Any]
    created_at: str | None
    accepted_by: str | None
    position: int


class VolunteerRequestDetailOut(VolunteerRequestOut):
    answers: dict[str, str]
    flow_title: str
    step_title: str
    hint: str
    kind: str
    suggestions: list[dict[str, Any]]
