"""Read-aloud engines with real synthesis: Open JTalk, espeak-ng through pyttsx3, their timing.

Nothing is mocked and nothing is skipped: the setup script installs espeak-ng, libespeak-ng1,
alsa-utils, open-jtalk and open-jtalk-mecab-naist-jdic, so a missing engine fails with the reason,
which names the package to install.
"""

from __future__ import annotations

import os
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from accessibility.errors import SpeechUnavailable
from accessibility.readings import to_kana
from accessibility.speech import (
    NullSpeaker,
    OpenJTalkSynthesizer,
    Phrase,
    Pyttsx3Synthesizer,
    RecordingSpeaker,
    ScriptFinished,
    credits,
    get_speaker,
    load_synthesizers,
    open_speaker,
    synthesize,
    synthesize_to_wav,
)
from accessibility.speech.audio import Audio, Mark, read_wav, rms, speech_bounds
from accessibility.speech.openjtalk import DEBIAN_DICTIONARY
from accessibility.speech.timing import Span, align, spread
from accessibility.tokenizer import FugashiTokenizer

SENTENCE = "マイナンバーカードを紛失したときは、市役所の窓口に来てください。"
SCREEN = ("マイナンバーカードを紛失したときは、市役所の窓口に来てください。"
          "本人確認の書類を持ってきてください。手続きには三十分ほどかかります。")
ENGLISH = "If you have lost your My Number Card, please come to the counter at the city office."
SPEECH_RMS = 500
"""Speech is in the thousands; silence is 0 (espeak-ng) or below 50 (Open JTalk)."""


def require(engine: str, **options: object) -> OpenJTalkSynthesizer | Pyttsx3Synthesizer:
    loaded, missing = load_synthesizers((engine,), **options)  # type: ignore[arg-type]
    if missing:
        pytest.fail(f"speech engine {engine} is not usable: {missing[0]}")
    return loaded[0]  # type: ignore[return-value]


@pytest.fixture(scope="module")
def openjtalk() -> OpenJTalkSynthesizer:
    return require("openjtalk")  # type: ignore[return-value]


@pytest.fixture(scope="module")
def espeak() -> Pyttsx3Synthesizer:
    tokenizer = FugashiTokenizer()
    return require("pyttsx3", kana_converter=lambda text: to_kana(text, tokenizer))  # type: ignore[return-value]


def assert_speech(audio: Audio, sample_rate: int, low_s: float = 2.0, high_s: float = 15.0) -> None:
    assert audio.sample_rate == sample_rate
    assert low_s <= audio.duration_s <= high_s, audio.duration_s
    assert rms(audio.pcm) > SPEECH_RMS


# Engines, to WAV.

def test_openjtalk_reads_a_kanji_sentence_to_wav(tmp_path: Path) -> None:
    require("openjtalk")
    written = synthesize_to_wav(SENTENCE, "ja", tmp_path / "ja.wav", engines=("openjtalk",))
    audio = read_wav(tmp_path / "ja.wav")
    assert audio.pcm == written.pcm
    assert_speech(audio, 48000, 3.0, 8.0)
    assert [SENTENCE[mark.start:mark.end] for mark in written.marks] == [
        "マイナンバーカードを", "紛失", "した", "ときは、", "市役所の", "窓口に", "来て", "ください。"]


def test_openjtalk_uses_debians_dictionary_and_never_downloads(openjtalk: OpenJTalkSynthesizer) -> None:
    import pyopenjtalk

    configured = os.environ.get("OPEN_JTALK_DICT_DIR")
    assert configured is not None and Path(configured) == DEBIAN_DICTIONARY
    bundled = Path(pyopenjtalk.__file__).parent / "open_jtalk_dic_utf_8-1.11"
    assert not bundled.exists(), "pyopenjtalk downloaded its own dictionary"
    assert "CC BY 3.0" in credits().replace("Creative Commons Attribution 3.0", "CC BY 3.0")
    assert "Mei" in openjtalk.credits()


def test_openjtalk_reads_numbers_and_counters(openjtalk: OpenJTalkSynthesizer) -> None:
    audio = synthesize(openjtalk, "受付は8時30分から、1日に2人までです。", "ja")
    assert_speech(audio, 48000, 2.5, 8.0)
    text = "受付は8時30分から、1日に2人までです。"
    assert [text[m.start:m.end] for m in audio.marks][:3] == ["受付は", "8時", "30分から、"]


def test_espeak_reads_japanese_after_kana_conversion(tmp_path: Path, espeak: Pyttsx3Synthesizer) -> None:
    (piece,) = espeak.plan(SENTENCE, "ja")
    spoken = piece.units[0]
    assert not any(unicodedata.name(char, "").startswith("CJK UNIFIED") for char in spoken), spoken
    assert spoken.startswith("まいなんばーかーどを ")
    audio = synthesize(espeak, SENTENCE, "ja")
    assert_speech(audio, 22050)
    assert [(m.start, m.end) for m in audio.marks] == [(0, len(SENTENCE))]


