"""Provides OpenJTalkSynthesizer: Japanese speech with Open JTalk (pyopenjtalk) and the Mei voice.

The dictionary is Debian's ``open-jtalk-mecab-naist-jdic``. pyopenjtalk would otherwise download
one from GitHub on first use, which a kiosk without internet cannot do, so ``OPEN_JTALK_DICT_DIR``
is set before pyopenjtalk is imported and the front end is built here with that directory
explicitly: pyopenjtalk's download path is never reached.

Latency: synthesis runs at about 0.047× real time on one core, so a whole 80-character screen
(13 s of speech) would take 0.6 s before the first sound. ``plan`` therefore runs the front end
per sentence and cuts at Open JTalk's own pauses (its breath groups: their full-context labels
still carry the whole sentence's prosody, so the audio is the same length and sounds the same),
and cuts the first piece again after about 0.4 s of speech where an accent phrase opens with a
voiceless stop or sibilant (k, t, p, ts, ch, s, sh): the join then falls in a closure or in
noise, where it cannot click. The first piece is ready in about 80 ms.

Timing (method B of the research, refined): within a piece, accent phrases share the span between
its first and last loud frame in proportion to their expected length (mean phoneme lengths of the
Mei voice, rather than bare mora counts). Piece boundaries are exact, because each piece is its
own audio. Against ``open_jtalk -ot``'s exact phoneme times, 161 accent phrases of 27 kiosk
sentences started 0.04 s off on average, 0.11 s at the 95th percentile, 0.25 s at worst.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from accessibility.errors import SpeechUnavailable
from accessibility.speech.audio import Audio, speech_bounds
from accessibility.speech.script import is_japanese
from accessibility.speech.synthesizer import Piece, clamp_rate
from accessibility.speech.timing import Span, align, spread

DEBIAN_DICTIONARY = Path("/var/lib/mecab/dic/open-jtalk/naist-jdic")
"""Where Debian's ``open-jtalk-mecab-naist-jdic`` puts the compiled dictionary."""

DICTIONARY_VARIABLE = "OPEN_JTALK_DICT_DIR"

PHONEME_S = {
    "a": 0.092, "i": 0.082, "u": 0.065, "e": 0.086, "o": 0.08, "I": 0.026, "U": 0.062, "N": 0.049,
    "cl": 0.08, "k": 0.082, "ky": 0.07, "g": 0.053, "s": 0.106, "sh": 0.098, "z": 0.065, "j": 0.07,
    "t": 0.061, "ts": 0.105, "ch": 0.099, "d": 0.041, "n": 0.047, "h": 0.09, "hy": 0.065, "f": 0.07,
    "b": 0.048, "by": 0.05, "p": 0.058, "m": 0.057, "y": 0.053, "r": 0.031, "ry": 0.03, "w": 0.045,
    "pau": 0.394, "sil": 0.30,
}
"""Mean length of each phoneme with Mei at speed 1, from ``open_jtalk -ot`` traces of 25 kiosk
sentences (1,220 phonemes). Summed over a piece's labels, it estimates the piece's length before
synthesis; summed over an accent phrase, it weighs the phrase when marks are spread."""
OTHER_PHONEME_S = 0.06
LEAD_IN_S = 0.08
"""Open JTalk opens each utterance with 0.27 s of silence; this much of it is kept."""

FIRST_PIECE_S = 0.4
"""The first piece of a phrase is cut after about this much speech, so sound starts sooner."""
PIECE_S = 2.5
"""Later pieces are cut near this length, so rendering one never stalls playback."""
MIN_TAIL_S = 0.3
"""No cut leaves less than this much speech before the next pause."""
REALTIME_FACTOR = 0.06
"""Synthesis time per second of audio, with a margin over the 0.045 measured on 2 cores."""
MAX_FRONT_END_CHARS = 1800
"""pyopenjtalk's front end copies its input into an 8 KiB buffer without a bound check."""

_CLOSURES = frozenset({"k", "ky", "t", "p", "py", "ts", "ch", "s", "sh"})
"""Accent phrases that open with a voiceless stop's closure or a voiceless sibilant: a cut there
falls in near-silence or noise (measured: a sample step below the local average), not in a vowel."""
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?\n]*[」』）)]*|[。！？!?\n]+")
_AP_POSITION = re.compile(r"/F:(\d+)_\d+#\d+_\w+@(\d+)_")
_BREATH_GROUP = re.compile(r"/I:\d+-\d+@(\d+)\+")

