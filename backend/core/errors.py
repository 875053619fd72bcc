"""Provides the backend's domain errors; config/api.py turns each into the one JSON envelope."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """Root of every error the API reports on purpose."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class Unauthorized(ApplicationError):
    """Credentials that were understood but are no longer good (e.g. an expired token)."""

    status = 401
    code = "unauthorized"


class Forbidden(ApplicationError):
    """Signed in, but this account's role does not allow it (e.g. a viewer publishing)."""

    status = 403
    code = "forbidden"


class NotFound(ApplicationError):
    status = 404
    code = "not_found"


class Conflict(ApplicationError):
    status = 409
    code = "conflict"


class ServiceUnavailable(ApplicationError):
    status = 503
    code = "no_content"


class TooManyRequests(ApplicationError):
    """Too many failed attempts (ADR 0010): the answer says when to try again (Retry-After)."""

    status = 429
    code = "rate_limited"

    def __init__(self, retry_after: int) -> None:
        super().__init__("Too many failed attempts. Try again later.", details={"retry_after": retry_after})
        self.retry_after = retry_after
