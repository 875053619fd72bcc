"""Provides the rules on sentence structure: double negatives, passives and causatives, nominalised verbs.

Double negatives are found by linked patterns, never by counting negators:
「足りないときは…できません」 is two plain negatives, not a double negative.
"""

from __future__ import annotations

from collections.abc import Iterator

from accessibility.plain_japanese.findings import Finding, finding
from accessibility.plain_japanese.text import Context
from accessibility.tokenizer import Token


def _is_negator(token: Token) -> bool:
    return ((token.pos1 == "助動詞" and token.lemma in {"ない", "ず", "ぬ"})
            or (token.pos1 == "形容詞" and token.lemma == "無い"))


_NOMINAL_LINKS = frozenset({"訳", "事", "筈"})
_LINK_FILLERS = frozenset({"有る", "行く", "出来る", "だ", "です", "ます"})


def _double_negative_end(tokens: tuple[Token, ...], i: int, window: int) -> int:
    """End index of a double negative starting at the negator ``tokens[i]``, or -1."""
    n = len(tokens)
    nxt = tokens[i + 1] if i + 1 < n else None
    if nxt is None:
        return -1
    # ないわけではない / ないことはない / ないはずがない / ないわけにはいかない
    if nxt.pos1 == "名詞" and nxt.lemma in _NOMINAL_LINKS:
        for k in range(i + 2, min(n, i + 8)):
            token = tokens[k]
            if _is_negator(token):
                return k
            if token.pos1 != "助詞" and token.lemma not in _LINK_FILLERS:
                return -1
        return -1
    # ないとは限らない / ないとは限りません
    if i + 3 < n and nxt.lemma == "と" and tokens[i + 2].lemma == "は" and tokens[i + 3].lemma == "限る":
        for k in range(i + 4, min(n, i + 6)):
            if _is_negator(tokens[k]):
                return k
            if tokens[k].lemma != "ます":
                break
        return -1
    # ざるを得ない
    if (tokens[i].lemma == "ず" and i + 3 < n and nxt.lemma == "を" and tokens[i + 2].lemma == "得る"
            and _is_negator(tokens[i + 3])):
        return i + 3
    # なければ…ない, ないと…ない, なくては…ない: a negative condition answered by a negative
    conditional = ((nxt.pos1 == "助詞" and nxt.pos2 == "接続助詞" and nxt.lemma in {"ば", "と"})
                   or (nxt.lemma == "て" and i + 2 < n and tokens[i + 2].lemma == "は"))
    if conditional:
        for k in range(i + 2, min(n, i + 2 + window)):
            if _is_negator(tokens[k]):
                return k
    return -1


def double_negative(ctx: Context) -> Iterator[Finding]:
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        i = 0
        while i < len(tokens):
            end = _double_negative_end(tokens, i, ctx.profile.double_negative_window) if _is_negator(tokens[i]) else -1
            if end < 0:
                i += 1
                continue
            begin = i - 1 if i > 0 and tokens[i - 1].pos1 in {"動詞", "形容詞", "助動詞"} else i
            yield finding("double-negative", tokens[begin].start, tokens[end].end, "error",
                          "二重否定です。「〜て ください」「〜します」のように、肯定の形で書いてください。",
                          "Double negative. Say it positively (〜て ください, 〜します).")
            i = end + 1


def passive_causative(ctx: Context) -> Iterator[Finding]:
    tokens = ctx.tokens
    for index, token in enumerate(tokens):
        if token.pos1 != "助動詞":
            continue
        if token.lemma in {"れる", "られる"} and "passive" in ctx.profile.enabled_rules:
            if index and tokens[index - 1].lemma == "思う":
                continue  # と思われる is reported once, as vague
            yield finding("passive", token.start, token.end, "warning",
                          "受け身（または可能・尊敬）の「れる・られる」です。「〜します」の形にできるか見てください。",
                          "Passive (or potential/honorific) れる/られる; prefer the active voice.")
        elif token.lemma in {"せる", "させる"} and "causative" in ctx.profile.enabled_rules:
            yield finding("causative", token.start, token.end, "warning",
                          "使役の「せる・させる」です。だれが するかを はっきり書いてください。",
                          "Causative せる/させる; say plainly who does what.")


_NEED_WORDS = frozenset({"必要", "大切", "重要", "大事", "不要"})


def nominalised_verb(ctx: Context) -> Iterator[Finding]:
    tokens = ctx.tokens
    for index, token in enumerate(tokens[:-2]):
        is_koto = token.pos1 == "名詞" and token.lemma == "事"
        is_sahen = token.pos1 == "名詞" and token.pos3 == "サ変可能"
        if not (is_koto or is_sahen):
            continue
        particle, need = tokens[index + 1], tokens[index + 2]
        if particle.lemma not in {"が", "は"} or particle.pos1 != "助詞" or need.lemma not in _NEED_WORDS:
            continue
        suggestion = f"{token.surface}して ください" if is_sahen and need.lemma != "不要" else ""
        phrase = ctx.text[token.start:need.end]
        yield finding("nominalised-verb", token.start, need.end, "warning",
                      f"動詞を名詞にした言い方です: {phrase}。「〜して ください」のように動詞で書いてください。",
                      f"Nominalised verb: {phrase}. Use the verb (〜して ください).", suggestion)
