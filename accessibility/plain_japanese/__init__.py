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

The rules are grouped by what they look at: ``length`` (sentence length, kanji, runs), ``politeness``
(です/ます, 敬語), ``grammar`` (double negatives, passives, nominalised verbs), ``notation`` (dates,
times, ranges) and ``wording`` (loanwords, vague words, the glossary); ``checker`` runs them.
"""

from __future__ import annotations

from accessibility.plain_japanese.checker import check
from accessibility.plain_japanese.findings import RULES, Finding, Severity
from accessibility.plain_japanese.glossary import GLOSSARY, GLOSSARY_PATH, GlossaryEntry, GlossaryError, load_glossary
from accessibility.plain_japanese.profiles import (
    DEFAULT_PROFILE,
    NECESSARY_KANJI_TERMS,
    NECESSARY_LOANWORDS,
    RELAXED_PROFILE,
    STRICT_PROFILE,
    Profile,
)
from accessibility.plain_japanese.text import BlockKind

__all__ = [
    "DEFAULT_PROFILE", "GLOSSARY", "GLOSSARY_PATH", "NECESSARY_KANJI_TERMS", "NECESSARY_LOANWORDS",
    "RELAXED_PROFILE", "RULES", "STRICT_PROFILE", "BlockKind", "Finding", "GlossaryEntry", "GlossaryError",
    "Profile", "Severity", "check", "load_glossary",
]
