"""Provides the request and response schemas of the help and volunteer endpoints."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StringConstraints, field_validator, model_validator

from backend.assistance.models import Outcome, Reason, SuggestionAction

NodeKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
"""Flow, node and option ids: lower-case ids from the content, never free text (no personal data)."""
MaybeKey = Annotated[str, StringConstraints(pattern=r"^([a-z][a-z0-9_]{0,63})?$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")]
"""A language code as the kiosk names its languages: ja, en, zh_Hans, pt_BR."""


class Modes(Schema):
    plain: bool = False
    furigana: bool = False
    high_contrast: bool = False
    read_aloud: bool = False


class Context(Schema):
    flow_id: MaybeKey = ""
    node_id: MaybeKey = ""
    step: int = Field(default=0, ge=0, le=500)
    language: Language = "ja"
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
    """An ended session, anonymously: content ids and yes/no, never what was typed or answered.

    Only ``flows`` and ``assisted`` were sent at first, so every other field is optional; a body
    without ``language`` is stored as one that did not record language, modes or steps.
    """

    flows: list[NodeKey] = Field(default_factory=list, max_length=50)
    assisted: bool = False
    completed: list[NodeKey] = Field(default_factory=list, max_length=50,
                                     description="Flows whose end (an outcome or hand-off) was reached")
    last_flow: MaybeKey = Field(default="", description="The flow of the last step on screen")
    last_node: MaybeKey = Field(default="", description="The last step of that flow on screen")
    language: Language | None = Field(default=None, description="The language last shown")
    modes: Modes = Field(default_factory=Modes, description="The display and speech modes used at any time")

    @field_validator("modes", mode="before")
    @classmethod
    def _modes_object(cls, value: Any) -> Any:
        """A Schema would read any value's attributes (a string gives all-false modes): ask for an object."""
        if not isinstance(value, (dict, Modes)):
            raise ValueError("modes must be an object of yes/no values")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> SessionIn:
        """Refuse a record that cannot have happened (it is nonsense, not a session)."""
        if not set(self.completed) <= set(self.flows):
            raise ValueError("every completed flow must be among the flows")
        if self.last_flow and self.last_flow not in self.flows:
            raise ValueError("last_flow must be among the flows")
        if bool(self.last_flow) != bool(self.last_node):
            raise ValueError("last_flow and last_node come together")
        return self


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
