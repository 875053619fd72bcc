"""Provides the booking conflicts: 409s whose ``code`` says exactly what went wrong.

Clients branch on the code (``slot_taken``, ``hold_expired``, ``slot_unavailable``,
``idempotency_key_reused``, ``not_cancellable``, ``invalid_transition`` …), never on the message.
"""

from __future__ import annotations

from typing import Any

from backend.core.errors import Conflict


class BookingConflict(Conflict):
    def __init__(self, message: str, *, reason: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, details={"reason": reason, **(details or {})})
        self.code = reason


class SlotTaken(BookingConflict):
    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, reason="slot_taken", details=details)


class HoldExpired(BookingConflict):
    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, reason="hold_expired", details=details)


class SlotUnavailable(BookingConflict):
    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, reason="slot_unavailable", details=details)