CREDITS = (
    "Japanese voice: HTS Voice \"Mei\" (mei_normal), released by the MMDAgent Project Team, "
    "Copyright (c) 2009-2013 Nagoya Institute of Technology, Department of Computer Science, "
    "licensed under Creative Commons Attribution 3.0 (https://creativecommons.org/licenses/by/3.0/). "
    "Speech synthesis: Open JTalk and hts_engine API (BSD 3-clause) through pyopenjtalk (MIT). "
    "Dictionary: NAIST Japanese Dictionary for Open JTalk (BSD 3-clause)."
)


def credits() -> str:
    """Attribution the Mei voice's CC BY 3.0 licence requires, for the kiosk's credits screen."""
    return CREDITS


def credit_line() -> str:
    """The same attribution in one line, for a screen footer."""
    return ('Voice: HTS Voice "Mei" © 2009-2013 Nagoya Institute of Technology (CC BY 3.0) · '
            "Open JTalk, hts_engine API (BSD) · NAIST Japanese Dictionary (BSD)")


def dictionary_dir() -> Path:
    """``$OPEN_JTALK_DICT_DIR`` if set, else Debian's naist-jdic."""
    configured = os.environ.get(DICTIONARY_VARIABLE)
    return Path(configured) if configured else DEBIAN_DICTIONARY


def check_installed(dictionary: Path | None = None) -> None:
    """Cheap check (no import) that pyopenjtalk and the dictionary are there.

    Raises:
        SpeechUnavailable: naming the package to install.
    """
    directory = dictionary or dictionary_dir()
    if not (directory / "sys.dic").is_file():
        raise SpeechUnavailable(
            f"Open JTalk dictionary not found in {directory}: install the Debian package "
            f"open-jtalk-mecab-naist-jdic (or set {DICTIONARY_VARIABLE})")
    if find_spec("pyopenjtalk") is None:
        raise SpeechUnavailable("pyopenjtalk is not installed: pip install pyopenjtalk==0.4.1")


def import_pyopenjtalk(dictionary: Path | None = None) -> Any:
    """pyopenjtalk, imported only after ``OPEN_JTALK_DICT_DIR`` points at an installed dictionary.

    Any code in the project that needs pyopenjtalk (for readings of numbers, say) should get it
    here: imported any other way first, it would later try to download a dictionary from GitHub.

    Raises:
        SpeechUnavailable: the dictionary or pyopenjtalk is missing.
    """
    directory = dictionary or dictionary_dir()
    check_installed(directory)
    os.environ.setdefault(DICTIONARY_VARIABLE, str(directory))
    try:
        import pyopenjtalk
    except ImportError as error:
        raise SpeechUnavailable(f"pyopenjtalk cannot be imported: {error}") from error
    return pyopenjtalk


@dataclass(frozen=True, slots=True)
class _AccentPhrase:
    first_label: int
    seconds: float
    """Estimated length at speed 1."""
    phoneme: str
    """Its first phoneme: a piece may start here if it is a closure."""


def _phoneme(label: str) -> str:
    return label.split("-", 1)[1].split("+", 1)[0]


def _phoneme_s(phoneme: str) -> float:
    return PHONEME_S.get(phoneme, OTHER_PHONEME_S)


def _sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of ``text`` with their offsets, none longer than the front end's buffer allows."""
    found: list[tuple[int, str]] = []
    for match in _SENTENCE.finditer(text):
        start, sentence = match.start(), match.group()
        for cut in range(0, len(sentence), MAX_FRONT_END_CHARS):
            found.append((start + cut, sentence[cut:cut + MAX_FRONT_END_CHARS]))
    return found


def _label_phrases(labels: Sequence[str]) -> list[_AccentPhrase]:
    phrases: list[_AccentPhrase] = []
    key: tuple[str, str] | None = None
    for index, label in enumerate(labels):
        phoneme = _phoneme(label)
        if phoneme in ("sil", "pau"):
            key = None
            continue
        f, i = _AP_POSITION.search(label), _BREATH_GROUP.search(label)
        if f is None or i is None:
            continue
        current = (i.group(1), f.group(2))
        if current != key:
            phrases.append(_AccentPhrase(index, 0.0, phoneme))
            key = current
        if phrases:
            last = phrases[-1]
            phrases[-1] = _AccentPhrase(last.first_label, last.seconds + _phoneme_s(phoneme), last.phoneme)
    return phrases


