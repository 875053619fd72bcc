"""Provides the Japanese words staff read for the codes the records keep."""

from __future__ import annotations

from datetime import date

LANGUAGES = (("ja", "日本語"), ("en", "英語"), ("zh_Hans", "中国語（簡体字）"), ("ko", "韓国語"),
             ("vi", "ベトナム語"), ("pt_BR", "ポルトガル語（ブラジル）"), ("ne", "ネパール語"),
             ("fil", "フィリピノ語（タガログ語）"), ("id", "インドネシア語"))
"""The kiosk's languages (kiosk/i18n.py LANGUAGE_NAMES), always all listed: a row that appeared
only when used would tell that someone used it."""
OTHER_LANGUAGE = ("other", "その他の言語")

MODES = (("plain", "やさしい日本語"), ("furigana", "ふりがな"), ("read_aloud", "読み上げ"),
         ("high_contrast", "見やすい色（ハイコントラスト）"))

HELP_STATES = (("solved", "解決した"), ("booked", "予約につないだ"), ("sent_to_counter", "窓口を案内した"),
               ("not_solved", "解決しなかった"), ("other", "その他の結果"), ("cancelled", "依頼が取り消された"),
               ("waiting", "対応中"))

BOOKING_STATES = (("booked", "予約中（これから）"), ("came", "来た"), ("noshow", "来なかった"),
                  ("cancelled", "取り消し"))

WEEKDAYS = "月火水木金土日"


def day_label(day: date) -> str:
    return f"{day.isoformat()}（{WEEKDAYS[day.weekday()]}）"


def week_label(first: date, last: date) -> str:
    return f"{first.isoformat()}〜{last.isoformat()}"
