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
