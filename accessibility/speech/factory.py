"""Provides get_speaker, which picks engines per language and falls back to a NullSpeaker with the
reason, and synthesize_to_wav for the command line.

Japanese goes to Open JTalk when it is installed (natural voice, readings of kanji, numbers and
counters), else to espeak-ng through pyttsx3 after kana conversion; every other language goes to
pyttsx3. Engines are loaded here, so a broken install is found at start-up, not mid-sentence:
this takes about 0.3 s, so call it from a worker thread (Textual: ``@work(thread=True)``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from accessibility.errors import SpeechUnavailable
from accessibility.speech.audio import Audio, write_wav
from accessibility.speech.openjtalk import OpenJTalkSynthesizer
from accessibility.speech.player import AplayPlayer
from accessibility.speech.script import JAPANESE
from accessibility.speech.silent_speakers import NullSpeaker
from accessibility.speech.speaker import EventCallback, Speaker
from accessibility.speech.synthesizer import Synthesizer, synthesize
from accessibility.speech.system_voice import KanaConverter, Pyttsx3Synthesizer, default_kana_converter
from accessibility.speech.threaded_speaker import ThreadedSpeaker

log = logging.getLogger(__name__)

ENGINES = ("openjtalk", "pyttsx3")
"""Engines in order of preference: the first that speaks a language reads it."""


def load_synthesizers(engines: Sequence[str] = ENGINES, *, kana_converter: KanaConverter | None = None,
                      readings: Mapping[str, str] | None = None,
                      ) -> tuple[list[Synthesizer], list[SpeechUnavailable]]:
    """The engines that load, in order, and why the others did not.

    ``readings`` is the municipal reading dictionary (surface → hiragana): Open JTalk gets it as a
    user dictionary, and the kana for espeak-ng are made with it, so speech reads names as the
    furigana show them.
    """
    loaded: list[Synthesizer] = []
    missing: list[SpeechUnavailable] = []
    for name in engines:
        synthesizer: Synthesizer
        if name == "openjtalk":
            synthesizer = OpenJTalkSynthesizer(readings=readings)
        elif name == "pyttsx3":
            synthesizer = Pyttsx3Synthesizer(kana_converter or (default_kana_converter(readings) if readings else None))
        else:
            raise ValueError(f"unknown speech engine {name!r}; known: {', '.join(ENGINES)}")
        try:
            synthesizer.load()
        except SpeechUnavailable as reason:
            missing.append(reason)
            continue
        loaded.append(synthesizer)
    return loaded, missing


def _for_language(synthesizers: Sequence[Synthesizer], missing: Sequence[SpeechUnavailable],
                  lang: str) -> Synthesizer:
    for synthesizer in synthesizers:
        if synthesizer.supports(lang):
            return synthesizer
    reasons = "; ".join(str(reason) for reason in missing) or "no installed engine has a voice for it"
    raise SpeechUnavailable(f"no speech engine for {lang!r}: {reasons}")


def open_speaker(languages: Iterable[str] = (JAPANESE,), *, device: str | None = None,
                 engines: Sequence[str] = ENGINES, kana_converter: KanaConverter | None = None,
                 readings: Mapping[str, str] | None = None,
                 rate: float = 1.0, volume: float = 1.0, on_event: EventCallback | None = None,
                 ) -> ThreadedSpeaker:
    """A speaker that can read every one of ``languages`` on ``device``.

    Args:
        languages: languages that must have a voice; phrases in others are read if an engine can.
        device: ALSA device; default ``$MADOGUCHI_AUDIO_DEVICE``, else ``default``.
        engines: preference order among ``openjtalk`` and ``pyttsx3``.
        kana_converter: Japanese → spaced hiragana for espeak-ng; default ``accessibility.readings``.
        on_event: called on the speaker's thread with each event (see ``Speaker.next_event``).

    Raises:
        SpeechUnavailable: no audio device, or no engine for one of ``languages``; the message
            names what to install.
    """
    player = AplayPlayer(device)
    player.check()
    synthesizers, missing = load_synthesizers(engines, kana_converter=kana_converter, readings=readings)
    for lang in languages:
        _for_language(synthesizers, missing, lang)
    return ThreadedSpeaker(synthesizers, player, rate=rate, volume=volume, on_event=on_event)


def get_speaker(languages: Iterable[str] = (JAPANESE,), *, device: str | None = None,
                engines: Sequence[str] = ENGINES, kana_converter: KanaConverter | None = None,
                readings: Mapping[str, str] | None = None,
                rate: float = 1.0, volume: float = 1.0, on_event: EventCallback | None = None) -> Speaker:
    """``open_speaker``, or a NullSpeaker whose ``reason`` is the SpeechUnavailable, never an error.

    The kiosk shows one visual-only notice when ``speaker.available`` is False.
    """
    try:
        return open_speaker(languages, device=device, engines=engines, kana_converter=kana_converter,
                            readings=readings,
                            rate=rate, volume=volume, on_event=on_event)
    except SpeechUnavailable as reason:
        log.warning("read-aloud unavailable, carrying on visually: %s", reason)
        return NullSpeaker(reason)


def synthesize_to_wav(text: str, lang: str = JAPANESE, path: Path | str = "speech.wav", rate: float = 1.0, *,
                      engines: Sequence[str] = ENGINES, kana_converter: KanaConverter | None = None,
                      readings: Mapping[str, str] | None = None) -> Audio:
    """Synthesises ``text`` with the engine ``get_speaker`` would pick and writes a 16-bit mono WAV.

    For ``madoguchi a11y speak TEXT [--lang] [--out FILE.wav]``. Needs no audio device.

    Returns:
        The audio written, whose ``duration_s`` and ``marks`` the command can print.

    Raises:
        SpeechUnavailable: no engine for ``lang``; the message names what to install.
    """
    synthesizers, missing = load_synthesizers(engines, kana_converter=kana_converter, readings=readings)
    audio = synthesize(_for_language(synthesizers, missing, lang), text, lang, rate)
    write_wav(audio, path)
    return audio
