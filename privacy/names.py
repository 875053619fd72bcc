"""Provides the check for a resident's name in a volunteer's note: a name label followed by a
name, or a surname with an honorific (docs/decisions/0012-volunteer-notes.md).

Pure and pragmatic: it refuses what a volunteer types when writing a name down on purpose (氏名
山田太郎, 名前：ヤマダ タロウ, お名前は山田さん, 田中様, グエンさん) and lets ordinary notes through (保健師さんに
つなぎました, お客様, 前回同様). A bare name with no label and no honorific, or one in hiragana or
Latin letters, is not caught.
"""

from __future__ import annotations

import re
import unicodedata

_KANJI = "一-龯々〆ヶ"
_KATAKANA = "ァ-ヴー"
_NAME_WORD = rf"(?:[{_KANJI}]+|[{_KATAKANA}]{{2,}})"
_ENDS_A_NAME = r"(?=$|[\s、。,.」）)]|さん|様|さま|です|と|で)"
_LABEL = re.compile(
    rf"(?:お名前|おなまえ|名前|なまえ|氏名|姓名|フリガナ|ふりがな|\bname\b)"
    rf"(?:\s*[:=]\s*|\s+|\s*は\s*){_NAME_WORD}(?:\s+{_NAME_WORD})?{_ENDS_A_NAME}", re.IGNORECASE)
_HONORIFIC = re.compile(rf"(?<![{_KANJI}{_KATAKANA}おご御])({_NAME_WORD})(さん|様|さま|ちゃん|くん)(?![{_KANJI}])")

ROLES = frozenset({
    "皆", "奥", "娘", "息子", "兄", "姉", "弟", "妹", "孫", "嫁", "婿", "父", "母", "祖父", "祖母", "叔父", "叔母",
    "伯父", "伯母", "友人", "知人", "隣人", "主人", "本人", "管理人", "担当", "受付", "窓口", "先方", "相手", "近所",
    "隣", "大家", "神", "仏",
    "ヘルパー", "ケアマネ", "ケアマネジャー", "ボランティア", "スタッフ", "ドクター", "ナース", "オペレーター",
    "サポーター", "ドライバー", "ガードマン", "コンシェルジュ", "パート",
})
"""Words before さん/様 that name a role or a relation, not a person."""
ROLE_ENDINGS = tuple("師員者士官長生客族屋局所課係店医")
"""Last characters of role words (保健師, 職員, 担当者, 司法書士, 警察官, 課長, 先生, 家族, 郵便局, 市役所, 薬屋)."""
NOT_HONORIFIC_BEFORE_SAMA = tuple("同模仕多異左一今")
"""同様 (likewise), 模様, 仕様, 多様, 異様, 左様, 一様, 今様: 様 as part of a word."""


def _is_role(word: str, honorific: str) -> bool:
    if word in ROLES or word.endswith(ROLE_ENDINGS):
        return True
    return honorific == "様" and word.endswith(NOT_HONORIFIC_BEFORE_SAMA)


def looks_like_name(text: str) -> bool:
    """Whether ``text`` seems to hold a person's name: after a name label (氏名, 名前, フリガナ,
    name …) or with an honorific (さん, 様, ちゃん, くん) after a kanji or katakana word that is not
    a role (保健師さん, お客様)."""
    text = unicodedata.normalize("NFKC", text)  # full-width colons and spaces, half-width katakana
    if _LABEL.search(text):
        return True
    return any(not _is_role(match.group(1), match.group(2)) for match in _HONORIFIC.finditer(text))
