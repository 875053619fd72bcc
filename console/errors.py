"""Provides ConsoleError and its kinds. Each builds its own wording, shown to the volunteer as is."""

from __future__ import annotations


class ConsoleError(Exception):
    """Root of the console's errors: a ``title`` and a ``message`` in words, and a log-only detail."""

    title = "Something went wrong"
    message = "The console could not do that. Please try again."

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.message)
        self.detail = detail
        """Technical detail for the log (status codes, error codes); never personal data."""


class Unreachable(ConsoleError):
    """The server did not answer (network down, wrong address, server stopped or failing)."""

    title = "Connection lost"

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(detail or url)
        self.url = url
        self.message = f"Cannot reach the server at {url}; check the network"


class ServerTrouble(Unreachable):
    """The server answered with a 5xx: for the console, the same as not reachable (it retries)."""

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(url, detail)
        self.message = f"The server at {url} has a problem; the console keeps trying"


class SignInFailed(ConsoleError):
    title = "Not signed in"
    message = "The username or password is not right"


class SignInExpired(ConsoleError):
    """The token was refused after sign-in: it expired, or it was revoked (signed out elsewhere)."""

    title = "Signed out"
    message = "Your sign-in expired, please sign in again"


class Conflict(ConsoleError):
    """The request is not in a state that allows this; ``reason`` is the backend's code."""

    title = "Not possible now"
    MESSAGES = {
        "already_accepted": "Another volunteer has already taken this request",
        "not_open": "This request has ended: the resident cancelled it, or it was resolved",
        "not_yours": "Accept this request first (or it has ended)",
    }

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.message = self.MESSAGES.get(reason, "This request has changed; look again before trying once more")


class PersonalDataInNote(ConsoleError):
    """The note seems to hold personal data; ``message`` is the server's explanation."""

    title = "Please change the note"

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(reason or "personal_data_in_note")
        self.reason = reason
        self.message = message or "The note seems to hold personal data. Please remove it."


class NotFound(ConsoleError):
    title = "Not found"
    message = "This request is no longer there"


class InvalidRequest(ConsoleError):
    """The server refused what was sent (422 other than a personal-data note)."""

    title = "Not accepted"
    message = "The server did not accept what was sent; please check it"


class UnexpectedResponse(ConsoleError):
    title = "Unexpected answer"
    message = "The server sent an answer the console does not understand"
