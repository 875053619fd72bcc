"""Provides the sample services and slots of a sample municipality, so the demo kiosk can book.

Only municipalities marked ``sample`` get them, and every name says サンプル. Texts that state facts
follow ../shared/reference/facts-brief.md (§6.2.4 what to prepare; §6.4.2 the mobile clinic: the
doctor examines by video, a nurse is with the patient, no medicines are handed out in the car).
The facility fee is the municipality's own sample value, never a number invented here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time, timedelta
from typing import Any

from django.utils import timezone

from backend.booking.models import ProviderKind, Service, ServiceKind, ServiceMode
from backend.booking.schedules import schedule_create
from backend.booking.sharing import partnership_create, partnership_problem
from backend.municipalities.models import Municipality

DAYS_AHEAD = 28
ROUTE = (("みほん 北公民館の 駐車場（サンプル）", (0, 2)), ("みほん 旧小学校の 駐車場（サンプル）", (1, 3)),
         ("きたみほん町 ふれあい会館前（サンプル）", (4,)))
"""The sample mobile clinic's week: where the car stands on each weekday (0 = Monday); on Fridays
it serves the neighbouring sample town, whose kiosks book it too (SHARED)."""
SHARING_PROVIDER = "demo"
SHARED = ("telemedicine-booth", "mobile-clinic")
"""The services one sample municipality offers to the others' residents (地域間連携): one clinic's
booth and car serve several towns, on one schedule."""
TIMES = (time(9, 30), time(10, 30), time(11, 30), time(13, 30), time(14, 30), time(15, 30))


def _services(values: Mapping[str, str]) -> list[dict[str, Any]]:
    booth = values.get("telemedicine_facility", "この キオスクの ブース（サンプル）")
    return [
        {"code": "child-video", "kind": ServiceKind.CHILD_CONSULTATION, "name": "子育て オンライン相談（サンプル）",
         "provider_kind": ProviderKind.MUNICIPAL_TEAM,
         "provider_name": values.get("health_center_name", "保健センター（サンプル）") + " 保健師",
         "mode": ServiceMode.KIOSK_VIDEO, "duration_minutes": 30, "nurse_attends": False,
         "facility_fee": "", "place": "この キオスクの 相談ブース（サンプル）",
         "how_it_works": "予約の 時間に ここへ 来て ください。保健師と ビデオで 話します。",
         "prepare": ["母子健康手帳", "聞きたい ことの メモ"]},
        {"code": "telemedicine-booth", "kind": ServiceKind.TELEMEDICINE, "name": "オンライン診療（サンプル）",
         "provider_kind": ProviderKind.CLINIC, "provider_name": "みほん クリニック（サンプル）",
         "mode": ServiceMode.FACILITY_VIDEO, "duration_minutes": 15, "nurse_attends": True,
         "facility_fee": values.get("telemedicine_facility_fee", ""), "place": booth,
         "how_it_works": "医者は ビデオで みます。看護師が そばに います。",
         "prepare": ["マイナ保険証 か 資格確認書", "お薬手帳", "お金（払い方は 病院に 聞いて ください）"]},
        {"code": "mobile-clinic", "kind": ServiceKind.TELEMEDICINE, "name": "モバイルクリニック（サンプル）",
         "provider_kind": ProviderKind.CLINIC, "provider_name": "みほん クリニック（サンプル）",
         "mode": ServiceMode.MOBILE_CLINIC, "duration_minutes": 30, "nurse_attends": True,
         "facility_fee": "", "place": "その日の 停車場所（予約の 時に 出ます）",
         "how_it_works": "看護師が 車で 来ます。医者は ビデオで みます。車の 中では 薬を 渡しません。",
         "prepare": ["マイナ保険証 か 資格確認書", "お薬手帳"]},
        # The remote counter's words rest on facts-brief §1.4.6 and §1.6.4 (PINs are reset at the
        # window or at a store with the J-LIS app) and §8.1–8.2 (no PIN, no 12-digit number).
        {"code": "remote-counter", "kind": ServiceKind.REMOTE_COUNTER, "name": "リモート窓口（サンプル）",
         "provider_kind": ProviderKind.MUNICIPAL_TEAM,
         "provider_name": values.get("office_name", "市役所（サンプル）") + " 職員",
         "mode": ServiceMode.KIOSK_VIDEO, "duration_minutes": 20, "nurse_attends": False,
         "facility_fee": "", "place": "この キオスクの 相談ブース（サンプル）",
         "how_it_works": "予約の 時間に ここへ 来て ください。職員と ビデオで 話します。カメラに 見せるのは "
                         "書類の 表だけです。マイナンバーカードの 裏（12けたの 番号）は 見せません。",
         "prepare": ["本人確認書類", "聞きたい 手続きの 通知や 書類"],
         "can_do": ["手続きの 相談と、窓口へ 持って いく ものの 確認（サンプル）"],
         "cannot_do": ["暗証番号の 再設定（市役所の 窓口か、J-LIS の アプリが 使える お店で します）",
                       "暗証番号を 入れる 手続き（暗証番号は 話しません。見せません）"]},
    ]


def sample_booking_ensure(*, municipality: Municipality, values: Mapping[str, str],
                          today: date | None = None, sharing_from: Municipality | None = None) -> int:
    """Create the sample services (once) and weekday slots for the coming weeks; returns new slots.

    With ``sharing_from``, the SHARED services are that municipality's, offered to this one's
    residents, instead of copies of its own (a sample database made before sharing keeps its copies).
    """
    if not municipality.is_sample:
        return 0
    today = today or timezone.localdate()
    created = 0
    for definition in _services(values):
        if sharing_from is not None and definition["code"] in SHARED:
            shared = Service.objects.filter(municipality=sharing_from, code=definition["code"]).first()
            if shared is not None and partnership_problem(service=shared, partner=municipality) is None:
                partnership_create(service=shared, partner=municipality)
            continue
        service, _ = Service.objects.get_or_create(municipality=municipality, code=definition["code"],
                                                   defaults=definition)
        stops = ROUTE if service.mode == ServiceMode.MOBILE_CLINIC else (("", range(5)),)
        for place, weekdays in stops:
            created += schedule_create(municipality=municipality, service_code=service.code, starts_on=today,
                                       ends_on=today + timedelta(days=DAYS_AHEAD), weekdays=weekdays,
                                       times=TIMES, comment="sample slots (demo)", place=place).created
    return created
