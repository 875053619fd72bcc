"""Provides the rules on word choice: loanwords, vague wording and the glossary's difficult words."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility.plain_japanese.findings import Finding, finding
from accessibility.plain_japanese.text import Context, covered_mask, find_terms


def loanword(ctx: Context, difficult: list[tuple[int, int]]) -> Iterator[Finding]:
    covered = covered_mask(len(ctx.text), [*find_terms(ctx.compact, ctx.profile.allowed_loanwords), *difficult])
    tokens = ctx.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.goshu != "外" or covered[token.start]:
            index += 1
            continue
        last = index
        while (last + 1 < len(tokens) and tokens[last + 1].goshu == "外"
               and not covered[tokens[last + 1].start] and tokens[last + 1].start == tokens[last].end):
            last += 1
        start, end = token.start, tokens[last].end
        word = ctx.text[start:end]
        yield finding("loanword", start, end, "warning",
                      f"外来語です: {word}。和語や漢語で言えるか見てください。必要な言葉なら説明を付けてください。",
                      f"Loanword: {word}. Use a Japanese word, or explain it if residents need it.")
        index = last + 1


def vague(ctx: Context) -> Iterator[Finding]:
    tokens = ctx.tokens
    for index, token in enumerate(tokens):
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        span: tuple[int, int] | None = None
        if token.lemma in ctx.profile.vague_lemmas:
            span = (token.start, token.end)
        elif token.lemma == "可能" and nxt is not None and nxt.lemma == "性":
            span = (token.start, nxt.end)
        elif token.lemma == "思う" and nxt is not None and nxt.lemma in {"れる", "られる"}:
            begin = tokens[index - 1].start if index and tokens[index - 1].lemma == "と" else token.start
            span = (begin, nxt.end)
        elif (token.lemma == "様" and token.pos2 == "助動詞語幹" and nxt is not None
              and nxt.lemma in {"だ", "です"} and nxt.surface not in {"に", "な"}):  # not ように/ような
            span = (token.start, nxt.end)
        if span is None:
            continue
        phrase = ctx.text[span[0]:span[1]]
        yield finding("vague", span[0], span[1], "warning",
                      f"あいまいな言い方です: {phrase}。はっきり書いてください。",
                      f"Vague or hedged wording: {phrase}. Say it plainly.")


def difficult_words(ctx: Context) -> list[Finding]:
    findings = []
    starts = {token.start for token in ctx.tokens}
    ends = {token.end for token in ctx.tokens}
    for entry in ctx.profile.glossary:
        spans = [(t.start, t.end) for t in ctx.tokens if t.lemma == entry.word or t.surface == entry.word]
        if not spans:
            spans = [(s, e) for s, e in find_terms(ctx.compact, [entry.word]) if s in starts and e in ends]
        for start, end in spans:
            word = ctx.text[start:end]
            findings.append(finding("difficult-word", start, end, "warning",
                                    f"むずかしい言葉です: {word} → {entry.plain}",
                                    f"Difficult word: {word}; plain: {entry.plain}", entry.plain))
    return findings
