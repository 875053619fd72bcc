"""Provides the glossary of difficult words and their plain replacements (glossary.toml, beside this module)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from accessibility.errors import AccessibilityError


class GlossaryError(AccessibilityError):
    """The glossary file is missing an entry's word or replacement, or is not valid TOML."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A difficult word and the plain words to use instead."""

    word: str
    """A UniDic lemma (matches every inflection) or a compound written whole."""
    plain: str
    source: str
    note: str = ""


GLOSSARY_PATH = Path(__file__).with_name("glossary.toml")
"""The packaged glossary file."""


def load_glossary(path: Path | None = None) -> tuple[GlossaryEntry, ...]:
    """Read a glossary TOML file (``[[entry]]`` tables); the packaged one by default.

    Raises:
        GlossaryError: when the file is not TOML or an entry lacks ``word`` or ``plain``.
    """
    path = path or GLOSSARY_PATH
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise GlossaryError(f"glossary {path}: {error}") from error
    entries = []
    for number, item in enumerate(data.get("entry", []), start=1):
        word, plain = str(item.get("word", "")).strip(), str(item.get("plain", "")).strip()
        if not word or not plain:
            raise GlossaryError(f"glossary entry {number} needs both 'word' and 'plain'")
        entries.append(GlossaryEntry(word=word, plain=plain, source=str(item.get("source", "")),
                                     note=str(item.get("note", ""))))
    return tuple(entries)


GLOSSARY: tuple[GlossaryEntry, ...] = load_glossary()
"""The packaged glossary (accessibility/plain_japanese/glossary.toml); immutable."""
