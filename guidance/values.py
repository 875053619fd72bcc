"""Provides the checks of a municipality's own values as its staff type them (the workspace).

Values fill the placeholders of the shared flows ({office_phone} …), so the check knows which keys
the guidance uses and where. Messages are in Japanese: they are read by municipal clerks. Full-width
digits and long-vowel dashes typed on a Japanese keyboard are normalised, not refused.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from guidance.model import PLACEHOLDER, SAMPLE_MARK, ContentSet, Flow, Municipality, offered

MAX_LENGTH = 200
"""A value is one line of a kiosk screen or slip; longer text belongs in the guidance itself."""

LABELS = {
    "office_name": "窓口の名前", "office_hours": "窓口の受付時間", "office_phone": "窓口の電話番号",
    "window_booking": "窓口予約の案内", "health_center_name": "保健センターの名前",
    "health_center_phone": "保健センターの電話番号", "consultation_hours": "相談の受付時間",
    "konbini_fees": "コンビニ交付の手数料", "konbini_certificates": "コンビニで取れる証明書",
    "telemedicine_facility": "オンライン診療を受ける施設", "telemedicine_facility_fee": "施設の利用料",
    "booking_page_url": "予約ページのURL",
}
"""What each value is, for the form; a key not listed is shown by its name."""

_PHONE = re.compile(r"^(0\d{1,4})-(\d{1,4})-(\d{3,4})(?:\s*[（(][^）)]*[）)])?$")
_TYPED = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)},
                        "ー": "-", "－": "-", "―": "-", "‐": "-", "−": "-", "–": "-", "　": " "})
"""What a Japanese keyboard types for a phone number's digits and dashes, as ASCII."""


@dataclass(frozen=True)
class ValueProblem:
    key: str
    message: str


@dataclass(frozen=True)
class Use:
    """Where the kiosk shows a value: a text of a flow with the placeholder in it."""

    flow_id: str
    node_id: str
    register: str
    text: str


def label(key: str) -> str:
    return LABELS.get(key, key)


def is_phone_key(key: str) -> bool:
    return key.endswith("_phone")


def normalise(key: str, value: str) -> str:
    """As stored: trimmed; a phone's full-width digits and dashes made ASCII (its note in
    （full-width brackets） is left as written)."""
    value = value.strip()
    return value.translate(_TYPED).strip() if is_phone_key(key) else value


def uses(content: ContentSet) -> dict[str, list[Use]]:
    """Every placeholder key, with the flow texts it appears in (standard register first)."""
    found: dict[str, list[Use]] = {}
    for flow in sorted(content.flows.values(), key=lambda f: (f.order, f.id)):
        for use in _uses(flow):
            for key in PLACEHOLDER.findall(use.text):
                found.setdefault(key, []).append(use)
    return found


def _uses(flow: Flow) -> Iterator[Use]:
    for node in flow.nodes.values():
        for register in ("standard", "plain"):
            copy = node.copy[register]
            for text in (copy.title, copy.body, copy.hint, *copy.steps, *copy.items, *copy.options.values()):
                yield Use(flow.id, node.id, register, text)


def check_values(content: ContentSet, code: str, values: Mapping[str, str], *,
                 sample: bool | None = None) -> list[ValueProblem]:
    """What is wrong with ``values`` for municipality ``code``, key by key (empty: all good).
    ``sample`` for a municipality that has no file in content/ (one made in the database only)."""
    municipality = content.municipalities.get(code) or Municipality(code, code, bool(sample), {})
    problems = []
    used = uses(offered(content, code))
    for key in sorted(set(used) | set(municipality.values) | set(values)):
        message = _problem(key, normalise(key, values.get(key, "")), used=key in used, sample=municipality.sample)
        if message:
            problems.append(ValueProblem(key, f"「{label(key)}」{message}"))
    return problems


def _problem(key: str, value: str, *, used: bool, sample: bool) -> str | None:
    if not value:
        return "が空です。案内の画面に出るので、必ず入れてください。" if used else None
    if any(unicodedata.category(c) == "Cc" for c in value):
        return "に使えない文字（改行や制御文字）があります。"
    if len(value) > MAX_LENGTH:
        return f"が長すぎます（{len(value)}字。{MAX_LENGTH}字まで）。"
    if not sample and SAMPLE_MARK in value:
        return f"に「{SAMPLE_MARK}」とあります。本番の市町村には使えません。"
    if is_phone_key(key) and not _phone_ok(value, sample=sample):
        hint = "見本の市町村では番号に「サンプル」と書いてください。" if sample else ""
        return ("が電話番号の形ではありません。例：03-1234-5678、0120-123-456"
                f"（後ろに（無料）などの補足は書けます）。{hint}")
    return None


def _phone_ok(value: str, *, sample: bool) -> bool:
    match = _PHONE.match(value)
    if match is None:
        return False
    digits = "".join(match.groups())
    if sample:
        return SAMPLE_MARK in value  # a sample municipality's numbers must never look real
    return len(digits) in (10, 11) and not digits.startswith("00")


def with_values(content: ContentSet, code: str, values: Mapping[str, str]) -> ContentSet:
    """The content set with municipality ``code``'s values replaced (for a preview or a release);
    a municipality with no file in content/ is added with these values."""
    known = content.municipalities.get(code) or Municipality(code, code, False, {})
    municipality = replace(known, values=dict(values))
    return replace(content, municipalities={**content.municipalities, code: municipality})


def with_missing_marked(content: ContentSet, code: str) -> ContentSet:
    """For a preview: every value the flows use but municipality ``code`` lacks is shown as
    〔窓口の名前：未入力〕, so a draft with gaps can be looked at (it cannot be published)."""
    known = content.municipalities.get(code) or Municipality(code, code, False, {})
    filled = {**{key: f"〔{label(key)}：未入力〕" for key in uses(content)},
              **{key: value for key, value in known.values.items() if value}}
    return with_values(content, code, filled)
