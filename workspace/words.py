"""Provides in_japanese: the backend's refusals as a clerk reads them (the API's words are English)."""

from __future__ import annotations

from backend.core.errors import ApplicationError

REASONS = {
    "not_found": "見つかりません。ほかの 市町村の ものか、消された ものです。",
    "forbidden": "この アカウントの 権限では できません。",
    "invalid_schedule": "予約枠を 作れません。日付・曜日・時刻・人数を 確かめて ください。",
    "invalid_transition": "その 状態には 変えられない 予約が あります。何も 変えていません。",
    "not_started": "まだ 始まっていない 予約は「終了」や「無断キャンセル」に できません。何も 変えていません。",
    "not_today": "当日より 前に「来所」には できません。何も 変えていません。",
    "nothing_to_undo": "元に 戻せる 操作が ありません。何も 変えていません。",
    "slot_taken": "その 枠は もう 埋まっています。",
    "slot_unavailable": "その 枠は 予約できません。",
    "conflict": "今は できません。",
    "bad_request": "入力を 確かめて ください。",
}
STATUSES = {"booked": "予約済み", "arrived": "来所", "fulfilled": "終了", "noshow": "無断キャンセル",
            "cancelled": "取り消し", "pending": "仮予約"}


def in_japanese(error: ApplicationError) -> str:
    """The reason in Japanese when it is known; our own Japanese messages as they are."""
    if any("\u3040" <= c <= "\u30ff" for c in error.message):
        return error.message
    return REASONS.get(error.code, REASONS.get(str(error.details.get("reason", "")), "できませんでした。"))


def refused_rows(error: ApplicationError) -> list[dict[str, str]]:
    """Each booking a bulk change refused, with its status and reason in Japanese."""
    return [{"message": f"{row.get('reference', '')}（{STATUSES.get(row.get('status', ''), row.get('status', ''))}）："
                        f"{REASONS.get(row.get('reason', ''), row.get('reason', ''))}"}
            for row in error.details.get("refused", [])]

FIELD_NAMES = {"title": "題名", "body": "本文", "steps": "手順", "items": "一覧", "hint": "ヒント"}
"""The fields of a step's words (guidance/overrides.FIELDS) as a clerk reads them."""
