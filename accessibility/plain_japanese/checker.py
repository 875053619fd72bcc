"""Provides check(), which runs every rule its profile enables over one field of content."""

from __future__ import annotations

from accessibility.plain_japanese.findings import Finding
from accessibility.plain_japanese.grammar import double_negative, nominalised_verb, passive_causative
from accessibility.plain_japanese.length import kanji_density, kanji_run, katakana_run, sentence_length
from accessibility.plain_japanese.notation import range_tilde, twenty_four_hour, wareki
from accessibility.plain_japanese.politeness import desu_masu, keigo
from accessibility.plain_japanese.profiles import DEFAULT_PROFILE, Profile
from accessibility.plain_japanese.text import BlockKind, Compact, Context, is_space_token, split_sentences
from accessibility.plain_japanese.wording import difficult_words, loanword, vague
from accessibility.tokenizer import Tokenizer


def check(text: str, tokenizer: Tokenizer, profile: Profile = DEFAULT_PROFILE, *,
          kind: BlockKind = "prose") -> tuple[Finding, ...]:
    """Every plain-Japanese finding in ``text``, ordered by position.

    Args:
        text: one field of content (a title, a body, one step); offsets refer to it unchanged.
        tokenizer: any :class:`~accessibility.tokenizer.Tokenizer` (UniDic features expected).
        profile: thresholds and word lists; :data:`DEFAULT_PROFILE` is for kiosk screens.
        kind: "prose" requires です/ます; "heading" and "item" (option labels, list items) do not.

    Returns:
        Findings sorted by start, end and rule; empty for empty text.
    """
    if not text.strip():
        return ()
    tokens = tuple(t for t in tokenizer.tokenize(text) if not is_space_token(t))
    ctx = Context(text=text, tokens=tokens, sentences=split_sentences(text, tokens), profile=profile,
                  kind=kind, compact=Compact.of(text))
    enabled = profile.enabled_rules
    findings: list[Finding] = []
    difficult = difficult_words(ctx) if "difficult-word" in enabled else []
    findings.extend(difficult)
    rules = (("sentence-length", sentence_length), ("kanji-density", kanji_density),
             ("kanji-run", kanji_run), ("katakana-run", katakana_run), ("desu-masu", desu_masu),
             ("double-negative", double_negative), ("keigo", keigo), ("wareki", wareki),
             ("24-hour-time", twenty_four_hour), ("range-tilde", range_tilde),
             ("nominalised-verb", nominalised_verb), ("vague", vague))
    for rule, run in rules:
        if rule in enabled:
            findings.extend(run(ctx))
    if enabled & {"passive", "causative"}:
        findings.extend(passive_causative(ctx))
    if "loanword" in enabled:
        findings.extend(loanword(ctx, [(f.start, f.end) for f in difficult]))
    return tuple(sorted(findings, key=lambda f: (f.start, f.end, f.rule)))
