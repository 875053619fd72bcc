"""Provides Pyttsx3Synthesizer: the platform's voices through pyttsx3 (espeak-ng on Linux).

pyttsx3's own playback is never used: on Linux it shells out to ``aplay`` with ``os.system`` and
cannot be interrupted. pyttsx3 engines are not thread-safe and espeak-ng keeps one synthesis
callback per process, so the process has one engine, created and run on one thread of its own
(``_VoiceHost``); every synthesizer hands its utterances to that thread and waits.

pyttsx3 finds, loads and initialises the platform's engine and lists its voices. With SAPI5 or
NSSS each utterance is then ``save_to_file`` + ``runAndWait`` to a WAV file. With espeak-ng
(Linux) that path proved unreliable (pyttsx3 2.99: utterances at an earlier utterance's rate, the
last audio buffer dropped), so utterances go through espeak-ng's C API on the library pyttsx3
loaded, with ``espeak_Synchronize`` to wait; the callback also yields each word's
``audio_position``, which pyttsx3 drops, for exact word marks.

espeak-ng cannot read kanji, so Japanese is converted to kana first (``kana_converter``), phrases
separated by spaces, which espeak-ng treats as word boundaries.
"""

from __future__ import annotations

import ctypes
import logging
import os
import queue
import tempfile
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from accessibility.errors import AccessibilityError, SpeechUnavailable
from accessibility.speech.audio import SAMPLE_WIDTH, Audio, Mark, read_wav, speech_bounds
from accessibility.speech.script import is_japanese, primary_language
from accessibility.speech.synthesizer import Piece, clamp_rate
from accessibility.speech.timing import Span

log = logging.getLogger(__name__)

KanaConverter = Callable[[str], str]
"""Japanese text → hiragana with phrases separated by spaces (``accessibility.readings.to_kana``)."""

ESPEAK_WPM = 175
"""espeak-ng's own default rate (pyttsx3 sets 200), the rate for 1×."""
PREFERRED_VOICES = {"en": "en-us", "zh": "cmn", "pt": "pt-br"}
"""Which regional voice speaks a bare language tag."""
SECONDS_PER_CHAR = {"ja": 0.135}
"""Rough length per character of text at 1×, before synthesis (kana; other scripts 0.065)."""
OTHER_SECONDS_PER_CHAR = 0.065
REALTIME_FACTOR = 0.02
"""espeak-ng synthesises about 250× faster than real time; this leaves a wide margin."""

UTTERANCE_TIMEOUT_S = 5.0
CALL_TIMEOUT_S = 30.0
"""A hung engine fails the phrase instead of the speaker's worker waiting forever."""
ESPEAK_SAMPLE_RATE = 22050
"""espeak-ng's output rate for every voice (pyttsx3 hard-codes it too)."""

INSTALL_HINT = "install the Debian packages espeak-ng and libespeak-ng1"

T = TypeVar("T")


def default_kana_converter(readings: Mapping[str, str] | None = None) -> KanaConverter:
    """``accessibility.readings.to_kana`` with a FugashiTokenizer of its own, made on first use.

    The tokenizer is not thread-safe, so each converter gets its own; a speaker calls it only from
    its worker thread.
    """
    from accessibility.readings import to_kana
    from accessibility.tokenizer import FugashiTokenizer

    tokenizer = FugashiTokenizer()
    dictionary = dict(readings or {})
    return lambda text: to_kana(text, tokenizer, dictionary)


@dataclass(frozen=True, slots=True)
class _Voice:
    id: str
    languages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Utterance:
    pcm: bytes
    sample_rate: int
    words: tuple[tuple[int, int, int], ...]
    """espeak-ng word events: 1-based character position, length, audio position in ms."""


def _tag(lang: str) -> str:
    return lang.replace("_", "-").lower()


