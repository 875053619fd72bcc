"""Provides ReleaseCache: the last good release on disk, so guidance goes on when the backend is down.

The file is written atomically (temporary file, then rename) and read back only if its SHA-256
matches the checksum stored beside it, computed by the backend's own function
(guidance.release.checksum). A damaged cache is ignored, never shown.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from guidance.release import checksum

logger = logging.getLogger("kiosk.cache")


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
        if checksum(release.document) != release.checksum:
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