def _njd_phrases(sentence: str, offset: int, nodes: Sequence[dict[str, Any]]) -> list[Span]:
    """Accent phrases as the front end chained its words, with their characters in the display text
    (weighed by morae until the labels give their length)."""
    spans = align(sentence, [str(node["string"]) for node in nodes])
    phrases: list[list[int]] = []
    for node, (start, end) in zip(nodes, spans, strict=True):
        if int(node["mora_size"]) == 0:
            if phrases:
                phrases[-1][1] = max(phrases[-1][1], end)
            continue
        if int(node["chain_flag"]) == 1 and phrases:
            phrases[-1][1] = max(phrases[-1][1], end)
            phrases[-1][2] += int(node["mora_size"])
        else:
            phrases.append([start, end, int(node["mora_size"])])
    return [Span(start + offset, end + offset, morae) for start, end, morae in phrases]


def _proportional_spans(sentence: str, offset: int, seconds: Sequence[float]) -> list[Span]:
    """Fallback when the front end's words and its labels disagree: characters by share of time."""
    total = sum(seconds) or 1.0
    spans: list[Span] = []
    position, done = 0, 0.0
    for length in seconds:
        done += length
        end = round(len(sentence) * done / total)
        spans.append(Span(offset + position, offset + end, length))
        position = end
    return spans


_SMALL_KANA = set("ァィゥェォャュョヮ")


def _user_dictionary(readings: Mapping[str, str], directory: Path) -> Path:
    """Compile the readings into an Open JTalk user dictionary (naist-jdic CSV → .dic) in a
    temporary folder, as proper nouns with a flat accent and a low cost so they always win."""
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="madoguchi-jtalk-"))
    rows = []
    for surface, reading in readings.items():
        kana = "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in reading)
        morae = sum(1 for c in kana if c not in _SMALL_KANA)
        clean = surface.replace(",", "")
        rows.append(f"{clean},,,1,名詞,固有名詞,一般,*,*,*,{clean},{kana},{kana},0/{morae},*")
    (folder / "user.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    # In a child process: MeCab's compiler prints progress to file descriptor 1, which in the kiosk
    # belongs to the terminal UI.
    compiler = ("import sys, pyopenjtalk; pyopenjtalk.mecab_dict_index(sys.argv[1], sys.argv[2], "
                "dn_mecab=sys.argv[3].encode())")
    done = subprocess.run([sys.executable, "-c", compiler, str(folder / "user.csv"), str(folder / "user.dic"),
                           str(directory)], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "OPEN_JTALK_DICT_DIR": str(directory)})
    if done.returncode != 0 or not (folder / "user.dic").exists():
        reason = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise SpeechUnavailable(f"the reading dictionary could not be compiled for Open JTalk: {reason}")
    return folder / "user.dic"


