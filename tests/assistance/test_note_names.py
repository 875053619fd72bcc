"""A resident's name in a volunteer's note (decision record 0012): refused after a name label or
with an honorific, while the notes volunteers ordinarily write pass."""

from __future__ import annotations

import pytest

from privacy.names import looks_like_name

NAMES = ["名前：ヤマダ タロウ", "氏名 山田太郎", "お名前は山田さん", "名前は山田です", "フリガナ：ヤマダハナコ",
         "氏名＝鈴木一郎", "name: 山田", "田中様に説明", "山田さんが来所", "担当の佐藤さんへ引き継ぎ",
         "グエンさんに英語で案内", "花子ちゃんの母親が来所", "ﾔﾏﾀﾞさん", "林さん", "お名前　ヤマダ"]
ORDINARY = ["マイナンバーカードの暗証番号の再設定をご案内", "窓口へご案内しました", "保健師さんに つなぎました",
            "名前の書き方をご案内", "氏名の変更手続きを案内", "お名前の読み方を確認", "フリガナの欄の書き方を説明",
            "名前は分かりません", "お客様が来所", "ご本人様確認書類を案内", "前回同様に案内", "職員さんに引き継ぎ",
            "家族さんと来所", "お子さんと一緒", "お母さんの代理", "ヘルパーさん同行", "皆さんに説明", "先生に相談",
            "市役所の担当者さんへ", "警察官さんに届け出済み", "一時停止の電話を案内", "様子を見て再案内",
            "ボランティアさんが対応", "息子さんが付き添い", "郵便局さんで受け取り", "奥さんが代理",
            "氏名 欄の書き方を説明", "名前 変更の手続き", "おばあさんが来所", "コールセンター 0120-95-0178 を案内"]


@pytest.mark.parametrize("note", NAMES)
def test_a_name_beside_a_label_or_an_honorific_is_refused(note: str) -> None:
    assert looks_like_name(note)


@pytest.mark.parametrize("note", ORDINARY)
def test_ordinary_notes_pass(note: str) -> None:
    assert not looks_like_name(note)


def test_a_bare_name_is_not_caught() -> None:
    """The limit the decision record names: without a label or an honorific a name is a word."""
    assert not looks_like_name("山田 来所、カード受け取りを案内")