def test_espeak_reads_english_with_word_timings(tmp_path: Path) -> None:
    require("pyttsx3")
    audio = synthesize_to_wav(ENGLISH, "en", tmp_path / "en.wav", engines=("pyttsx3",))
    assert_speech(read_wav(tmp_path / "en.wav"), 22050)
    words = [ENGLISH[m.start:m.end] for m in audio.marks]
    assert words[:4] == ["If", "you", "have", "lost"]
    starts = [m.start_s for m in audio.marks]
    assert starts == sorted(starts) and starts[-1] > audio.duration_s / 2


@pytest.mark.parametrize("engine, lang, text", [("openjtalk", "ja", SENTENCE), ("pyttsx3", "ja", SENTENCE),
                                                ("pyttsx3", "en", ENGLISH)])
def test_rate_scales_duration(engine: str, lang: str, text: str, openjtalk: OpenJTalkSynthesizer,
                              espeak: Pyttsx3Synthesizer) -> None:
    synthesizer = openjtalk if engine == "openjtalk" else espeak
    normal = synthesize(synthesizer, text, lang, 1.0).duration_s
    fast = synthesize(synthesizer, text, lang, 2.0).duration_s
    slow = synthesize(synthesizer, text, lang, 0.5).duration_s
    assert 0.4 <= fast / normal <= 0.62, (fast, normal)
    assert 1.7 <= slow / normal <= 2.4, (slow, normal)
    assert synthesize(synthesizer, text, lang, 5.0).duration_s == pytest.approx(fast, rel=0.02)  # clamped to 2×


def test_openjtalk_starts_with_a_short_first_piece_and_estimates_the_length(
        openjtalk: OpenJTalkSynthesizer) -> None:
    """A screen is cut so the first piece is short (speech can start while the rest renders), and
    the planned lengths match the audio. Speed itself is measured in benchmarks/speech.py."""
    pieces = openjtalk.plan(SCREEN, "ja")
    audios = [openjtalk.render(piece) for piece in pieces]
    duration = sum(audio.duration_s for audio in audios)
    assert len(pieces) > 1 and audios[0].duration_s < duration / 2
    estimated = sum(piece.estimated_s for piece in pieces)
    assert abs(estimated - duration) <= 0.8, (estimated, duration)


def test_nothing_to_say_is_silence_not_an_error(openjtalk: OpenJTalkSynthesizer, espeak: Pyttsx3Synthesizer) -> None:
    assert openjtalk.plan("。。「」", "ja") == ()
    assert espeak.plan("…", "en") == ()
    assert synthesize(openjtalk, "", "ja").frames == 0


# Timing: pure arithmetic, then marks against Open JTalk's own exact trace.

@pytest.mark.parametrize("text, words, expected", [
    ("8時30分に", ["八", "時", "三", "十", "分", "に"], ["8", "時", "30", "30", "分", "に"]),
    ("TEL 03", ["ＴＥＬ", "　", "０", "三"], ["TEL", " ", "0", "3"]),
    ("「カード」です", ["「", "カード", "」", "です"], ["「", "カード", "」", "です"]),
    ("3,000円", ["三", "千", "円"], ["3,000", "3,000", "円"]),
    ("ｶﾀｶﾅ", ["カタカナ"], ["ｶﾀｶﾅ"]),
])
def test_align_finds_rewritten_words(text: str, words: list[str], expected: list[str]) -> None:
    assert [text[start:end] for start, end in align(text, words)] == expected


def test_spread_shares_time_by_weight() -> None:
    marks = spread([Span(0, 2, 1), Span(2, 5, 3)], 1.0, 3.0)
    assert marks == (Mark(0, 2, 1.0, 1.5), Mark(2, 5, 1.5, 3.0))
    assert spread([], 0, 1) == ()


def _trace(text: str, tmp_path: Path) -> list[float]:
    """Start of each accent phrase (seconds) from ``open_jtalk -ot``: exact, from HTS durations."""
    import pyopenjtalk

    source, trace = tmp_path / "in.txt", tmp_path / "trace.txt"
    source.write_text(text + "\n", encoding="utf-8")
    try:
        subprocess.run(["open_jtalk", "-x", str(DEBIAN_DICTIONARY), "-m", pyopenjtalk.DEFAULT_HTS_VOICE.decode(),
                        "-ow", os.devnull, "-ot", str(trace), str(source)], check=True, capture_output=True)
    except FileNotFoundError:
        pytest.fail("open_jtalk not found: install the Debian package open-jtalk")
    labels = trace.read_text(encoding="utf-8").split("[Output label]")[1].strip().splitlines()
    starts: list[float] = []
    key = None
    for line in labels:
        timed = re.match(r"(\d+) \d+ (\S+)$", line)
        if timed is None:
            break
        label = timed.group(2)
        if label.split("-", 1)[1].split("+", 1)[0] in ("sil", "pau"):
            key = None
            continue
        phrase = re.search(r"/F:\d+_\d+#\d+_\w+@(\d+)_", label)
        group = re.search(r"/I:\d+-\d+@(\d+)\+", label)
        assert phrase is not None and group is not None, label
        if (group.group(1), phrase.group(1)) != key:
            starts.append(int(timed.group(1)) / 1e7)
            key = (group.group(1), phrase.group(1))
    return starts


