"""Provides check(): the plain-Japanese (やさしい日本語) rules, run over UniDic tokens.

Each rule reports :class:`Finding` objects with a stable rule id, character offsets into the text
as given, a severity and a message in Japanese and English, so that ``madoguchi content check``
can point at ``file:line`` and an editor can fix the words. The thresholds live in a
:class:`Profile`; none of the sources sets one number for every text (the 2020 guideline sets
none), so each profile field says where its default comes from.

Decisions worth knowing:

- **Spaces.** Plain text is written with spaces between bunsetsu (分かち書き). Spaces never count
  as characters, never become tokens that a pattern has to step over, and do end a kanji or
  katakana run (the reader sees the gap); allowed terms are still found when spaced.
- **Sentences** end at 。！？!? outside brackets and at every newline, so a list written one item
  per line is checked item by item.
- **です/ます** is required of every sentence of ``kind="prose"``. Headings (``kind="heading"``),
  option labels and list items (``kind="item"``, or a prose line that starts with a bullet such as
  ・, -, 1.) may end in a noun or a plain form: the guideline asks for です/ます in running text,
  and a label is not a sentence.
- **Double negatives** are found by linked patterns (ないわけではない, ないことはない,
  なければならない, ないとは限らない, ざるを得ない, and a negative condition followed by a
  negative within a few tokens), never by counting negators: 「足りないときは…できません」 is two
  plain negatives, not a double negative.
- **Necessary terms** (マイナンバーカード, 電子証明書 …) are allowed by the profile: the guideline
  says to keep such words and explain them, so they are exempt from the loanword and run rules.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from accessibility.errors import AccessibilityError
from accessibility.tokenizer import Token, Tokenizer

Severity = Literal["error", "warning"]
BlockKind = Literal["prose", "heading", "item"]

RULES: tuple[str, ...] = (
    "sentence-length", "kanji-density", "kanji-run", "katakana-run", "desu-masu", "double-negative",
    "passive", "causative", "keigo", "loanword", "wareki", "24-hour-time", "range-tilde",
    "nominalised-verb", "vague", "difficult-word",
)
"""Every rule id check() can report, in the order of the research report's table (§1.2)."""


class GlossaryError(AccessibilityError):
    """The glossary file is missing an entry's word or replacement, or is not valid TOML."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One place where the text breaks a plain-Japanese rule."""

    rule: str
    """Stable id from :data:`RULES`; content files and tests refer to it."""
    start: int
    """Offset of the first character, into the text exactly as passed to check()."""
    end: int
    """Offset just past the last character."""
    severity: Severity
    """"error" fails the content check; "warning" is shown to the editor."""
    message_ja: str
    message_en: str
    suggestion: str = ""
    """Replacement words when the rule knows them; empty otherwise."""


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """A difficult word and the plain words to use instead."""

    word: str
    """A UniDic lemma (matches every inflection) or a compound written whole."""
    plain: str
    source: str
    note: str = ""


GLOSSARY_PATH = Path(__file__).with_name("glossary.toml")
"""The packaged glossary file."""


def load_glossary(path: Path | None = None) -> tuple[GlossaryEntry, ...]:
    """Read a glossary TOML file (``[[entry]]`` tables); the packaged one by default.

    Raises:
        GlossaryError: when the file is not TOML or an entry lacks ``word`` or ``plain``.
    """
    path = path or GLOSSARY_PATH
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise GlossaryError(f"glossary {path}: {error}") from error
    entries = []
    for number, item in enumerate(data.get("entry", []), start=1):
        word, plain = str(item.get("word", "")).strip(), str(item.get("plain", "")).strip()
        if not word or not plain:
            raise GlossaryError(f"glossary entry {number} needs both 'word' and 'plain'")
        entries.append(GlossaryEntry(word=word, plain=plain, source=str(item.get("source", "")),
                                     note=str(item.get("note", ""))))
    return tuple(entries)


GLOSSARY: tuple[GlossaryEntry, ...] = load_glossary()
"""The packaged glossary (accessibility/glossary.toml); immutable."""

