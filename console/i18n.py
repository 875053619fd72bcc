"""Provides the console's interface translations, read from the ``console`` babel catalogs in ``locales/``.

Interface strings are written in English in the code (msgids) and shown in the console's language:
Japanese by default, English on request. A missing or fuzzy translation falls back to English.
The same pattern as the kiosk's, in its own domain: the console never imports the kiosk.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from catalogs import read_catalog

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode

DOMAIN = "console"
LANGUAGES = ("ja", "en")
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
    """Switch the language of every later ``_`` call (one console per process)."""
    _Active.language = language if language in LANGUAGES else LANGUAGES[0]


def current_language() -> str:
    return _Active.language


def _(message: str) -> str:
    """Translate ``message`` into the console's language. Use named placeholders with .format()."""
    return catalog(_Active.language).get(message, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction where it is translated later (e.g. class attributes)."""
    return message


def translate_bindings(node: DOMNode, tooltip: Callable[[Binding], str | None] | None = None) -> None:
    """Show ``node``'s key bindings (marked with N_ in BINDINGS) in the console's language.

    Call it in ``__init__``: each node holds its own copy of its class's bindings. ``tooltip``
    may build a binding's tooltip itself (None keeps the translated one)."""
    bindings = node._bindings.key_to_bindings
    for key, found in bindings.items():
        translated = []
        for binding in found:
            binding = dataclasses.replace(binding, description=_(binding.description),
                                          tooltip=_(binding.tooltip) if binding.tooltip else binding.tooltip)
            made = tooltip(binding) if tooltip is not None else None
            translated.append(dataclasses.replace(binding, tooltip=made) if made is not None else binding)
        bindings[key] = translated
