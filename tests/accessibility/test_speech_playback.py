"""Read-aloud playback in real time through real aplay processes, on ALSA devices that need no
sound card: ``null`` (discards) and the ``file`` plugin (captures exactly what aplay played).

Checks what a resident would notice: speech starts at once, stop and pause silence it within
100 ms, resume carries on from the word that was cut, and the highlight events match the audio.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from accessibility.speech import (
    MarkReached,
    Phrase,
    PhraseEnded,
    PhraseStarted,
    ScriptFinished,
    SpeechEvent,
    ThreadedSpeaker,
    open_speaker,
    synthesize,
)
from accessibility.speech.audio import Audio, frame_peaks, rms
from accessibility.speech.player import DEVICE_VARIABLE, audio_device

SCREEN = ("マイナンバーカードを紛失したときは、市役所の窓口に来てください。"
          "本人確認の書類を持ってきてください。手続きには三十分ほどかかります。")
"""A typical screen: 66 characters, 11 s of speech."""
PHRASES = ("はい、わかりました。", "番号を押してください。", "少々お待ちください。")


def open_ja(device: str = "null") -> ThreadedSpeaker:
    try:
        return open_speaker(("ja", "en"), device=device)
    except Exception as error:  # noqa: BLE001 - the reason names the missing package
        pytest.fail(f"no Japanese speaker: {error}")


@pytest.fixture
def speaker() -> Iterator[ThreadedSpeaker]:
    speaker = open_ja()
    yield speaker
    speaker.close()


def aplays() -> list[int]:
    """Live aplay processes started by this test process (read from /proc, as ps would)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)
        except OSError:
            continue
        name = fields[0].split("(", 1)[1]
        state, parent = fields[1].split()[:2]
        if name == "aplay" and int(parent) == os.getpid() and state != "Z":
            found.append(int(entry))
    return found


