"""Provides Phrase and Script: what the kiosk asks a speaker to say.

A script is a tuple of phrases, each with its own language, so one screen can mix Japanese with,
say, an English gloss. The phrase is the unit the kiosk highlights, repeats and is told about.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

JAPANESE = "ja"


@dataclass(frozen=True, slots=True)
class Phrase:
    """Text to be read aloud in one language (a BCP 47 tag such as ``ja``, ``en`` or ``pt-BR``)."""

    text: str
    lang: str = JAPANESE


Script = tuple[Phrase, ...]


def script(texts: Iterable[str], lang: str = JAPANESE) -> Script:
    """A script of ``texts`` in one language, skipping blank ones."""
    return tuple(Phrase(text, lang) for text in texts if text.strip())


def primary_language(lang: str) -> str:
    """``pt-BR`` → ``pt``: the part of a tag that engines agree on."""
    return lang.replace("_", "-").split("-", 1)[0].lower()


def is_japanese(lang: str) -> bool:
    return primary_language(lang) == JAPANESE