class _VoiceHost:
    """The process's one pyttsx3 engine, on the thread that created it."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]]] = queue.SimpleQueue()
        self._ready: Future[None] = Future()
        self._engine: Any = None
        self._words: list[tuple[int, int, int]] = []
        self._chunks: list[bytes] = []
        self._finished = threading.Event()
        self._espeak: Any = None
        self._callback: Any = None
        self.espeak = False
        self.voices: tuple[_Voice, ...] = ()
        self.base_rate = ESPEAK_WPM
        threading.Thread(target=self._serve, name="madoguchi-pyttsx3", daemon=True).start()

    def ready(self) -> None:
        """Waits for the engine. Raises SpeechUnavailable if it could not start."""
        self._ready.result()

    def call(self, job: Callable[[], T], timeout: float = CALL_TIMEOUT_S) -> T:
        """Runs ``job`` on the host thread and returns its result (or raises its error)."""
        self.ready()
        future: Future[T] = Future()
        self._jobs.put((job, future))
        try:
            return future.result(timeout=timeout)
        except TimeoutError as error:
            raise SpeechUnavailable(f"the speech engine did not answer within {timeout:.0f} s") from error

    def _serve(self) -> None:
        try:
            self._start()
        except Exception as error:  # noqa: BLE001 - any failure here means no engine
            self._ready.set_exception(error if isinstance(error, SpeechUnavailable) else SpeechUnavailable(
                f"pyttsx3 could not start a speech engine ({error}): {INSTALL_HINT}"))
            return
        self._ready.set_result(None)
        while True:
            job, future = self._jobs.get()
            try:
                future.set_result(job())
            except BaseException as error:  # noqa: BLE001 - handed to the waiting thread
                future.set_exception(error)

    def _start(self) -> None:
        try:
            import pyttsx3
        except ImportError as error:
            raise SpeechUnavailable(f"pyttsx3 is not installed: {error}") from error
        self._engine = pyttsx3.init()
        self._engine.connect("finished-utterance", lambda **_: self._finished.set())
        driver = getattr(getattr(self._engine, "proxy", None), "_driver", None)
        self.espeak = type(driver).__module__.endswith(".espeak")
        if self.espeak:
            self._hook_espeak()
        else:
            self.base_rate = int(self._engine.getProperty("rate"))
        voices = []
        for voice in self._engine.getProperty("voices"):
            languages = tuple(_tag(lang if isinstance(lang, str) else lang.decode(errors="ignore"))
                              for lang in (voice.languages or ()))
            voices.append(_Voice(str(voice.id), languages))
        self.voices = tuple(voices)

    def _hook_espeak(self) -> None:
        """Takes over espeak-ng's synthesis callback, to collect audio and word timings directly."""
        from pyttsx3.drivers import _espeak

        self._espeak = _espeak
        chunks, words = self._chunks, self._words

        def on_synth(wav: Any, count: int, events: Any) -> int:
            index = 0
            while events[index].type != _espeak.EVENT_LIST_TERMINATED:
                event = events[index]
                if event.type == _espeak.EVENT_WORD and event.length > 0:
                    words.append((event.text_position, event.length, event.audio_position))
                index += 1
            if count > 0 and wav:
                chunks.append(ctypes.string_at(wav, count * SAMPLE_WIDTH))
            return 0

        self._callback = on_synth  # ctypes must keep it alive as long as espeak-ng may call it
        _espeak.SetSynthCallback(on_synth)

    def synthesize(self, text: str, voice: str, rate: float) -> _Utterance:
        """Runs on the host thread (through ``call``)."""
        if self.espeak:
            return self._synthesize_espeak(text, voice, rate)
        return self._synthesize_to_file(text, voice, rate)

    def _synthesize_espeak(self, text: str, voice: str, rate: float) -> _Utterance:
        """espeak-ng's C API, on the library pyttsx3 loaded and initialised.

        Not pyttsx3's ``save_to_file``: measured with pyttsx3 2.99, 9 to 31 of 40 utterances came
        out at an earlier utterance's rate, and its callback drops the last buffer of audio.
        """
        espeak = self._espeak
        self._chunks.clear()
        self._words.clear()
        if espeak.SetVoiceByName(voice.encode()) != 0:
            raise SpeechUnavailable(f"espeak-ng has no voice {voice!r}: {INSTALL_HINT}")
        espeak.SetParameter(espeak.RATE, int(round(self.base_rate * rate)), 0)
        espeak.Synth(text.encode(), flags=espeak.ENDPAUSE | espeak.CHARS_UTF8)
        espeak.Synchronize()
        return _Utterance(b"".join(self._chunks), ESPEAK_SAMPLE_RATE, tuple(self._words))

    def _synthesize_to_file(self, text: str, voice: str, rate: float) -> _Utterance:
        """Other platforms' drivers (SAPI5, NSSS): ``save_to_file`` and ``runAndWait``, per utterance."""
        handle, path = tempfile.mkstemp(prefix="madoguchi-voice-", suffix=".wav")
        os.close(handle)
        try:
            self._finished.clear()
            self._engine.setProperty("voice", voice)
            self._engine.setProperty("rate", int(round(self.base_rate * rate)))
            self._engine.save_to_file(text, path)
            self._engine.runAndWait()
            if not self._finished.wait(UTTERANCE_TIMEOUT_S + len(text) * 0.2):
                raise SpeechUnavailable("the speech engine did not finish the utterance")
            try:
                audio = read_wav(path)
            except Exception as error:
                raise SpeechUnavailable(f"the speech engine wrote no audio: {error}") from error
            return _Utterance(audio.pcm, audio.sample_rate, ())
        finally:
            os.unlink(path)