NECESSARY_LOANWORDS: frozenset[str] = frozenset({
    "マイナンバーカード", "マイナンバー", "マイナポータル", "マイナ保険証", "在留カード", "カード",
    "コンビニ",
})
"""Loanwords a resident needs for My Number procedures (report §2.2; カード per §1.2's proof of concept)."""

NECESSARY_KANJI_TERMS: frozenset[str] = frozenset({
    "暗証番号", "電子証明書", "本人確認書類", "受理番号",
})
"""Kanji compounds kept as terms, with an explanation where first used (report §2.2, §1.2 row 2)."""


@dataclass(frozen=True, slots=True)
class Profile:
    """Thresholds and word lists for one audience; make variants with ``dataclasses.replace``."""

    name: str
    max_sentence_chars: int
    """Characters per sentence, spaces and the final 。 not counted; beyond it is an error."""
    max_sentence_morae: int
    """Morae (拍) per sentence, numbers read aloud; beyond it is a warning."""
    max_kanji_per_sentence: int
    max_kanji_run: int
    """Longest run of kanji (々 and ヶ count) before a warning."""
    max_katakana_run: int
    allowed_loanwords: frozenset[str] = NECESSARY_LOANWORDS
    """Exempt from the loanword and katakana-run rules wherever they occur, with or without spaces."""
    allowed_kanji_terms: frozenset[str] = NECESSARY_KANJI_TERMS
    """Exempt from the kanji-run rule."""
    vague_lemmas: frozenset[str] = frozenset({"恐れ", "見込み", "見込む", "予想", "程度"})
    """UniDic lemmas reported as vague, besides 可能性, と思われる and ようです (always on)."""
    double_negative_window: int = 8
    """Tokens between a negative condition (なければ, ないと) and the negative that answers it."""
    glossary: tuple[GlossaryEntry, ...] = GLOSSARY
    enabled_rules: frozenset[str] = field(default_factory=lambda: frozenset(RULES))


DEFAULT_PROFILE = Profile(
    name="kiosk",
    max_sentence_chars=30,      # UTokyo checklist: about 24 characters, never over 30
    max_sentence_morae=36,      # Hirosaki: about 24 拍; 1.5× leaves room for a phone number
    max_kanji_per_sentence=13,  # Hirosaki "Category II": up to 13 kanji per sentence
    max_kanji_run=4,            # yorisoi: max-kanji-continuous-len 4
    max_katakana_run=9,         # oosakiken わかりにくさ計算機: runs of 10+ katakana
)
"""やさしい日本語 for kiosk screens, which always show furigana."""

STRICT_PROFILE = Profile(
    name="strict",
    max_sentence_chars=24,      # UTokyo checklist: about 24 characters
    max_sentence_morae=24,      # Hirosaki: 1 sentence, 1 idea, about 24 拍
    max_kanji_per_sentence=4,   # Hirosaki "Category I": about 3–4 kanji per sentence
    max_kanji_run=3,            # stricter than yorisoi (4); no published source
    max_katakana_run=6,         # stricter than oosakiken (10); no published source
    vague_lemmas=frozenset({"恐れ", "見込み", "見込む", "予想", "程度", "など", "くらい"}),
)
"""Readers new to Japanese, or text shown without furigana (emergencies, signs)."""

RELAXED_PROFILE = Profile(
    name="relaxed",
    max_sentence_chars=50,      # 公用文作成の考え方 (2022): take care from 50–60 characters
    max_sentence_morae=75,      # 50 characters at the ratio of the kiosk profile (36/24)
    max_kanji_per_sentence=25,  # UTokyo: kana at least half the text, so half of 50 characters
    max_kanji_run=5,            # oosakiken: runs of 6+ kanji
    max_katakana_run=9,         # oosakiken: runs of 10+ katakana
    enabled_rules=frozenset(RULES) - {"loanword", "passive", "difficult-word"},
)
"""Longer explanations for residents who read Japanese well, and staff hints.

Loanwords, passives and glossary words are ordinary for these readers, so those rules are off.
"""


# ---------------------------------------------------------------- characters and sentences

