"""Provides the rules on how much a sentence asks of the reader: length, kanji, runs of kanji or katakana."""

from __future__ import annotations

import re
from collections.abc import Iterator

from accessibility.plain_japanese.findings import Finding, finding
from accessibility.plain_japanese.morae import sentence_morae
from accessibility.plain_japanese.text import SENTENCE_END, Context, Sentence, covered_mask, find_terms, uncovered_runs

_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff\uff66-\uff9f"  # without ・ (U+30FB), a separator
_KANJI_RUN = re.compile(f"[{_KANJI}]+")
_KATAKANA_RUN = re.compile(f"[{_KATAKANA}]+")
_KANJI_CHAR = re.compile(f"[{_KANJI}]")


def _visible_chars(text: str, sentence: Sentence) -> int:
    return sum(1 for char in text[sentence.start:sentence.end]
               if not char.isspace() and char not in SENTENCE_END)


def sentence_length(ctx: Context) -> Iterator[Finding]:
    profile = ctx.profile
    for sentence in ctx.sentences:
        chars = _visible_chars(ctx.text, sentence)
        morae = sentence_morae(ctx.text, sentence)
        if chars > profile.max_sentence_chars:
            yield finding("sentence-length", sentence.start, sentence.end, "error",
                          f"文が長すぎます（{chars}字・{morae}拍。{profile.max_sentence_chars}字まで）。"
                          "2つ以上の文に分けてください。",
                          f"Sentence too long: {chars} characters, {morae} morae "
                          f"(limit {profile.max_sentence_chars} characters). Split it.")
        elif morae > profile.max_sentence_morae:
            yield finding("sentence-length", sentence.start, sentence.end, "warning",
                          f"読むと長い文です（{morae}拍。{profile.max_sentence_morae}拍まで）。",
                          f"Sentence long when read aloud: {morae} morae "
                          f"(limit {profile.max_sentence_morae}).")


def kanji_density(ctx: Context) -> Iterator[Finding]:
    limit = ctx.profile.max_kanji_per_sentence
    for sentence in ctx.sentences:
        count = len(_KANJI_CHAR.findall(ctx.text, sentence.start, sentence.end))
        if count > limit:
            yield finding("kanji-density", sentence.start, sentence.end, "warning",
                          f"漢字が多すぎます（{count}字。1文に{limit}字まで）。",
                          f"Too many kanji: {count} in one sentence (limit {limit}).")


def _runs(ctx: Context, pattern: re.Pattern[str], allowed: frozenset[str], limit: int,
          rule: str, what_ja: str, what_en: str) -> Iterator[Finding]:
    covered = covered_mask(len(ctx.text), find_terms(ctx.compact, allowed))
    for match in pattern.finditer(ctx.text):
        for start, end in uncovered_runs(match.start(), match.end(), covered):
            if end - start > limit:
                yield finding(rule, start, end, "warning",
                              f"{what_ja}が{end - start}字続きます（{limit}字まで）: {ctx.text[start:end]}",
                              f"{end - start} {what_en} in a row (limit {limit}): {ctx.text[start:end]}")


def kanji_run(ctx: Context) -> Iterator[Finding]:
    yield from _runs(ctx, _KANJI_RUN, ctx.profile.allowed_kanji_terms, ctx.profile.max_kanji_run,
                     "kanji-run", "漢字", "kanji")


def katakana_run(ctx: Context) -> Iterator[Finding]:
    yield from _runs(ctx, _KATAKANA_RUN, ctx.profile.allowed_loanwords, ctx.profile.max_katakana_run,
                     "katakana-run", "カタカナ", "katakana")
