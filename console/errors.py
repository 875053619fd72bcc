"""Provides ConsoleError and its kinds. Each builds its own wording, shown to the volunteer as is.

Titles and messages are English msgids, translated into the console's language when the error is made.
"""

from __future__ import annotations

from console.i18n import N_, _


class ConsoleError(Exception):
    """Root of the console's errors: a ``title`` and a ``message`` in words, and a log-only detail."""

    title = N_("Something went wrong")
    message = N_("The console could not do that. Please try again.")

    def __init__(self, detail: str = "") -> None:
        self.title = _(type(self).title)
        self.message = _(type(self).message)
        super().__init__(detail or self.message)
        self.detail = detail
        """Technical detail for the log (status codes, error codes); never personal data."""


class Unreachable(ConsoleError):
    """The server did not answer (network down, wrong address, server stopped or failing)."""

    title = N_("Connection lost")

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(detail or url)
        self.url = url
        self.message = _("Cannot reach the server at {url}; check the network").format(url=url)


class ServerTrouble(Unreachable):
    """The server answered with a 5xx: for the console, the same as not reachable (it retries)."""

    def __init__(self, url: str, detail: str = "") -> None:
        super().__init__(url, detail)
        self.message = _("The server at {url} has a problem; the console keeps trying").format(url=url)


class SignInFailed(ConsoleError):
    title = N_("Not signed in")
    message = N_("The username or password is not right")


class SignInExpired(ConsoleError):
    """The token was refused after sign-in: it expired, or it was revoked (signed out elsewhere)."""

    title = N_("Signed out")
    message = N_("Your sign-in expired, please sign in again")


class Conflict(ConsoleError):
    """The request is not in a state that allows this; ``reason`` is the backend's code."""

    title = N_("Not possible now")
    MESSAGES = {
        "already_accepted": N_("Another volunteer has already taken this request"),
        "not_open": N_("This request has ended: the resident cancelled it, or it was resolved"),
        "not_yours": N_("Accept this request first (or it has ended)"),
    }

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        otherwise = N_("This request has changed; look again before trying once more")
        self.message = _(self.MESSAGES.get(reason, otherwise))


class PersonalDataInNote(ConsoleError):
    """The note seems to hold personal data; ``message`` is the server's explanation (translated
    when it is one of the server's known explanations below, shown as sent otherwise)."""

    title = N_("Please change the note")
    SERVER_MESSAGES = (  # the backend's wording (backend/assistance/services.py), for the catalogs
        N_("The note seems to hold a My Number (12 digits). Notes must never hold one: please remove it."),
        N_("The note seems to hold a phone number. Please leave personal contact details out of notes."),
        N_("The note seems to hold a PIN or password (a 4-digit number or a code of letters and digits). "
           "Please leave it out; write years and times with words around them, e.g. 10時."),
        N_("The note seems to hold a person's name. Please do not write names in notes: "
           "write ご本人 (the resident) or their role instead."),
    )

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(reason or "personal_data_in_note")
        self.reason = reason
        self.message = _(message) if message else _("The note seems to hold personal data. Please remove it.")


class NotFound(ConsoleError):
    title = N_("Not found")
    message = N_("This request is no longer there")


class InvalidRequest(ConsoleError):
    """The server refused what was sent (422 other than a personal-data note)."""

    title = N_("Not accepted")
    message = N_("The server did not accept what was sent; please check it")


class UnexpectedResponse(ConsoleError):
    title = N_("Unexpected answer")
    message = N_("The server sent an answer the console does not understand")