class OpenJTalkSynthesizer:
    """Japanese through pyopenjtalk, with the dictionary from Debian and pyopenjtalk's Mei voice.

    Loading takes about 0.2 s (pyopenjtalk and numpy imports, dictionary and voice), once. Safe
    to call from one thread at a time; a speaker uses it only from its worker thread.
    """

    name = "openjtalk"

    def __init__(self, dictionary: Path | None = None, voice: Path | None = None, *,
                 readings: Mapping[str, str] | None = None) -> None:
        self._dictionary = dictionary
        self._voice = voice
        self._readings = dict(readings or {})
        """The municipal reading dictionary (surface → hiragana), compiled into a user dictionary so
        Open JTalk reads 伊那市 as いなし just as the furigana show it."""
        self._jtalk: Any = None
        self._engine: Any = None
        self._numpy: Any = None
        self._lock = threading.Lock()
        self.sample_rate = 48000

    def supports(self, lang: str) -> bool:
        return is_japanese(lang)

    def credits(self) -> str:
        return CREDITS

    def load(self) -> None:
        with self._lock:
            if self._engine is not None:
                return
            directory = self._dictionary or dictionary_dir()
            pyopenjtalk = import_pyopenjtalk(directory)
            try:
                import numpy
                from pyopenjtalk.htsengine import HTSEngine
                from pyopenjtalk.openjtalk import OpenJTalk
            except ImportError as error:
                raise SpeechUnavailable(f"pyopenjtalk cannot be imported: {error}") from error
            voice = str(self._voice).encode() if self._voice else pyopenjtalk.DEFAULT_HTS_VOICE
            try:
                userdic = _user_dictionary(self._readings, directory) if self._readings else None
                self._jtalk = (OpenJTalk(dn_mecab=str(directory).encode(), userdic=str(userdic).encode()) if userdic
                               else OpenJTalk(dn_mecab=str(directory).encode()))
                engine = HTSEngine(voice)
            except RuntimeError as error:
                raise SpeechUnavailable(f"Open JTalk could not load its dictionary or voice: {error}") from error
            self._numpy = numpy
            self.sample_rate = int(engine.get_sampling_frequency())
            engine.synthesize(self._jtalk.make_label(self._jtalk.run_frontend("あ")))
            self._engine = engine

    def plan(self, text: str, lang: str = "ja", rate: float = 1.0) -> tuple[Piece, ...]:
        self.load()
        rate = clamp_rate(rate)
        pieces: list[Piece] = []
        for offset, sentence in _sentences(text):
            nodes = self._jtalk.run_frontend(sentence)
            if not any(int(node["mora_size"]) for node in nodes):
                continue
            spoken = list(nodes)
            while spoken and int(spoken[0]["mora_size"]) == 0:
                spoken.pop(0)  # a leading pause makes Open JTalk complain on stderr
            labels = self._jtalk.make_label(spoken)
            pieces.extend(self._cut(text, lang, rate, labels, self._spans(sentence, offset, nodes, labels),
                                    first=not pieces))
        return tuple(pieces)

    def _spans(self, sentence: str, offset: int, nodes: Sequence[dict[str, Any]],
               labels: Sequence[str]) -> list[Span]:
        spans = _njd_phrases(sentence, offset, nodes)
        accent_phrases = _label_phrases(labels)
        if len(spans) != len(accent_phrases):
            return _proportional_spans(sentence, offset, [ap.seconds for ap in accent_phrases])
        return [Span(span.start, span.end, ap.seconds) for span, ap in zip(spans, accent_phrases, strict=True)]

    def _cut(self, text: str, lang: str, rate: float, labels: Sequence[str], spans: Sequence[Span],
             *, first: bool) -> list[Piece]:
        """Pieces at every pause, and at voiceless stops once a piece is long enough."""
        phrases = {ap.first_label: (ap, span) for ap, span in zip(_label_phrases(labels), spans, strict=False)}
        remaining: dict[int, float] = {}
        left = 0.0
        for index in range(len(labels) - 1, -1, -1):
            if _phoneme(labels[index]) == "pau":
                left = 0.0
            if index in phrases:
                left += phrases[index][0].seconds / rate
                remaining[index] = left
        pieces: list[Piece] = []
        members: list[Span] = []
        start, estimate = 0, 0.0

        def close(end: int) -> None:
            nonlocal start, estimate, members
            if end > start:
                pieces.append(Piece(text, lang, rate, tuple(labels[start:end]), tuple(members), estimate,
                                    estimate * REALTIME_FACTOR + 0.005))
            start, estimate, members = end, 0.0, []

        for index, label in enumerate(labels):
            phoneme = _phoneme(label)
            if phoneme == "sil":
                estimate += LEAD_IN_S if index == 0 else _phoneme_s(phoneme) / rate
                continue
            if index in phrases:
                accent_phrase, span = phrases[index]
                target = FIRST_PIECE_S if first and not pieces else PIECE_S
                if members and accent_phrase.phoneme in _CLOSURES and estimate >= target \
                        and remaining[index] >= MIN_TAIL_S:
                    close(index)
                members.append(span)
            estimate += _phoneme_s(phoneme) / rate
            if phoneme == "pau":
                close(index + 1)
        close(len(labels))
        return pieces

    def render(self, piece: Piece) -> Audio:
        self.load()
        numpy = self._numpy
        with self._lock:
            self._engine.set_speed(piece.rate)
            wave = self._engine.synthesize(list(piece.units))
        pcm = numpy.clip(wave, -32768, 32767).astype("<i2").tobytes()
        audio = Audio(pcm, self.sample_rate)
        bounds = speech_bounds(audio)
        if bounds is None:
            return audio
        start_s, end_s = bounds
        if piece.units and _phoneme(piece.units[0]) == "sil":
            cut = max(0.0, start_s - LEAD_IN_S)
            audio = audio.without_start(int(cut * self.sample_rate))
            start_s, end_s = start_s - cut, end_s - cut
        return Audio(audio.pcm, audio.sample_rate, spread(piece.spans, start_s, end_s))