def events_until(speaker: ThreadedSpeaker, kind: type, timeout: float = 20.0,
                 where: object = None) -> list[tuple[float, SpeechEvent]]:
    """(monotonic time, event) pairs up to and including the first ``kind`` event."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        event = speaker.next_event(0.05)
        if event is None:
            continue
        seen.append((time.monotonic(), event))
        if isinstance(event, kind) and (where is None or where(event)):  # type: ignore[operator]
            return seen
    pytest.fail(f"no {kind.__name__} within {timeout} s; saw {[e for _, e in seen]}")


def test_device_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DEVICE_VARIABLE, "null")
    assert audio_device() == "null"
    assert audio_device("plughw:1,0") == "plughw:1,0"
    monkeypatch.delenv(DEVICE_VARIABLE)
    assert audio_device() == "default"


def test_speak_returns_at_once_and_reports_when_sound_starts(speaker: ThreadedSpeaker) -> None:
    """speak() never waits for synthesis (the kiosk calls it from its event loop). How fast the
    sound starts is a benchmark figure (benchmarks/speech.py), not a timed test."""
    started = time.monotonic()
    script_id = speaker.speak([Phrase(SCREEN)])
    assert time.monotonic() - started < 0.5, "speak() must not wait for synthesis"
    events_until(speaker, PhraseStarted)
    assert speaker.last_start_latency_s is not None and speaker.last_start_latency_s > 0
    speaker.stop()
    events_until(speaker, ScriptFinished, where=lambda e: e.script_id == script_id)


def test_a_script_in_two_languages_plays_through(speaker: ThreadedSpeaker) -> None:
    script_id = speaker.speak([Phrase(PHRASES[1]), Phrase("Thank you.", "en")])
    events = [event for _, event in events_until(speaker, ScriptFinished)]
    assert events[-1] == ScriptFinished(script_id, True)
    assert [(type(e).__name__, e.index) for e in events if isinstance(e, (PhraseStarted, PhraseEnded))] == [
        ("PhraseStarted", 0), ("PhraseEnded", 0), ("PhraseStarted", 1), ("PhraseEnded", 1)]
    assert [PHRASES[1][e.start:e.end] for e in events if isinstance(e, MarkReached) and e.index == 0] == [
        "番号を", "押して", "ください。"]
    assert ["Thank", "you"] == [
        "Thank you."[e.start:e.end] for e in events if isinstance(e, MarkReached) and e.index == 1]
    time.sleep(0.2)
    assert not aplays()


def test_stop_silences_playback_within_100_ms(speaker: ThreadedSpeaker) -> None:
    script_id = speaker.speak([Phrase(SCREEN)])
    events_until(speaker, MarkReached, where=lambda e: e.at_s > 1.0)
    assert aplays(), "aplay should be playing"
    asked = time.monotonic()
    speaker.stop()
    returned = time.monotonic() - asked
    while aplays() and time.monotonic() - asked < 1:
        time.sleep(0.005)
    gone = time.monotonic() - asked
    assert returned < 0.1 and gone < 0.1, (returned, gone)
    seen = events_until(speaker, ScriptFinished, timeout=1)
    assert seen[-1][1] == ScriptFinished(script_id, False)


def test_pause_and_resume_from_the_word_that_was_cut(speaker: ThreadedSpeaker) -> None:
    speaker.speak([Phrase("窓口の番号を押して、次に進んでください。")])
    before = events_until(speaker, MarkReached, where=lambda e: e.at_s > 0.8)
    cut = before[-1][1]
    time.sleep(0.1)
    asked = time.monotonic()
    speaker.pause()
    while aplays() and time.monotonic() - asked < 1:
        time.sleep(0.005)
    assert time.monotonic() - asked < 0.1
    quiet = speaker.next_event(0.4)
    assert quiet is None or time.monotonic() - asked < 0.05, quiet  # only events already due
    assert not aplays()
    resumed = time.monotonic()
    speaker.resume()
    after = events_until(speaker, ScriptFinished)
    first = next(event for _, event in after if isinstance(event, MarkReached))
    assert isinstance(cut, MarkReached) and (first.start, first.at_s) == (cut.start, cut.at_s)
    assert after[-1][1].completed  # type: ignore[union-attr]
    assert after[0][0] - resumed < 0.2


def test_repeat_phrase_and_script(speaker: ThreadedSpeaker) -> None:
    script_id = speaker.speak([Phrase("はい。"), Phrase("いいえ。")])
    events_until(speaker, PhraseStarted, where=lambda e: e.index == 1)
    time.sleep(0.2)
    speaker.repeat("phrase")
    again = events_until(speaker, ScriptFinished)
    assert [e.index for _, e in again if isinstance(e, PhraseStarted)] == [1]
    speaker.repeat("script")
    whole = events_until(speaker, ScriptFinished)
    assert [e.index for _, e in whole if isinstance(e, PhraseStarted)] == [0, 1]
    assert whole[-1][1] == ScriptFinished(script_id, True)


def test_a_new_script_replaces_the_old_one(speaker: ThreadedSpeaker) -> None:
    first = speaker.speak([Phrase(SCREEN)])
    events_until(speaker, PhraseStarted)
    second = speaker.speak([Phrase("はい。")])
    seen = [event for _, event in events_until(speaker, ScriptFinished, where=lambda e: e.script_id == second)]
    assert ScriptFinished(first, False) in seen
    assert len(aplays()) <= 1


def test_rate_change_restarts_the_phrase_faster(speaker: ThreadedSpeaker) -> None:
    speaker.speak([Phrase("本人確認の書類を持ってきてください。")])
    events_until(speaker, PhraseStarted)
    time.sleep(0.2)
    speaker.set_rate(2.0)
    seen = events_until(speaker, ScriptFinished)
    restarted = [e for _, e in seen if isinstance(e, PhraseStarted)]
    ended = [e for _, e in seen if isinstance(e, PhraseEnded)]
    assert restarted and ended and ended[-1].at_s - restarted[-1].start_s < 1.8  # about 3 s at 1×


def test_events_match_the_audio_that_was_played(tmp_path: Path) -> None:
    """Captures what aplay played (ALSA's file plugin) and finds each phrase's voice in it."""
    capture = tmp_path / "played.raw"
    speaker = open_ja(f"file:FILE={capture},FORMAT=raw")
    try:
        speaker.set_volume(0.5)
        started = time.monotonic()
        speaker.speak([Phrase(text) for text in PHRASES])
        seen = events_until(speaker, ScriptFinished)
    finally:
        speaker.close()
    played = Audio(capture.read_bytes(), 48000)
    quiet = [peak < 150 for peak in frame_peaks(played.pcm, 48000)]  # 10 ms frames; volume is halved
    onsets = [i * 0.01 for i in range(1, len(quiet)) if quiet[i - 1] and not quiet[i]
              and all(quiet[max(0, i - 25):i])]  # speech after at least 0.25 s of silence
    if not quiet[0]:
        onsets.insert(0, 0.0)
    starts = [(when - started, e) for when, e in seen if isinstance(e, PhraseStarted)]
    assert [e.index for _, e in starts] == [0, 1, 2]
    assert len(onsets) >= 3, onsets
    ends = {e.index: e.at_s for _, e in seen if isinstance(e, PhraseEnded)}
    first_write = starts[0][0]
    for wall, event in starts:
        voice = min(onsets, key=lambda onset: abs(onset - event.start_s))
        assert abs(voice - event.start_s) <= 0.3, (event, onsets)  # where the phrase's voice begins
        assert abs((wall - first_write) - event.start_s) <= 0.3, (wall - first_write, event)  # told on time
        assert abs(event.end_s - ends[event.index]) <= 0.5, (event, ends)  # estimated end
    alone = synthesize(speaker._synthesizers[0], PHRASES[0], "ja")  # type: ignore[attr-defined]
    heard = Audio(played.pcm[:alone.frames * 2], 48000)
    assert rms(heard.pcm) / rms(alone.pcm) == pytest.approx(0.5, abs=0.03)