_KANJI = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヶ"
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff\uff66-\uff9f"  # without ・ (U+30FB), a separator
_KANJI_RUN = re.compile(f"[{_KANJI}]+")
_KATAKANA_RUN = re.compile(f"[{_KATAKANA}]+")
_KANJI_CHAR = re.compile(f"[{_KANJI}]")
_SENTENCE_END = frozenset("。！？!?．")
_OPENING = "（(「『【［[｛{〈《"
_CLOSING = "）)」』】］]｝}〉》"
_BULLET = re.compile(r"[ \t\u3000]*(?:[・•●○◦▪■□◆◇\-*＊]|[0-9０-９]{1,2}[.)．）](?![0-9０-９])|[①-⑳])")
_SMALL_KANA = frozenset("ァィゥェォャュョヮぁぃぅぇぉゃゅょゎ")
_SYMBOL_POS = frozenset({"補助記号", "記号", "空白"})


@dataclass(frozen=True, slots=True)
class _Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    """Tokens inside the sentence, whitespace tokens left out."""
    is_item: bool
    """On a line that starts with a bullet: exempt from です/ます."""


def _is_space_token(token: Token) -> bool:
    return token.pos1 == "空白" or token.surface.isspace()


def _split_sentences(text: str, tokens: tuple[Token, ...]) -> tuple[_Sentence, ...]:
    """Sentences ending at 。！？!? outside brackets and at newlines, trimmed of spaces."""
    spans: list[tuple[int, int, bool]] = []
    line_is_item = bool(_BULLET.match(text))
    start = 0
    depth = 0
    for index, char in enumerate(text):
        if char == "\n":
            spans.append((start, index, line_is_item))
            start, depth = index + 1, 0
            line_is_item = bool(_BULLET.match(text, start))
        elif char in _OPENING:
            depth += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
        elif char in _SENTENCE_END and depth == 0:
            spans.append((start, index + 1, line_is_item))
            start = index + 1
    spans.append((start, len(text), line_is_item))
    starts = [token.start for token in tokens]
    sentences = []
    for begin, end, is_item in spans:
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin == end:
            continue
        inside = tokens[bisect_left(starts, begin):bisect_left(starts, end)]
        sentences.append(_Sentence(begin, end, tuple(t for t in inside if not _is_space_token(t)), is_item))
    return tuple(sentences)


@dataclass(frozen=True, slots=True)
class _Compact:
    """The text without spaces, and where each of its characters sits in the original."""

    text: str
    positions: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Compact:
        positions = tuple(i for i, char in enumerate(text) if not char.isspace())
        return cls("".join(text[i] for i in positions), positions)


