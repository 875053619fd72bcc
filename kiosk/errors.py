"""Provides KioskError and its kinds. Each carries the resident-facing wording as gettext ids."""

from __future__ import annotations

from kiosk.i18n import N_


class KioskError(Exception):
    """Root of the kiosk's errors. ``title`` and ``message`` are msgids, translated on display."""

    title = N_("Something went wrong")
    message = N_("Please ask a member of staff for help.")

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        """Technical detail for the log; never shown to a resident."""


class BackendUnavailable(KioskError):
    title = N_("The service is not available right now")
    message = N_("The kiosk cannot reach the service. It will try again automatically.")


class NotAuthorised(KioskError):
    title = N_("This kiosk is not registered")
    message = N_("Please ask a member of staff. The kiosk's device key was refused.")


class ContentMissing(KioskError):
    title = N_("This guidance is not available")
    message = N_("Please ask at the counter. This guidance could not be found.")


class UnexpectedResponse(KioskError):
    title = N_("The service sent something the kiosk cannot show")
    message = N_("Please ask a member of staff for help.")


class BookingConflict(KioskError):
    """The backend refused a booking step with a 409; ``reason`` is its machine-readable code
    (slot_taken, hold_expired, slot_unavailable, …). The booking screens choose words by reason."""

    title = N_("This time cannot be booked")
    message = N_("Please choose another time.")

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


class InvalidInput(KioskError):
    """The backend refused what was entered (422); ``fields`` names the fields it refused."""

    title = N_("Please check what you entered")
    message = N_("Something you entered could not be used.")

    def __init__(self, fields: tuple[str, ...], detail: str = "") -> None:
        super().__init__(detail or ",".join(fields))
        self.fields = fields


class BookingNotFound(KioskError):
    title = N_("No booking was found")
    message = N_("Please check the reference code and phone number.")
