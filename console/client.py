"""Provides VolunteerClient: the console's only way to reach the backend (HTTP, via httpx).

Transport and HTTP failures become ``ConsoleError`` subclasses with words a volunteer can act on.
Request bodies can hold a password or a note: they are never logged, and errors carry only status
codes and the backend's machine-readable codes.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx

from console.errors import (
    Conflict,
    ConsoleError,
    InvalidRequest,
    NotFound,
    PersonalDataInNote,
    ServerTrouble,
    SignInExpired,
    SignInFailed,
    UnexpectedResponse,
    Unreachable,
)
from console.models import (
    HelpRequest,
    RequestDetail,
    SignIn,
    Suggestion,
    detail_of,
    request_of,
    sign_in_of,
    suggestion_of,
)

logger = logging.getLogger("console.client")

SUGGESTION_ACTIONS = ("open_summary", "plain_on", "furigana_on", "high_contrast_on", "read_aloud", "go_home")
OUTCOMES = ("solved", "booked", "sent_to_counter", "not_solved", "other")
NOTE_LIMIT = 500
"""The longest note the backend keeps."""


class VolunteerClient:
    """Typed calls to ``/api/volunteer/``. Holds the sign-in token once ``login`` succeeds.

    Args:
        base_url: the backend's base URL (without /api).
        timeout: seconds per request.
        transport: an httpx transport, for tests that need one.
    """

    def __init__(self, base_url: str, *, timeout: float = 5.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.token: str | None = None
        """The Bearer token of the signed-in volunteer, or None."""
        self._timeout, self._transport = timeout, transport
        self._http: httpx.AsyncClient | None = None

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    async def _call(self, method: str, path: str, *, body: Any = None, signed_in: bool = True) -> httpx.Response:
        """The response of a 2xx; anything else raises a ``ConsoleError``."""
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=self._timeout, transport=self._transport)
        headers = {"Authorization": f"Bearer {self.token}"} if signed_in and self.token else {}
        try:
            response = await self._http.request(method, f"{self.base_url}/api/volunteer{path}", json=body,
                                                headers=headers)
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            logger.warning("server unreachable: %s %s %s", method, path, type(error).__name__)
            raise Unreachable(self.base_url, type(error).__name__) from error
        status = response.status_code
        if 200 <= status < 300:
            return response
        try:
            data = response.json()
        except ValueError:
            data = None
        envelope = data if isinstance(data, dict) else {}
        code = str(envelope.get("code", ""))
        details = envelope.get("details") if isinstance(envelope.get("details"), dict) else {}
        reason = str(details.get("reason", "")) if details else ""
        logger.info("%s %s → %s %s %s", method, path, status, code, reason)
        if status == 401:
            raise SignInExpired(reason or code) if signed_in else SignInFailed(code)
        if status == 404:
            raise NotFound(code)
        if status == 409:
            raise Conflict(reason or code or "conflict", f"409 {code}")
        if status == 422 and code == "personal_data_in_note":
            raise PersonalDataInNote(str(envelope.get("message", "")), reason)
        if status == 422:
            raise InvalidRequest(f"422 {code}")
        if status >= 500:
            raise ServerTrouble(self.base_url, f"{status} {code}")
        raise UnexpectedResponse(f"{status} {code}")

    async def _json(self, method: str, path: str, *, body: Any = None, signed_in: bool = True) -> Any:
        response = await self._call(method, path, body=body, signed_in=signed_in)
        try:
            return response.json()
        except ValueError as error:
            raise UnexpectedResponse(f"invalid JSON on {method} {path}") from error

    @staticmethod
    def _parse(parser: Any, data: Any) -> Any:
        try:
            return parser(data)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise UnexpectedResponse(f"unexpected document: {type(error).__name__}") from error

    async def login(self, username: str, password: str) -> SignIn:
        """Sign in and keep the token.

        Raises:
            SignInFailed: wrong username or password, or not a volunteer's account.
            Unreachable: the server did not answer.
        """
        if not username or not password:
            raise SignInFailed("empty")
        data = await self._json("POST", "/login", body={"username": username, "password": password},
                                signed_in=False)
        sign_in: SignIn = self._parse(sign_in_of, data)
        self.token = sign_in.token
        return sign_in

    async def logout(self) -> None:
        """Sign out (the server also puts the volunteer off duty); the token is forgotten even if
        the server cannot be told."""
        try:
            if self.token:
                await self._call("POST", "/logout")
        except SignInExpired:
            pass
        finally:
            self.token = None

    async def set_duty(self, on_duty: bool) -> None:
        await self._call("POST", "/duty", body={"on_duty": on_duty})

    async def requests(self) -> list[HelpRequest]:
        """Open requests of my site and the ones I accepted, oldest first. Keeps me on duty."""
        data = await self._json("GET", "/requests")
        if not isinstance(data, list):
            raise UnexpectedResponse("requests: not a list")
        return [self._parse(request_of, item) for item in data]

    async def request(self, request_id: int) -> RequestDetail:
        result: RequestDetail = self._parse(detail_of, await self._json("GET", f"/requests/{request_id}"))
        return result

    async def accept(self, request_id: int) -> RequestDetail:
        """Raises: Conflict: ``reason`` already_accepted or not_open."""
        result: RequestDetail = self._parse(detail_of, await self._json("POST", f"/requests/{request_id}/accept"))
        return result

    async def suggest(self, request_id: int, action: str) -> Suggestion:
        """Propose a step to the resident; the kiosk asks them before anything changes."""
        if action not in SUGGESTION_ACTIONS:
            raise ValueError(f"unknown suggestion {action!r}")
        data = await self._json("POST", f"/requests/{request_id}/suggest", body={"action": action})
        result: Suggestion = self._parse(suggestion_of, data)
        return result

    async def resolve(self, request_id: int, outcome: str, note: str = "") -> RequestDetail:
        """Close an accepted request.

        Raises:
            PersonalDataInNote: the note seems to hold a My Number, a phone number or a PIN.
            Conflict: the request is not accepted by me (any more).
        """
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}")
        data = await self._json("POST", f"/requests/{request_id}/resolve", body={"outcome": outcome, "note": note})
        result: RequestDetail = self._parse(detail_of, data)
        return result

    async def activity_csv(self) -> str:
        """My resolved requests as CSV text, for my activity report."""
        response = await self._call("GET", "/activity.csv")
        return response.text


__all__ = ["ConsoleError", "OUTCOMES", "SUGGESTION_ACTIONS", "ServerTrouble", "VolunteerClient"]
