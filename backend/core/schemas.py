"""Provides the schemas shared by every API module."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    """The one error envelope for every failure: a stable code, a message, and details."""

    code: str
    message: str
    details: dict[str, Any] = {}