def _find_terms(compact: _Compact, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Spans of ``terms`` in the original text, found even when 分かち書き put spaces inside them."""
    positions, compact_text = compact.positions, compact.text
    spans = []
    for term in terms:
        needle = "".join(term.split())
        if not needle:
            continue
        found = compact_text.find(needle)
        while found >= 0:
            spans.append((positions[found], positions[found + len(needle) - 1] + 1))
            found = compact_text.find(needle, found + 1)
    return spans


def _mask(length: int, spans: Iterable[tuple[int, int]]) -> bytearray:
    mask = bytearray(length)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _uncovered_runs(start: int, end: int, covered: bytearray) -> Iterator[tuple[int, int]]:
    """Parts of [start, end) not covered by an allowed term."""
    run_start = None
    for index in range(start, end):
        if covered[index]:
            if run_start is not None:
                yield run_start, index
                run_start = None
        elif run_start is None:
            run_start = index
    if run_start is not None:
        yield run_start, end


# ---------------------------------------------------------------- morae

_DIGIT_MORAE = (2, 2, 1, 2, 2, 1, 2, 2, 2, 2)
"""れい/ゼロ, いち, に, さん, よん, ご, ろく, なな, はち, きゅう."""
_PHONE = re.compile(r"[0-9０-９]+(?:[-‐‑–－][0-9０-９]+)+")
_NUMBER = re.compile(r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?")


def _digit(char: str) -> int:
    return unicodedata.digit(char, 0)


def _group_morae(value: int) -> int:
    """Morae of 1–9999 read as a number; sound changes (さんびゃく, はっせん) keep the count."""
    morae = 0
    for divisor in (1000, 100, 10):
        digit, value = divmod(value, divisor)
        if digit:
            morae += 2 + (0 if digit == 1 else _DIGIT_MORAE[digit])
    return morae + (_DIGIT_MORAE[value] if value else 0)


def _number_morae(digits: str) -> int:
    """Morae of a number read as a quantity (1,000 → せん); digit by digit when it starts with 0."""
    if len(digits) > 1 and digits[0] in "0０":
        return 2 * len(digits)  # ゼロ, イチ, ニー … read out one by one
    value = int("".join(str(_digit(char)) for char in digits))
    if value == 0:
        return 2
    morae = 0
    for unit_morae in (0, 2, 2, 2):  # ones, 万 (まん), 億 (おく), 兆 (ちょう)
        value, group = divmod(value, 10000)
        if group:
            morae += _group_morae(group) + unit_morae
        if not value:
            break
    return morae


def _kana_morae(kana: str) -> int:
    return sum(1 for char in kana if ("\u3041" <= char <= "\u30ff") and char not in _SMALL_KANA and char != "・")


def _sentence_morae(text: str, sentence: _Sentence) -> int:
    """Morae (拍) of the sentence read aloud: UniDic ``pron``, numbers through a small reader."""
    part = text[sentence.start:sentence.end]
    numeric: list[tuple[int, int]] = []
    morae = 0
    for match in _PHONE.finditer(part):
        groups = re.findall(r"[0-9０-９]+", match.group())
        morae += sum(2 * len(group) for group in groups) + (len(groups) - 1)  # の between groups
        numeric.append((sentence.start + match.start(), sentence.start + match.end()))
    for match in _NUMBER.finditer(part):
        begin = sentence.start + match.start()
        if any(s <= begin < e for s, e in numeric):
            continue
        whole, _, fraction = match.group().replace(",", "").replace("，", "").replace("．", ".").partition(".")
        morae += _number_morae(whole) + (2 + 2 * len(fraction) if fraction else 0)  # てん + digits
        numeric.append((begin, sentence.start + match.end()))
    for token in sentence.tokens:
        if any(s <= token.start < e for s, e in numeric):
            continue
        if token.pron:
            morae += _kana_morae(token.pron)
        elif token.kana:
            morae += _kana_morae(token.kana)
        else:
            morae += _kana_morae(token.surface) or 2 * sum(1 for c in token.surface if c.isalpha())
    return morae


def _visible_chars(text: str, sentence: _Sentence) -> int:
    return sum(1 for char in text[sentence.start:sentence.end]
               if not char.isspace() and char not in _SENTENCE_END)


# ---------------------------------------------------------------- the rules

@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    tokens: tuple[Token, ...]
    """Every non-space token of the text."""
    sentences: tuple[_Sentence, ...]
    profile: Profile
    kind: BlockKind
    compact: _Compact


def _finding(rule: str, start: int, end: int, severity: Severity, ja: str, en: str,
             suggestion: str = "") -> Finding:
    return Finding(rule=rule, start=start, end=end, severity=severity, message_ja=ja, message_en=en,
                   suggestion=suggestion)


def _sentence_length(ctx: _Context) -> Iterator[Finding]:
    profile = ctx.profile
    for sentence in ctx.sentences:
        chars = _visible_chars(ctx.text, sentence)
        morae = _sentence_morae(ctx.text, sentence)
        if chars > profile.max_sentence_chars:
            yield _finding("sentence-length", sentence.start, sentence.end, "error",
                           f"文が長すぎます（{chars}字・{morae}拍。{profile.max_sentence_chars}字まで）。"
                           "2つ以上の文に分けてください。",
                           f"Sentence too long: {chars} characters, {morae} morae "
                           f"(limit {profile.max_sentence_chars} characters). Split it.")
        elif morae > profile.max_sentence_morae:
            yield _finding("sentence-length", sentence.start, sentence.end, "warning",
                           f"読むと長い文です（{morae}拍。{profile.max_sentence_morae}拍まで）。",
                           f"Sentence long when read aloud: {morae} morae "
                           f"(limit {profile.max_sentence_morae}).")


def _kanji_density(ctx: _Context) -> Iterator[Finding]:
    limit = ctx.profile.max_kanji_per_sentence
    for sentence in ctx.sentences:
        count = len(_KANJI_CHAR.findall(ctx.text, sentence.start, sentence.end))
        if count > limit:
            yield _finding("kanji-density", sentence.start, sentence.end, "warning",
                           f"漢字が多すぎます（{count}字。1文に{limit}字まで）。",
                           f"Too many kanji: {count} in one sentence (limit {limit}).")


def _runs(ctx: _Context, pattern: re.Pattern[str], allowed: frozenset[str], limit: int,
          rule: str, what_ja: str, what_en: str) -> Iterator[Finding]:
    covered = _mask(len(ctx.text), _find_terms(ctx.compact, allowed))
    for match in pattern.finditer(ctx.text):
        for start, end in _uncovered_runs(match.start(), match.end(), covered):
            if end - start > limit:
                yield _finding(rule, start, end, "warning",
                               f"{what_ja}が{end - start}字続きます（{limit}字まで）: {ctx.text[start:end]}",
                               f"{end - start} {what_en} in a row (limit {limit}): {ctx.text[start:end]}")


def _kanji_run(ctx: _Context) -> Iterator[Finding]:
    yield from _runs(ctx, _KANJI_RUN, ctx.profile.allowed_kanji_terms, ctx.profile.max_kanji_run,
                     "kanji-run", "漢字", "kanji")


def _katakana_run(ctx: _Context) -> Iterator[Finding]:
    yield from _runs(ctx, _KATAKANA_RUN, ctx.profile.allowed_loanwords, ctx.profile.max_katakana_run,
                     "katakana-run", "カタカナ", "katakana")


_POLITE_AUX = frozenset({"です", "ます"})


def _last_content_index(tokens: tuple[Token, ...]) -> int:
    """Index of the predicate's last word: trailing symbols, particles and (…) asides skipped."""
    index = len(tokens) - 1
    while index >= 0:
        token = tokens[index]
        if token.surface and token.surface[-1] in _CLOSING:
            depth = 0
            while index >= 0:  # step back over the bracketed aside to its opening bracket
                surface = tokens[index].surface
                depth += sum(c in _CLOSING for c in surface) - sum(c in _OPENING for c in surface)
                index -= 1
                if depth <= 0:
                    break
            continue
        if token.pos1 in _SYMBOL_POS or token.pos1 == "助詞":
            index -= 1
            continue
        return index
    return -1


def _desu_masu(ctx: _Context) -> Iterator[Finding]:
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
        yield _finding("desu-masu", start, end, "error", ja + "文の終わりは「です・ます」にしてください。",
                       en + " End sentences with です/ます.", suggestion)


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


def _double_negative(ctx: _Context) -> Iterator[Finding]:
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        i = 0
        while i < len(tokens):
            end = _double_negative_end(tokens, i, ctx.profile.double_negative_window) if _is_negator(tokens[i]) else -1
            if end < 0:
                i += 1
                continue
            begin = i - 1 if i > 0 and tokens[i - 1].pos1 in {"動詞", "形容詞", "助動詞"} else i
            yield _finding("double-negative", tokens[begin].start, tokens[end].end, "error",
                           "二重否定です。「〜て ください」「〜します」のように、肯定の形で書いてください。",
                           "Double negative. Say it positively (〜て ください, 〜します).")
            i = end + 1


def _passive_causative(ctx: _Context) -> Iterator[Finding]:
    tokens = ctx.tokens
    for index, token in enumerate(tokens):
        if token.pos1 != "助動詞":
            continue
        if token.lemma in {"れる", "られる"} and "passive" in ctx.profile.enabled_rules:
            if index and tokens[index - 1].lemma == "思う":
                continue  # と思われる is reported once, as vague
            yield _finding("passive", token.start, token.end, "warning",
                           "受け身（または可能・尊敬）の「れる・られる」です。「〜します」の形にできるか見てください。",
                           "Passive (or potential/honorific) れる/られる; prefer the active voice.")
        elif token.lemma in {"せる", "させる"} and "causative" in ctx.profile.enabled_rules:
            yield _finding("causative", token.start, token.end, "warning",
                           "使役の「せる・させる」です。だれが するかを はっきり書いてください。",
                           "Causative せる/させる; say plainly who does what.")


_KEIGO_LEMMAS: dict[str, str] = {
    "いらっしゃる": "いる / 来る / 行く", "仰る": "言う", "為さる": "する", "召し上がる": "食べる / 飲む",
    "伺う": "聞く / 行く", "参る": "来る / 行く", "申す": "言う", "申し上げる": "言う", "拝見": "見る",
    "存ずる": "知っている / 思う", "致す": "する", "御座る": "ある / です", "頂く": "もらう",
    "差し上げる": "あげる", "承る": "聞く / 受ける", "御覧": "見る",
}
"""尊敬語・謙譲語 by UniDic lemma, with the plain verb (report §1.2 row 7)."""
_HONORIFIC_TAILS = frozenset({"下さる", "成る", "為る", "致す", "出来る", "頂く", "願う"})


def _keigo(ctx: _Context) -> Iterator[Finding]:
    tokens = ctx.tokens
    reported: set[int] = set()
    for index, token in enumerate(tokens):
        plain = _KEIGO_LEMMAS.get(token.lemma)
        if plain is not None:
            reported.add(index)
            yield _finding("keigo", token.start, token.end, "error",
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
        yield _finding("keigo", token.start, tokens[tail].end, "warning",
                       f"「お/ご〜」の敬語です: {ctx.text[token.start:tokens[tail].end]}。",
                       f"Honorific お/ご〜 form: {ctx.text[token.start:tokens[tail].end]}.", suggestion)


def _loanword(ctx: _Context, difficult: list[tuple[int, int]]) -> Iterator[Finding]:
    covered = _mask(len(ctx.text), [*_find_terms(ctx.compact, ctx.profile.allowed_loanwords), *difficult])
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
        yield _finding("loanword", start, end, "warning",
                       f"外来語です: {word}。和語や漢語で言えるか見てください。必要な言葉なら説明を付けてください。",
                       f"Loanword: {word}. Use a Japanese word, or explain it if residents need it.")
        index = last + 1


_WAREKI = re.compile(r"(令和|平成|昭和|大正)\s*([0-9０-９]{1,2}|元)\s*年")
_ERA_OFFSET = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}


def _wareki(ctx: _Context) -> Iterator[Finding]:
    for match in _WAREKI.finditer(ctx.text):
        era, number = match.group(1), match.group(2)
        year = _ERA_OFFSET[era] + (1 if number == "元" else int("".join(str(_digit(c)) for c in number)))
        yield _finding("wareki", match.start(), match.end(), "error",
                       f"和暦です: {match.group()}。西暦で書いてください（{year}年）。",
                       f"Japanese era year {match.group()}; write the Western year ({year}).", f"{year}年")


_HOUR = re.compile(r"(?<![0-9０-９:：])([0-9０-９]{1,2})\s*時(?!間)")
_CLOCK = re.compile(r"(?<![0-9０-９:：])([0-9０-９]{1,2})[:：]([0-9０-９]{2})(?![0-9０-９])")


def _afternoon(hour: int) -> str:
    return "午前0時" if hour == 24 else f"午後{hour - 12}時"


def _twenty_four_hour(ctx: _Context) -> Iterator[Finding]:
    def hour_of(digits: str) -> int:
        return int("".join(str(_digit(c)) for c in digits))

    for match in _HOUR.finditer(ctx.text):
        hour = hour_of(match.group(1))
        if 13 <= hour <= 24:
            yield _finding("24-hour-time", match.start(), match.end(), "error",
                           f"24時間制の時刻です: {match.group()}。「午前・午後」で書いてください。",
                           f"24-hour time {match.group()}; write 午前/午後 (a.m./p.m.).", _afternoon(hour))
    for match in _CLOCK.finditer(ctx.text):
        hour, minute = hour_of(match.group(1)), hour_of(match.group(2))
        if 13 <= hour <= 24:
            suggestion = _afternoon(hour) + (f"{minute}分" if minute else "")
            yield _finding("24-hour-time", match.start(), match.end(), "error",
                           f"24時間制の時刻です: {match.group()}。「午前・午後」で書いてください。",
                           f"24-hour time {match.group()}; write 午前/午後 (a.m./p.m.).", suggestion)


_TILDE = re.compile(r"[〜～~]")
_URL = re.compile(r"https?://\S+")


def _range_tilde(ctx: _Context) -> Iterator[Finding]:
    urls = [match.span() for match in _URL.finditer(ctx.text)]
    for match in _TILDE.finditer(ctx.text):
        if any(s <= match.start() < e for s, e in urls):
            continue
        yield _finding("range-tilde", match.start(), match.end(), "error",
                       "「〜」は読めない人がいます。「Aから Bまで」と書いてください。",
                       "Write ranges as 「Aから Bまで」, not with 〜.", "から … まで")


_NEED_WORDS = frozenset({"必要", "大切", "重要", "大事", "不要"})


def _nominalised_verb(ctx: _Context) -> Iterator[Finding]:
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
        yield _finding("nominalised-verb", token.start, need.end, "warning",
                       f"動詞を名詞にした言い方です: {phrase}。「〜して ください」のように動詞で書いてください。",
                       f"Nominalised verb: {phrase}. Use the verb (〜して ください).", suggestion)


def _vague(ctx: _Context) -> Iterator[Finding]:
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
        yield _finding("vague", span[0], span[1], "warning",
                       f"あいまいな言い方です: {phrase}。はっきり書いてください。",
                       f"Vague or hedged wording: {phrase}. Say it plainly.")


def _difficult_words(ctx: _Context) -> list[Finding]:
    findings = []
    starts = {token.start for token in ctx.tokens}
    ends = {token.end for token in ctx.tokens}
    for entry in ctx.profile.glossary:
        spans = [(t.start, t.end) for t in ctx.tokens if t.lemma == entry.word or t.surface == entry.word]
        if not spans:
            spans = [(s, e) for s, e in _find_terms(ctx.compact, [entry.word]) if s in starts and e in ends]
        for start, end in spans:
            word = ctx.text[start:end]
            findings.append(_finding("difficult-word", start, end, "warning",
                                     f"むずかしい言葉です: {word} → {entry.plain}",
                                     f"Difficult word: {word}; plain: {entry.plain}", entry.plain))
    return findings


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
    tokens = tuple(t for t in tokenizer.tokenize(text) if not _is_space_token(t))
    ctx = _Context(text=text, tokens=tokens, sentences=_split_sentences(text, tokens), profile=profile,
                   kind=kind, compact=_Compact.of(text))
    enabled = profile.enabled_rules
    findings: list[Finding] = []
    difficult = _difficult_words(ctx) if "difficult-word" in enabled else []
    findings.extend(difficult)
    rules = (("sentence-length", _sentence_length), ("kanji-density", _kanji_density),
             ("kanji-run", _kanji_run), ("katakana-run", _katakana_run), ("desu-masu", _desu_masu),
             ("double-negative", _double_negative), ("keigo", _keigo), ("wareki", _wareki),
             ("24-hour-time", _twenty_four_hour), ("range-tilde", _range_tilde),
             ("nominalised-verb", _nominalised_verb), ("vague", _vague))
    for rule, run in rules:
        if rule in enabled:
            findings.extend(run(ctx))
    if enabled & {"passive", "causative"}:
        findings.extend(_passive_causative(ctx))
    if "loanword" in enabled:
        findings.extend(_loanword(ctx, [(f.start, f.end) for f in difficult]))
    return tuple(sorted(findings, key=lambda f: (f.start, f.end, f.rule)))
