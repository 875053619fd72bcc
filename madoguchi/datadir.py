"""Provides the per-user data folder and its writability check."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class DataDirError(Exception):
    """The data folder cannot be used; the message is one line."""


def resolve() -> Path:
    configured = os.environ.get("MADOGUCHI_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("madoguchi", appauthor=False)


def ensure_writable(path: Path) -> Path:
    """Create ``path`` if needed and prove it is writable, without leaving anything behind."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".write-test-"):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise DataDirError(f"cannot write to the data folder {path}: {reason} "
                           "(set MADOGUCHI_DATA_DIR to a writable folder)") from None
    return path
