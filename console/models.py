"""Provides the console's view of the API's documents as frozen dataclasses, parsed at the edge.

None of them has a field for a resident's name, phone number or booking reference: the API never
sends one, and the console has nowhere to put one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

MODES = ("plain", "furigana", "high_contrast", "read_aloud")
"""The display modes a kiosk reports, in the order the console lists them."""


@dataclass(frozen=True)
class Volunteer:
    name: str
    site: str
    municipality: str


@dataclass(frozen=True)
class SignIn:
    token: str
    expires_at: str
    volunteer: Volunteer


@dataclass(frozen=True)
class Suggestion:
    id: int
    action: str
    status: str
    """pending until the resident answers at the kiosk, then accepted or declined."""


@dataclass(frozen=True)
class HelpRequest:
    """A row of the queue: where the resident is and why they asked, nothing that identifies them."""

    id: int
    status: str
    reason: str
    site: str
    kiosk: str
    flow_id: str
    node_id: str
    step: int
    language: str
    modes: tuple[str, ...]
    """The modes that are on, as names from ``MODES``."""
    created_at: datetime | None
    accepted_by: str | None
    position: int
    """1 for the next to be helped; 0 once accepted (or ended)."""


@dataclass(frozen=True)
class RequestDetail(HelpRequest):
    answers: tuple[tuple[str, str], ...] = ()
    """(node id, option key) in the order the resident answered."""
    flow_title: str = ""
    step_title: str = ""
    hint: str = ""
    """The content's hint for volunteers at this step."""
    kind: str = ""
    suggestions: tuple[Suggestion, ...] = ()


def _moment(value: Any) -> datetime | None:
    return datetime.fromisoformat(str(value)) if value else None


def _request_fields(data: dict[str, Any]) -> dict[str, Any]:
    modes = data.get("modes") or {}
    return {"id": int(data["id"]), "status": str(data["status"]), "reason": str(data["reason"]),
            "site": str(data.get("site", "")), "kiosk": str(data.get("kiosk", "")),
            "flow_id": str(data.get("flow_id", "")), "node_id": str(data.get("node_id", "")),
            "step": int(data.get("step", 0)), "language": str(data.get("language", "")),
            "modes": tuple(mode for mode in MODES if modes.get(mode)),
            "created_at": _moment(data.get("created_at")),
            "accepted_by": str(data["accepted_by"]) if data.get("accepted_by") else None,
            "position": int(data.get("position", 0))}


def sign_in_of(data: dict[str, Any]) -> SignIn:
    """Raises KeyError, TypeError or ValueError when ``data`` is not a sign-in document."""
    volunteer = data["volunteer"]
    return SignIn(token=str(data["token"]), expires_at=str(data.get("expires_at", "")),
                  volunteer=Volunteer(name=str(volunteer["name"]), site=str(volunteer["site"]),
                                      municipality=str(volunteer["municipality"])))


def request_of(data: dict[str, Any]) -> HelpRequest:
    """Raises KeyError, TypeError or ValueError when ``data`` is not a request document."""
    return HelpRequest(**_request_fields(data))


def suggestion_of(data: dict[str, Any]) -> Suggestion:
    return Suggestion(id=int(data["id"]), action=str(data["action"]), status=str(data.get("status", "pending")))


def detail_of(data: dict[str, Any]) -> RequestDetail:
    """Raises KeyError, TypeError or ValueError when ``data`` is not a request's detail document."""
    answers = data.get("answers") or {}
    return RequestDetail(**_request_fields(data),
                         answers=tuple((str(node), str(option)) for node, option in dict(answers).items()),
                         flow_title=str(data.get("flow_title", "")), step_title=str(data.get("step_title", "")),
                         hint=str(data.get("hint", "")), kind=str(data.get("kind", "")),
                         suggestions=tuple(suggestion_of(s) for s in data.get("suggestions") or ()))
