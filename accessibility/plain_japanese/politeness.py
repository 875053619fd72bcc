"""Provides the rules on register: sentences end in です/ます, and no 敬語 (尊敬語・謙譲語, お/ご〜)."""

from __future__ import annotations

from collections.abc import Iterator

from accessibility.plain_japanese.findings import Finding, finding
from accessibility.plain_japanese.text import CLOSING, OPENING, Context
from accessibility.tokenizer import Token

_SYMBOL_POS = frozenset({"補助記号", "記号", "空白"})
_POLITE_AUX = frozenset({"です", "ます"})


def _last_content_index(tokens: tuple[Token, ...]) -> int:
    """Index of the predicate's last word: trailing symbols, particles and (…) asides skipped."""
    index = len(tokens) - 1
    while index >= 0:
        token = tokens[index]
        if token.surface and token.surface[-1] in CLOSING:
            depth = 0
            while index >= 0:  # step back over the bracketed aside to its opening bracket
                surface = tokens[index].surface
                depth += sum(c in CLOSING for c in surface) - sum(c in OPENING for c in surface)
                index -= 1
                if depth <= 0:
                    break
            continue
        if token.pos1 in _SYMBOL_POS or token.pos1 == "助詞":
            index -= 1
            continue
        return index
    return -1


def desu_masu(ctx: Context) -> Iterator[Finding]:
    if ctx.kind != "prose":
        return
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        if sentence.is_item or not tokens:
            continue
        last = _last_content_index(tokens)
        if last < 0:
            continue
        if all(t.pos2 == "数詞" or t.pos1 in _SYMBOL_POS or not t.lemma for t in tokens[:last + 1]):
            continue  # a bare number or code (a phone number line) is not a sentence
        final = tokens[last]
        if final.pos1 == "動詞" and final.lemma == "下さる":
            continue
        index = last
        polite = False
        while index >= 0 and tokens[index].pos1 == "助動詞":
            polite = polite or tokens[index].lemma in _POLITE_AUX
            index -= 1
        if polite:
            continue
        start, end = final.start, final.end
        if final.pos1 == "助動詞" and final.lemma == "だ":
            ja, en, suggestion = "「だ・である」で終わっています。", "Ends in the plain copula だ/である.", "です"
        elif final.pos1 in {"名詞", "代名詞", "接尾辞"}:
            ja, en = "名詞で終わっています（体言止め）。", "Ends in a noun (体言止め)."
            suggestion = final.surface + "です"
        else:
            ja, en, suggestion = "普通の形で終わっています。", "Ends in the plain form.", ""
        yield finding("desu-masu", start, end, "error", ja + "文の終わりは「です・ます」にしてください。",
                      en + " End sentences with です/ます.", suggestion)


_KEIGO_LEMMAS: dict[str, str] = {
    "いらっしゃる": "いる / 来る / 行く", "仰る": "言う", "為さる": "する", "召し上がる": "食べる / 飲む",
    "伺う": "聞く / 行く", "参る": "来る / 行く", "申す": "言う", "申し上げる": "言う", "拝見": "見る",
    "存ずる": "知っている / 思う", "致す": "する", "御座る": "ある / です", "頂く": "もらう",
    "差し上げる": "あげる", "承る": "聞く / 受ける", "御覧": "見る",
}
"""尊敬語・謙譲語 by UniDic lemma, with the plain verb (report §1.2 row 7)."""
_HONORIFIC_TAILS = frozenset({"下さる", "成る", "為る", "致す", "出来る", "頂く", "願う"})


def keigo(ctx: Context) -> Iterator[Finding]:
    tokens = ctx.tokens
    reported: set[int] = set()
    for index, token in enumerate(tokens):
        plain = _KEIGO_LEMMAS.get(token.lemma)
        if plain is not None:
            reported.add(index)
            yield finding("keigo", token.start, token.end, "error",
                          f"敬語（尊敬語・謙譲語）です: {token.surface}。「です・ます」だけで書いてください。",
                          f"Honorific or humble verb: {token.surface}. Use plain verbs with です/ます.", plain)
    # お待ちください, ご利用ください, お越しになる: お/ご + verb or サ変 noun + ください/になる/する
    for index, token in enumerate(tokens[:-2]):
        if token.pos1 != "接頭辞" or token.lemma != "御":
            continue
        word = tokens[index + 1]
        is_verb = word.pos1 == "動詞" and word.c_form.startswith("連用形")
        is_sahen = word.pos1 == "名詞" and word.pos3 == "サ変可能"
        if not (is_verb or is_sahen):
            continue
        tail = index + 2
        if tokens[tail].lemma == "に" and tail + 1 < len(tokens):
            tail += 1
        if tokens[tail].lemma not in _HONORIFIC_TAILS or tail in reported:
            continue
        suggestion = f"{word.surface}して ください" if is_sahen and tokens[tail].lemma == "下さる" else ""
        yield finding("keigo", token.start, tokens[tail].end, "warning",
                      f"「お/ご〜」の敬語です: {ctx.text[token.start:tokens[tail].end]}。",
                      f"Honorific お/ご〜 form: {ctx.text[token.start:tokens[tail].end]}.", suggestion)
