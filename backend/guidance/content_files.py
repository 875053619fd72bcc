"""Provides current_content: the checked content files, read again only when one has changed."""

from __future__ import annotations

import threading
from pathlib import Path

from backend.config.env import content_dir, locales_dir
from guidance import translations
from guidance.loader import load_content
from guidance.model import ContentSet, offered
from guidance.translations import Translations

_lock = threading.Lock()
_cached: tuple[tuple[tuple[str, float], ...], ContentSet, Translations] | None = None


def _stamp(*roots: Path) -> tuple[tuple[str, float], ...]:
    return tuple(sorted((str(p), p.stat().st_mtime) for root in roots if root.is_dir()
                        for p in root.rglob("*") if p.is_file()))


def current_content(municipality_code: str | None = None) -> tuple[ContentSet, Translations]:
    """The content set and its translations (raises ContentError when the files do not check);
    with a municipality, only the flows it offers (the national ones it runs, and its own)."""
    content, found = _current()
    return (offered(content, municipality_code) if municipality_code else content), found


def _current() -> tuple[ContentSet, Translations]:
    global _cached
    root, locales = content_dir(), locales_dir()
    stamp = _stamp(root, locales)
    with _lock:
        if _cached is None or _cached[0] != stamp:
            _cached = (stamp, load_content(root), translations.load(locales))
        return _cached[1], _cached[2]
