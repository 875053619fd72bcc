"""Provides the bytes of a release as GET /api/guidance/release serves them, made once at publish.

A release never changes, so its answer is serialised (and gzipped) when it is published, not on
every request: the endpoint copies stored bytes. The document is written in the canonical form that
guidance.release.checksum hashes, so the body holds exactly the bytes the checksum is over.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

GZIP_LEVEL = 9
"""Paid once per release; the smallest body for every kiosk's every download."""


def canonical(document: Any) -> bytes:
    """The form guidance.release.checksum hashes (sorted keys, no spaces, UTF-8)."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def release_body(*, version: int, checksum: str, document: Any) -> bytes:
    """The 200 body: {"version", "checksum", "document"}, the ReleaseDocumentOut of the OpenAPI."""
    head = json.dumps({"version": version, "checksum": checksum}, separators=(",", ":")).encode()
    return head[:-1] + b',"document":' + canonical(document) + b"}"


def gzipped(body: bytes) -> bytes:
    """gzip with mtime 0, so the same release always compresses to the same bytes."""
    return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
