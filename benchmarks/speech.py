"""Provides the read-aloud benchmark: time to first sound and synthesis speed.

    python -m benchmarks.speech [--runs N]

- Time to first audio: from ``speak()`` of a typical screen (66 characters, about 11 s of speech)
  to its first samples written to a real ``aplay`` on ALSA's ``null`` device (the speaker's own
  ``last_start_latency_s``), median of N. Baseline in the same run: Open JTalk planning and
  rendering the first piece directly, without the speaker (its thread, player and clock), so the
  ratio shows what the speaker adds. Target ≤ 150 ms.
- Real-time factor: seconds of synthesis per second of audio for Open JTalk on the same screen,
  median of N; baseline in the same run: espeak-ng (through the kiosk's pyttsx3 engine) on the
  same text in kana. Target ≤ 0.1.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREEN = ("マイナンバーカードを紛失したときは、市役所の窓口に来てください。"
          "本人確認の書類を持ってきてください。手続きには三十分ほどかかります。")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    from accessibility.speech import OpenJTalkSynthesizer, Phrase, PhraseStarted, Pyttsx3Synthesizer, open_speaker

    speaker = open_speaker(("ja",), device="null")
    latencies = []
    for _ in range(args.runs + 1):
        speaker.speak([Phrase(SCREEN)])
        while not isinstance(speaker.next_event(5), PhraseStarted):
            pass
        latencies.append(speaker.last_start_latency_s or float("nan"))
        speaker.stop()
    speaker.close()
    latency = statistics.median(latencies[1:])  # the first run warms the engine

    openjtalk, espeak = OpenJTalkSynthesizer(), Pyttsx3Synthesizer()
    openjtalk.load()
    espeak.load()

    def first_piece_s() -> float:
        started = time.perf_counter()
        openjtalk.render(openjtalk.plan(SCREEN, "ja")[0])
        return time.perf_counter() - started

    first_piece_s()
    baseline_start = statistics.median(first_piece_s() for _ in range(args.runs))

    def factor(synthesizer: object) -> float:
        started = time.perf_counter()
        pieces = synthesizer.plan(SCREEN, "ja")  # type: ignore[attr-defined]
        duration = sum(synthesizer.render(p).duration_s for p in pieces)  # type: ignore[attr-defined]
        return (time.perf_counter() - started) / duration

    factor(openjtalk), factor(espeak)  # warm-up
    pairs = [(factor(openjtalk), factor(espeak)) for _ in range(args.runs)]
    rtf = statistics.median(a for a, _ in pairs)
    rtf_espeak = statistics.median(b for _, b in pairs)

    print(f"median of {args.runs} runs; screen of {len(SCREEN)} characters")
    print(f"  speak() → first audio     {latency * 1000:6.0f} ms   target ≤ 150 ms: "
          f"{'ok' if latency <= 0.15 else 'MISSED'}   ({latency / baseline_start:.2f}× rendering the first piece "
          f"directly, {baseline_start * 1000:.0f} ms)")
    print(f"  real-time factor (JTalk)  {rtf:6.3f}      target ≤ 0.1: {'ok' if rtf <= 0.1 else 'MISSED'}   "
          f"({rtf / rtf_espeak:.1f}× espeak-ng's {rtf_espeak:.3f})")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "speech.json").write_text(json.dumps({"first_audio_s": latency, "first_piece_direct_s": baseline_start,
                                                 "rtf_openjtalk": rtf, "rtf_espeak": rtf_espeak}, indent=2))
    return 1 if args.check and (latency > 0.15 or rtf > 0.1) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
