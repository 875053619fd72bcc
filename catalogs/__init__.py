"""Provides read_catalog(): a gettext catalog of one domain and language, as a plain dict.

Pure and shared: the kiosk and the volunteer console each keep their own domain and active
language (kiosk/i18n.py, console/i18n.py) but read their .po files the same way.
"""

from __future__ import annotations

from pathlib import Path


def read_catalog(locales_dir: Path, domain: str, language: str) -> dict[str, str]:
    """The translated, non-fuzzy messages (empty for English, whose msgids are the text, or when
    the language has no catalog of this domain)."""
    path = locales_dir / language / "LC_MESSAGES" / f"{domain}.po"
    if language == "en" or not path.exists():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        po = read_po(handle, locale=language)
    return {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}
