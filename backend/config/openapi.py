"""Provides the NinjaAPI that documents the refusals every operation can give, once for all.

Some answers do not depend on the operation: an unreadable request (a NUL character, a body that
is not JSON) is a 400, a body over the size limit a 413 (config/envelope.py), and a database that
cannot be reached a 503 "try again later" (config/api.py). Writing them into each router's
``response=`` would repeat them forty times and forget them in the next router; this adds them to
the OpenAPI document, so clients and Schemathesis know every status the API can answer.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

ENVELOPE_REF = {"$ref": "#/components/schemas/ErrorOut"}
COMMON = {"400": "The request cannot be read: a NUL character, or a body that is not JSON",
          "503": "The database cannot be reached right now: try again later"}
WITH_BODY = {"413": "The request body is larger than the API accepts"}
SIGNED_IN = {"429": "Too many failed sign-ins or wrong keys from here: try again after Retry-After seconds"}
"""Every operation that takes credentials (a kiosk key, staff or volunteer sign-in) can be limited
(docs/decisions/0010-abuse-limits.md), and so can signing in."""
METHODS = ("get", "put", "post", "delete", "patch")


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ENVELOPE_REF}}}


class EnvelopedAPI(NinjaAPI):
    """A NinjaAPI whose OpenAPI document lists the refusals common to every operation."""

    def get_openapi_schema(self, *, path_prefix: str | None = None,
                           path_params: dict[str, Any] | None = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema.get("paths", {}).values():
            for method in METHODS:
                operation = item.get(method)
                if operation is None:
                    continue
                responses = operation.setdefault("responses", {})
                limited = operation.get("security") or operation.get("operationId", "").endswith("login")
                extra = {**COMMON, **(WITH_BODY if "requestBody" in operation else {}),
                         **(SIGNED_IN if limited else {})}
                for status, description in extra.items():
                    responses.setdefault(status, _error_response(description))
        return schema