_host: _VoiceHost | None = None
_host_lock = threading.Lock()


def _voice_host() -> _VoiceHost:
    global _host
    with _host_lock:
        if _host is None:
            _host = _VoiceHost()
        return _host


class Pyttsx3Synthesizer:
    """Any language the platform's voices speak; Japanese only with a ``kana_converter``.

    Without a ``kana_converter`` it uses ``default_kana_converter()`` (``accessibility.readings``);
    ``use_readings=False`` refuses Japanese instead.
    """

    name = "pyttsx3"

    def __init__(self, kana_converter: KanaConverter | None = None, *, use_readings: bool = True) -> None:
        self._kana_converter = kana_converter
        self._use_readings = use_readings and kana_converter is None

    def load(self) -> None:
        _voice_host().ready()

    def credits(self) -> str:
        if _voice_host().espeak:
            return "Other languages: eSpeak NG (GPL-3.0-or-later) through pyttsx3 (MPL-2.0)."
        return "Other languages: the system's voices through pyttsx3 (MPL-2.0)."

    def _converter(self) -> KanaConverter | None:
        if self._kana_converter is None and self._use_readings:
            self._use_readings = False
            try:
                self._kana_converter = default_kana_converter()
            except ImportError as error:
                log.info("no kana converter for Japanese: %s", error)
        return self._kana_converter

    def voice_for(self, lang: str) -> str | None:
        """The id of the voice that speaks ``lang``: exact tag, preferred region, then any region."""
        voices = _voice_host().voices
        tag, primary = _tag(lang), primary_language(lang)
        for wanted in (tag, PREFERRED_VOICES.get(primary, primary)):
            for voice in voices:
                if wanted in voice.languages:
                    return voice.id
        for voice in voices:
            if any(primary_language(language) == primary for language in voice.languages):
                return voice.id
        return None

    def supports(self, lang: str) -> bool:
        self.load()
        if is_japanese(lang) and self._converter() is None:
            return False
        return self.voice_for(lang) is not None

    def plan(self, text: str, lang: str, rate: float = 1.0) -> tuple[Piece, ...]:
        self.load()
        rate = clamp_rate(rate)
        voice = self.voice_for(lang)
        if voice is None:
            raise SpeechUnavailable(f"no voice speaks {lang!r}: {INSTALL_HINT}")
        spoken = text
        if is_japanese(lang):
            converter = self._converter()
            if converter is None:
                raise SpeechUnavailable("Japanese needs a kana converter for espeak-ng, which cannot read kanji")
            spoken = converter(text)
        if not any(char.isalnum() for char in spoken):
            return ()
        estimated = len(spoken) * SECONDS_PER_CHAR.get(primary_language(lang), OTHER_SECONDS_PER_CHAR) / rate
        return (Piece(text, lang, rate, (spoken, voice), (Span(0, len(text), 1.0),), estimated,
                      estimated * REALTIME_FACTOR + 0.01),)

    def render(self, piece: Piece) -> Audio:
        spoken, voice = piece.units
        host = _voice_host()
        try:
            utterance = host.call(lambda: host.synthesize(spoken, voice, piece.rate))
        except AccessibilityError:
            raise
        except Exception as error:
            raise SpeechUnavailable(f"pyttsx3 failed to synthesise: {error}") from error
        audio = Audio(utterance.pcm, utterance.sample_rate)
        bounds = speech_bounds(audio)
        if bounds is None:
            return audio
        start_s, end_s = bounds
        if spoken != piece.text or not utterance.words:
            return Audio(audio.pcm, audio.sample_rate, (Mark(0, len(piece.text), start_s, end_s),))
        marks = []
        for index, (position, length, milliseconds) in enumerate(utterance.words):
            following = utterance.words[index + 1][2] / 1000 if index + 1 < len(utterance.words) else end_s
            start_s = milliseconds / 1000
            marks.append(Mark(position - 1, position - 1 + length, start_s, max(following, start_s)))
        return Audio(audio.pcm, audio.sample_rate, tuple(marks))
