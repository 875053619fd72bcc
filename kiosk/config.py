"""Provides KioskSettings: everything the kiosk needs to know, passed in explicitly."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class KioskSettings:
    """Settings for one kiosk. ``from_env`` reads ``MADOGUCHI_KIOSK_*`` variables."""

    backend_url: str
    """Base URL of the backend, e.g. ``http://127.0.0.1:8000`` (the API lives under /api/)."""
    api_key: str | None = None
    """This device's API key (sent as X-Kiosk-Key). The embedded kiosk receives it at start."""
    language: str = "ja"
    """Interface language the session starts in."""
    retry_seconds: float = 5.0
    """How long the "service unavailable" screen waits between reconnection attempts."""
    request_timeout: float = 5.0
    """Seconds before a request to the backend counts as failed."""
    speech: bool = True
    """Read aloud (F5) when a voice and an audio device are available; visual only otherwise."""
    audio_device: str | None = None
    """ALSA device for speech; None reads MADOGUCHI_AUDIO_DEVICE (default "default")."""
    keymap: Mapping[str, str] = field(default_factory=dict)
    """Binding id → keys, to fit a site's keypad, e.g. {"back": "minus,escape"} (MADOGUCHI_KEYMAP)."""
    idle_seconds: int = 120
    """A session with no key or touch for this long ends (after a warning) and is wiped."""
    warning_seconds: int = 30
    """How long the "are you still there?" warning counts down (at least 20 s, WCAG 2.2.1)."""
    cache_dir: Path | None = None
    """Where the last good release is kept, so guidance goes on when the backend is down."""
    private_audio: bool = False
    """The kiosk's speech goes to headphones (a private channel): only then are a name and phone
    number read aloud (K7). MADOGUCHI_PRIVATE_AUDIO=1."""
    printer: str | None = None
    """Where booking slips print: ``pdf:FOLDER``, ``device:/dev/usb/lp0`` or ``lp:QUEUE``; PDFs in
    the kiosk's data folder by default (MADOGUCHI_PRINTER)."""
    site: str = ""
    """Where this kiosk stands, as residents name it (e.g. a library's entrance hall): printed on
    the booking slip, where "this kiosk's booth" means nothing once the resident is home
    (MADOGUCHI_SITE)."""
    as_of: dt.date | None = None
    """Preview the guidance as it will be on this day (content can change on a date); None = today."""

    def today(self) -> dt.date:
        return self.as_of or dt.date.today()

    @classmethod
    def from_env(cls, backend_url: str, api_key: str | None = None, *,
                 cache_dir: Path | None = None) -> KioskSettings:
        return cls(
            backend_url=backend_url,
            cache_dir=cache_dir,
            api_key=api_key or os.environ.get("MADOGUCHI_KIOSK_KEY"),
            language=os.environ.get("MADOGUCHI_KIOSK_LANGUAGE", "ja"),
            retry_seconds=float(os.environ.get("MADOGUCHI_KIOSK_RETRY_SECONDS", "5")),
            as_of=dt.date.fromisoformat(os.environ["MADOGUCHI_AS_OF"]) if os.environ.get("MADOGUCHI_AS_OF") else None,
            keymap=parse_keymap(os.environ.get("MADOGUCHI_KEYMAP", "")),
            idle_seconds=int(os.environ.get("MADOGUCHI_IDLE_SECONDS", "120")),
            private_audio=os.environ.get("MADOGUCHI_PRIVATE_AUDIO") == "1",
            printer=os.environ.get("MADOGUCHI_PRINTER") or None,
            site=os.environ.get("MADOGUCHI_SITE", "").strip(),
        )


def parse_keymap(text: str) -> dict[str, str]:
    """``"back=minus,escape;help=asterisk"`` → {"back": "minus,escape", "help": "asterisk"}."""
    keymap = {}
    for part in text.split(";"):
        if "=" in part:
            binding, keys = part.split("=", 1)
            keymap[binding.strip()] = keys.strip()
    return keymap
