"""Provides ReadAloud: what the kiosk is reading aloud, and which part of which screen is heard.

No Textual here. The speaker reports progress on its own thread; ReadAloud listens on a daemon
thread of its own and hands each event to ``post`` (the app's thread-safe ``post_message``), so
the highlight follows the voice without the app polling. Events of a script that was replaced
are told apart by their script id, so a replaced script still clears its own highlight.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accessibility.speech import Speaker, SpeechEvent

LISTEN_TIMEOUT = 0.5
"""How long the listener waits for an event before it checks whether the kiosk is closing."""


class ReadAloud:
    """The kiosk's voice. ``speaker`` is None until loaded; a NullSpeaker when unavailable."""

    def __init__(self) -> None:
        self.speaker: Speaker | None = None
        self.paused = False
        self._scripts: dict[int, tuple[object, tuple[str | None, ...]]] = {}
        """Script id → (screen read, part highlighted per phrase), until the script finishes."""
        self._notice_shown = False
        self._closed = threading.Event()

    @property
    def available(self) -> bool:
        return self.speaker is not None and self.speaker.available

    @staticmethod
    def make_speaker(readings: Mapping[str, str], factory: Callable[[Mapping[str, str]], Speaker] | None,
                     *, device: str | None) -> Speaker:
        """Load the voices (blocking: run it off the UI thread); never raises: a missing engine or
        device gives a speaker that is not ``available``, and the kiosk is visual only."""
        if factory is not None:
            return factory(readings)
        from accessibility.speech import get_speaker

        return get_speaker(("ja", "en"), device=device, readings=readings)

    def attach(self, speaker: Speaker, post: Callable[[SpeechEvent], None]) -> None:
        """Use ``speaker`` from now on; its events go to ``post`` from a listening thread."""
        self.speaker = speaker
        if speaker.available:
            threading.Thread(target=self._listen, args=(speaker, post), name="kiosk-speech-events",
                             daemon=True).start()

    def _listen(self, speaker: Speaker, post: Callable[[SpeechEvent], None]) -> None:
        while not self._closed.is_set():
            event = speaker.next_event(LISTEN_TIMEOUT)
            if event is not None and not self._closed.is_set():
                post(event)

    def should_say_unavailable(self) -> bool:
        """Whether to tell the resident that reading aloud is unavailable: every time while the
        voices are still loading, once a kiosk is known to have none."""
        show = not self._notice_shown or self.speaker is None
        self._notice_shown = self.speaker is not None
        return show

    def read(self, target: object, parts: Sequence[tuple[str, str | None]], language: str) -> None:
        """Read ``parts`` (text, part of ``target`` to highlight while it is heard) aloud."""
        from accessibility.speech import Phrase

        if self.speaker is None or not self.speaker.available:
            return
        self.paused = False
        script_id = self.speaker.speak([Phrase(text, language) for text, _part in parts])
        self._scripts[script_id] = (target, tuple(part for _text, part in parts))

    def say(self, text: str, *more: str, language: str) -> None:
        """Speak a short announcement (a countdown warning) that highlights nothing."""
        from accessibility.speech import Phrase

        if self.speaker is not None and self.speaker.available:
            self.speaker.speak([Phrase(t, language) for t in (text, *more)])

    def toggle_pause(self) -> None:
        """Pause reading aloud, or carry on from the word where it was paused."""
        if self.speaker is None or not self.speaker.available:
            return
        self.paused = not self.paused
        if self.paused:
            self.speaker.pause()
        else:
            self.speaker.resume()

    def heard(self, event: SpeechEvent) -> tuple[object, str | None] | None:
        """What to highlight for ``event``: (screen, part), part None to clear; None: nothing."""
        from accessibility.speech import PhraseStarted, ScriptFinished, SpeechFailed

        read = self._scripts.get(event.script_id)
        if read is None:
            return None  # an announcement, or a script of a session that has ended
        target, parts = read
        if isinstance(event, PhraseStarted) and event.index < len(parts):
            return target, parts[event.index]
        if isinstance(event, (ScriptFinished, SpeechFailed)):
            if isinstance(event, ScriptFinished):
                del self._scripts[event.script_id]
            return target, None
        return None

    def stop(self) -> None:
        if self.speaker is not None:
            self.speaker.stop()

    def set_rate(self, rate: float) -> None:
        if self.speaker is not None:
            self.speaker.set_rate(rate)

    def reset(self) -> None:
        """For the next resident: silent, at the default rate and volume (K8), nothing targeted."""
        self._scripts.clear()  # no screen of the last resident is held on to
        self.paused = False
        if self.speaker is not None:
            self.speaker.stop()
            self.speaker.set_rate(1.0)
            self.speaker.set_volume(1.0)

    def close(self) -> None:
        self._closed.set()
        if self.speaker is not None:
            self.speaker.close()
