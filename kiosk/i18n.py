"""Provides the kiosk's interface translations, read from the babel catalogs in ``locales/``.

Interface strings are written in English in the code (msgids) and shown in the session language.
A missing translation falls back to English, never to an empty string.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from catalogs import read_catalog

DOMAIN = "kiosk"
LANGUAGE_NAMES = (
    ("ja", "日本語"), ("en", "English"), ("zh_Hans", "中文（简体）"), ("ko", "한국어"), ("vi", "Tiếng Việt"),
    ("pt_BR", "Português"), ("ne", "नेपाली"), ("fil", "Filipino (Tagalog)"), ("id", "Bahasa Indonesia"),
)
"""The languages a resident can choose, each by its own name in its own script."""
LANGUAGES = tuple(code for code, _name in LANGUAGE_NAMES)
"""Interface languages; the first is the default. English is the msgids themselves."""


def locales_dir() -> Path:
    return Path(os.environ.get("MADOGUCHI_LOCALES_DIR", Path(__file__).resolve().parents[1] / "locales"))


@cache
def catalog(language: str) -> dict[str, str]:
    """The translated, non-fuzzy messages of one language (empty for English or a missing file)."""
    return read_catalog(locales_dir(), DOMAIN, language)


class _Active:
    language = LANGUAGES[0]


def use_language(language: str) -> None:
    """Switch the language of every later ``_`` call (one kiosk session per process)."""
    _Active.language = language if language in LANGUAGES else LANGUAGES[0]


def current_language() -> str:
    return _Active.language


def _(message: str) -> str:
    """Translate ``message`` into the session language. Use named placeholders with .format()."""
    return catalog(_Active.language).get(message, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction where it is translated later (e.g. class attributes)."""
    return message


def bilingual(message: str) -> tuple[str, str | None]:
    """The message in the session language, and in English beside it when that differs."""
    translated = _(message)
    return translated, (message if translated != message else None)