@pytest.mark.parametrize("text", [SENTENCE, "暗証番号を三回間違えると、ロックがかかります。",
                                  "受付は8時30分から、1日に2人までです。"])
def test_marks_match_open_jtalks_exact_timeline(text: str, tmp_path: Path, openjtalk: OpenJTalkSynthesizer) -> None:
    exact = _trace(text, tmp_path)
    marks = synthesize(openjtalk, text, "ja").marks
    assert len(marks) == len(exact)
    # Our audio starts 0.08 s before the first loud frame instead of 0.27 s of silence: align the
    # first mark, then every other must fall within 0.3 s of Open JTalk's own time.
    shift = exact[0] - marks[0].start_s
    errors = [abs(mark.start_s + shift - start) for mark, start in zip(marks, exact, strict=True)]
    assert max(errors) <= 0.3, errors


# Factory: never a crash, always a reason.

def test_no_audio_device_gives_a_null_speaker_with_the_reason() -> None:
    speaker = get_speaker(device="no-such-device")
    assert isinstance(speaker, NullSpeaker) and not speaker.available
    assert isinstance(speaker.reason, SpeechUnavailable)
    assert "no-such-device" in str(speaker.reason)
    assert speaker.speak([Phrase(SENTENCE)]) == 1
    for action in (speaker.pause, speaker.resume, speaker.repeat, speaker.stop, speaker.close):
        action()
    with pytest.raises(SpeechUnavailable, match="no-such-device"):
        open_speaker(device="no-such-device")


def test_no_aplay_is_speech_unavailable() -> None:
    from accessibility.speech.player import AplayPlayer

    with pytest.raises(SpeechUnavailable):
        AplayPlayer("null", aplay="/nonexistent/aplay").check()


def test_missing_dictionary_names_the_package_and_japanese_falls_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SpeechUnavailable, match="open-jtalk-mecab-naist-jdic"):
        OpenJTalkSynthesizer(dictionary=tmp_path).load()
    monkeypatch.setenv("OPEN_JTALK_DICT_DIR", str(tmp_path))
    loaded, missing = load_synthesizers()
    assert [s.name for s in loaded] == ["pyttsx3"]
    assert "open-jtalk-mecab-naist-jdic" in str(missing[0])
    speaker = get_speaker(("ja",), device="null")
    try:
        assert speaker.available  # espeak-ng with kana conversion
    finally:
        speaker.close()


def test_a_language_without_a_voice_is_reported_not_raised() -> None:
    speaker = get_speaker(("tlh",), device="null")
    assert isinstance(speaker, NullSpeaker) and "tlh" in str(speaker.reason)
    speaker = open_speaker(("ja",), device="null")
    try:
        script_id = speaker.speak([Phrase("Qapla'", "tlh")])
        events = [speaker.next_event(5), speaker.next_event(5)]
        assert [type(e).__name__ for e in events] == ["SpeechFailed", "ScriptFinished"]
        assert events[1] == ScriptFinished(script_id, False)
    finally:
        speaker.close()


def test_recording_speaker_reports_like_a_real_one() -> None:
    speaker = RecordingSpeaker()
    script_id = speaker.speak([Phrase("はい。"), Phrase("Yes.", "en")])
    speaker.stop()
    speaker.wait()
    events = [speaker.next_event(1) for _ in range(5)]
    assert [type(e).__name__ for e in events] == ["PhraseStarted", "PhraseEnded", "PhraseStarted", "PhraseEnded",
                                                  "ScriptFinished"]
    assert all(e is not None and e.script_id == script_id for e in events)
    assert speaker.spoken == [(Phrase("はい。"), Phrase("Yes.", "en"))]
    assert speaker.actions == ["speak", "stop"]


def test_speech_bounds_find_the_voice(openjtalk: OpenJTalkSynthesizer) -> None:
    audio = synthesize(openjtalk, "はい。", "ja")
    bounds = speech_bounds(audio)
    assert bounds is not None and 0.0 < bounds[0] < 0.2 and bounds[1] < audio.duration_s
    assert speech_bounds(Audio(bytes(4800), 48000)) is None


def test_the_municipal_reading_dictionary_reaches_open_jtalk() -> None:
    """Speech reads names as the furigana show them: the dictionary overrides Open JTalk's own
    reading. 東海林 is ショージ (3 morae) to Open JTalk and とうかいりん (6) in the dictionary, so the
    spoken word gets audibly longer."""
    with_dictionary = OpenJTalkSynthesizer(readings={"東海林": "とうかいりん"})
    plain = OpenJTalkSynthesizer()
    longer = (synthesize(with_dictionary, "東海林さん", "ja").duration_s
              - synthesize(plain, "東海林さん", "ja").duration_s)
    assert longer > 0.1, longer
