"""Provides the jReadability score (Lee & Hasebe) computed from our own tokens, and its bands.

The formula is the one in the ``jreadability`` package (joshdavham/jreadability, MIT), re-implemented
over :class:`~accessibility.tokenizer.Token` so that the tokenizer stays an argument and one
analysis serves the furigana, the plain-Japanese checks and this score. The package itself builds
its own fugashi tagger and cannot take our tokens; it is only a test dependency, used to prove
that both give the same number (``tests/accessibility/test_readability.py``).

Parity details that matter, copied from jreadability 1.1.5:

- every token counts, punctuation included, both in words per sentence and in the percentage
  denominators (MeCab drops plain and newline whitespace, so those never become tokens);
- a sentence ends after a token whose surface is 。, ？, ！ or ．, and only there: newlines and
  half-width ``!``/``?`` do not end one;
- verbs are ``pos1 == 動詞`` except ``pos2 == 非自立可能`` (the あり of あります), particles are
  ``pos1 == 助詞``, kango and wago are ``goshu`` 漢 and 和.

The score means something only for prose of a few hundred characters (jreadability.net asks for
400–1,000): 「はい。」 scores 9.51. :func:`assess` applies that limit; :func:`measure` does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from accessibility.tokenizer import Token, Tokenizer

INTERCEPT = 11.724
"""The constant of the regression (Lee & Hasebe; jreadability 1.1.5)."""
WEIGHT_WORDS_PER_SENTENCE = -0.056
WEIGHT_KANGO_PERCENT = -0.126
WEIGHT_WAGO_PERCENT = -0.042
WEIGHT_VERB_PERCENT = -0.145
WEIGHT_PARTICLE_PERCENT = -0.044

SENTENCE_ENDS = frozenset({"。", "？", "！", "．"})
"""Token surfaces after which jreadability closes a sentence; nothing else closes one."""

MIN_PROSE_CHARS = 400
"""Below this many non-space characters :func:`assess` declines to score (jreadability.net: 400–1,000)."""
TARGET_SCORE = 4.5
"""The lower edge of 初級後半 (やさしい); plain-Japanese prose should reach it."""
WARN_BELOW = 3.5
"""Below the lower edge of 中級前半, a plain-register block is clearly not plain."""


@dataclass(frozen=True, slots=True)
class Band:
    """One of jreadability.net's six levels; higher scores are easier."""

    name: str
    """The Japanese level name shown by jreadability.net, e.g. 初級後半."""
    name_en: str
    low: float
    """Lowest score of the band, inclusive, at one decimal (the site's own precision)."""
    high: float
    """Highest score of the band, inclusive, at one decimal."""


BANDS: tuple[Band, ...] = (
    Band("上級後半", "upper advanced", 0.5, 1.4),
    Band("上級前半", "lower advanced", 1.5, 2.4),
    Band("中級後半", "upper intermediate", 2.5, 3.4),
    Band("中級前半", "lower intermediate", 3.5, 4.4),
    Band("初級後半", "upper elementary", 4.5, 5.4),
    Band("初級前半", "lower elementary", 5.5, 6.4),
)
"""From hardest to easiest (https://jreadability.net/sys/q_and_a?lang=ja)."""


def band_for(score: float) -> Band | None:
    """The band of ``score`` rounded to one decimal as the site shows it; None outside 0.5–6.4.

    Scores outside the scale happen (short or list-like text) and mean "not measurable", which is
    why this does not clamp them into the nearest band.
    """
    shown = round(score, 1)
    for band in BANDS:
        if band.low <= shown <= band.high:
            return band
    return None


@dataclass(frozen=True, slots=True)
class Readability:
    """A jReadability score with the counts behind it, so a reviewer can see what drove it."""

    score: float
    band: Band | None
    """None when the score falls outside the published scale."""
    sentences: int
    tokens: int
    words_per_sentence: float
    kango_percent: float
    wago_percent: float
    verb_percent: float
    particle_percent: float


def _sentence_count(tokens: tuple[Token, ...]) -> int:
    ends = sum(1 for token in tokens if token.surface in SENTENCE_ENDS)
    trailing = bool(tokens) and tokens[-1].surface not in SENTENCE_ENDS
    return ends + int(trailing)


def measure(text: str, tokenizer: Tokenizer) -> Readability | None:
    """jReadability of ``text`` at any length; None when the text has no tokens at all.

    The reference package raises ZeroDivisionError on empty text; an empty field is ordinary
    content here, so it gets None instead.
    """
    tokens = tokenizer.tokenize(text)
    if not tokens:
        return None
    total = len(tokens)
    kango = sum(1 for t in tokens if t.goshu == "漢")
    wago = sum(1 for t in tokens if t.goshu == "和")
    verbs = sum(1 for t in tokens if t.pos1 == "動詞" and t.pos2 != "非自立可能")
    particles = sum(1 for t in tokens if t.pos1 == "助詞")
    sentences = _sentence_count(tokens)
    words_per_sentence = total / sentences
    kango_percent = 100.0 * kango / total
    wago_percent = 100.0 * wago / total
    verb_percent = 100.0 * verbs / total
    particle_percent = 100.0 * particles / total
    score = (INTERCEPT
             + WEIGHT_WORDS_PER_SENTENCE * words_per_sentence
             + WEIGHT_KANGO_PERCENT * kango_percent
             + WEIGHT_WAGO_PERCENT * wago_percent
             + WEIGHT_VERB_PERCENT * verb_percent
             + WEIGHT_PARTICLE_PERCENT * particle_percent)
    return Readability(score=score, band=band_for(score), sentences=sentences, tokens=total,
                       words_per_sentence=words_per_sentence, kango_percent=kango_percent,
                       wago_percent=wago_percent, verb_percent=verb_percent,
                       particle_percent=particle_percent)


SkipReason = Literal["", "empty", "too-short"]


@dataclass(frozen=True, slots=True)
class Assessment:
    """The score of a prose block, or why it was not scored."""

    readability: Readability | None
    """None when the block was skipped; ``reason`` then says why."""
    reason: SkipReason
    """"" when scored, "empty" for blank text, "too-short" below the length limit."""
    chars: int
    """Non-space characters in the block, the figure compared with the limit."""
    min_chars: int

    @property
    def meets_target(self) -> bool | None:
        """True at 初級後半 or easier; None when not scored."""
        return None if self.readability is None else self.readability.score >= TARGET_SCORE

    @property
    def needs_warning(self) -> bool | None:
        """True below 中級前半, where a plain-register block should be rewritten; None when not scored."""
        return None if self.readability is None else self.readability.score < WARN_BELOW


def assess(text: str, tokenizer: Tokenizer, *, min_chars: int = MIN_PROSE_CHARS) -> Assessment:
    """Score ``text`` only if it is prose long enough for the formula to mean something.

    Short strings (titles, buttons, one-line hints) return no score with reason "too-short":
    judge those with :func:`accessibility.plain_japanese.check` instead.
    """
    chars = sum(1 for char in text if not char.isspace())
    if chars == 0:
        return Assessment(readability=None, reason="empty", chars=0, min_chars=min_chars)
    if chars < min_chars:
        return Assessment(readability=None, reason="too-short", chars=chars, min_chars=min_chars)
    readability = measure(text, tokenizer)
    if readability is None:  # only symbols MeCab drops; treat like blank text
        return Assessment(readability=None, reason="empty", chars=chars, min_chars=min_chars)
    return Assessment(readability=readability, reason="", chars=chars, min_chars=min_chars)
