"""Provides Profile, the thresholds and word lists for one audience, and the three profiles in use.

None of the sources sets one number for every text (the 2020 guideline sets none), so each
profile field says where its default comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from accessibility.plain_japanese.findings import RULES
from accessibility.plain_japanese.glossary import GLOSSARY, GlossaryEntry

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
