"""Provides ``madoguchi a11y``: furigana, the plain-Japanese check and read-aloud on any text, with the
kiosk's own rules and voices, so writers can try their text before it goes into the content."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import click

from madoguchi.commands.common import Refused

if TYPE_CHECKING:
    from accessibility.readings import ReadingDictionary


@click.group()
def a11y() -> None:
    """Accessibility tools: furigana, plain-Japanese checks, read-aloud."""


def _reading_dictionary() -> ReadingDictionary:
    """content/readings.toml when there is one: the readings the kiosk itself uses."""
    from accessibility.readings import EMPTY_DICTIONARY, load_dictionary
    from backend.config.env import content_dir

    path = content_dir() / "readings.toml"
    return load_dictionary(path) if path.exists() else EMPTY_DICTIONARY


@a11y.command("furigana")
@click.argument("text")
@click.option("--style", type=click.Choice(["ruby", "inline"]), default="ruby", show_default=True,
              help="ruby: readings on a line above the text; inline: 漢字（かんじ）.")
@click.option("--above-grade", type=click.IntRange(1, 6), default=None,
              help="Only kanji taught after this school grade get a reading (default: every kanji).")
@click.option("--width", type=click.IntRange(10, 400), default=None, help="Wrap at this many terminal cells.")
def a11y_furigana(text: str, style: str, above_grade: int | None, width: int | None) -> None:
    """Show TEXT with furigana (readings from UniDic, number rules and content/readings.toml)."""
    from accessibility.furigana import annotate, inline, ruby_lines
    from accessibility.tokenizer import FugashiTokenizer

    segments = annotate(text, FugashiTokenizer(), _reading_dictionary(), above_grade=above_grade)
    if style == "inline":
        click.echo(inline(segments))
        return
    for ruby, base in ruby_lines(segments, width):
        click.echo(ruby)
        click.echo(base)


@a11y.command("check")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option("--profile", type=click.Choice(["default", "strict", "relaxed"]), default="default",
              show_default=True, help="Thresholds: default is やさしい日本語 for kiosk text.")
@click.option("--kind", type=click.Choice(["prose", "heading", "item"]), default="prose", show_default=True,
              help="Headings and list items may end without です/ます.")
def a11y_check(source: IO[str], profile: str, kind: str) -> None:
    """Check Japanese text in SOURCE (a file, or - for standard input) against the plain-Japanese rules.

    Prints the jReadability score where the text is long enough for it to mean something, then
    each finding as line:column: severity [rule] message. Exit status: 0 no errors, 1 errors found.
    """
    from accessibility import plain_japanese, readability
    from accessibility.tokenizer import FugashiTokenizer

    text = source.read()
    tokenizer = FugashiTokenizer()
    chosen = {"default": plain_japanese.DEFAULT_PROFILE, "strict": plain_japanese.STRICT_PROFILE,
              "relaxed": plain_japanese.RELAXED_PROFILE}[profile]
    assessment = readability.assess(text, tokenizer)
    if assessment.readability is None:
        reason = "empty text" if assessment.reason == "empty" else (
            f"{assessment.chars} characters; needs {assessment.min_chars} for a meaningful score")
        click.echo(f"jReadability: not scored ({reason})")
    else:
        r = assessment.readability
        band = f"{r.band.name} / {r.band.name_en}" if r.band else "outside the scale"
        click.echo(f"jReadability: {r.score:.2f} ({band}); target ≥ {readability.TARGET_SCORE}")
    findings = plain_japanese.check(text, tokenizer, chosen, kind=kind)  # type: ignore[arg-type]
    for finding in findings:
        line = text.count("\n", 0, finding.start) + 1
        column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
        excerpt = text[finding.start:finding.end]
        hint = f" → {finding.suggestion}" if finding.suggestion and finding.suggestion not in finding.message_en else ""
        click.echo(f"{line}:{column}: {finding.severity} [{finding.rule}] 「{excerpt}」 "
                   f"{finding.message_ja} / {finding.message_en}{hint}")
    errors = sum(1 for f in findings if f.severity == "error")
    click.echo(f"{errors} error(s), {len(findings) - errors} warning(s)")
    sys.exit(1 if errors else 0)


@a11y.command("speak")
@click.argument("text")
@click.option("--lang", default="ja", show_default=True, help="Language of TEXT (ja, en, …).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write a WAV file instead of playing it (needs no sound card).")
@click.option("--rate", type=click.FloatRange(0.5, 2.0), default=1.0, show_default=True, help="Speech rate.")
def a11y_speak(text: str, lang: str, out: Path | None, rate: float) -> None:
    """Read TEXT aloud with the kiosk's voices (Open JTalk for Japanese, espeak-ng for others).

    Without --out it plays on MADOGUCHI_AUDIO_DEVICE (an ALSA device; default "default").
    """
    from accessibility.errors import AccessibilityError
    from accessibility.speech import Phrase, ScriptFinished, SpeechFailed, open_speaker, synthesize_to_wav

    try:
        readings = _reading_dictionary()
        if out is not None:
            audio = synthesize_to_wav(text, lang, out, rate, readings=readings)
            click.echo(f"wrote {out}: {audio.duration_s:.2f} s at {audio.sample_rate} Hz")
            return
        speaker = open_speaker((lang,), rate=rate, readings=readings)
        try:
            speaker.speak([Phrase(text, lang)])
            while True:
                event = speaker.next_event(60)
                if isinstance(event, SpeechFailed):
                    raise event.error
                if event is None or isinstance(event, ScriptFinished):
                    break
        finally:
            speaker.close()
    except AccessibilityError as error:
        raise Refused(f"cannot speak: {error}") from None
