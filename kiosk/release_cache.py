"""Provides ReleaseCache: the last good release on disk, so guidance goes on when the backend is down.

The file is written atomically (temporary file, then rename) and read back only if its SHA-256
matches the checksum stored beside it, computed the way the backend computes it (canonical JSON:
keys sorted, no spaces, UTF-8). A damaged cache is ignored, never shown.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

logger = logging.getLogger("kiosk.cache")


def release_checksum(document: Any) -> str:
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CachedRelease:
    version: int
    checksum: str
    document: dict[str, Any]


class ReleaseCache:
    """One file per kiosk: ``release.json`` in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "release.json"

    def load(self) -> CachedRelease | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            release = CachedRelease(int(data["version"]), str(data["checksum"]), data["document"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning("release cache unreadable, ignored: %s", type(error).__name__)
            return None
        if release_checksum(release.document) != release.checksum:
            logger.warning("release cache checksum mismatch, ignored")
            return None
        return release

    def save(self, release: CachedRelease) -> None:
        """Write atomically; a failure to write leaves the previous cache as it was."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".release-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"version": release.version, "checksum": release.checksum,
                           "document": release.document}, handle, ensure_ascii=False)
            os.replace(temporary, self.path)
        except OSError as error:
            logger.warning("release cache not written: %s", error.strerror)
