"""Provides how the kiosk names its keys to residents: the keys of the active key map, keypad
keys first (issue 12: speech said "press F1" on a keypad kiosk whose help key is `*`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

KEYPAD = ("asterisk", "slash", "minus", "plus", "full_stop", "enter", *"0123456789")
"""Key names a numeric keypad sends (as Textual names them)."""
LABELS = {"asterisk": "*", "slash": "/", "minus": "−", "plus": "+", "full_stop": ".", "escape": "Esc",
          "backspace": "⌫", "question_mark": "?", "enter": "Enter", "space": "Space"}
KEYPAD_ENTER = frozenset({"ctrl+j", "newline"})
"""What a numeric keypad's Enter arrives as in a terminal's normal keypad mode (a line feed)."""
SPEECH_BINDINGS = ("read-aloud", "pause-speech")
"""Binding ids whose keys do not stop speech (they start, pause or resume it)."""
DEFAULT_HELP_KEY = "*"
"""The help key named where no key map is at hand (the golden path artefacts)."""


def key_label(key: str) -> str:
    """``key`` as printed on the key: "*", "F1", "Esc"."""
    if key in LABELS:
        return LABELS[key]
    if key.startswith("f") and key[1:].isdigit():
        return key.upper()
    return key


def ordered(keys: Sequence[str]) -> list[str]:
    """Keypad keys first, then the others, each as printed on the key."""
    keypad = [k for k in keys if k in KEYPAD]
    return [key_label(k) for k in (*keypad, *(k for k in keys if k not in KEYPAD))]


def spoken_key(keys: Sequence[str]) -> str:
    """The one key to name in speech: the keypad's if it has one."""
    names = ordered(keys)
    return names[0] if names else DEFAULT_HELP_KEY


class Binding(Protocol):
    """What is read of a Textual Binding here (this module stays free of Textual)."""

    @property
    def key(self) -> str: ...

    @property
    def id(self) -> str | None: ...


def bound_keys(binding_id: str, bindings: Iterable[Binding], keymap: Mapping[str, str] | None) -> tuple[str, ...]:
    """The keys of binding ``binding_id`` in the active key map (a site's remap, else the default)."""
    if keymap and binding_id in keymap:
        keys = keymap[binding_id]
    else:
        keys = next((b.key for b in bindings if b.id == binding_id), "")
    return tuple(key.strip() for key in keys.split(",") if key.strip())
