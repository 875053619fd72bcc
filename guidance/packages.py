"""Provides the sharing of a municipality's own words between municipalities (優良事例の横展開): a
package file with each step's words, the template words they were written against, and who first
published them (provenance), written and read back with every problem named in Japanese.

A package is JSON (UTF-8): staff download it from one workspace and upload it to another; nothing
in it is personal data. Reading it trusts nothing: size, structure, fields and lengths are checked
before anything is stored (guidance.overrides.clean keeps only the fields an override may have).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from guidance.model import IDENTIFIER, REGISTERS
from guidance.overrides import FIELDS, MAX_LINES, MAX_TEXT, clean

FORMAT = "madoguchi-words/1"
MAX_BYTES = 1_000_000
MAX_STEPS = 500
MAX_NAME = 100


class PackageError(ValueError):
    """The file is not a package this version can read; the message says why, in Japanese."""


@dataclass(frozen=True)
class PackagedStep:
    flow_id: str
    node_id: str
    register: str
    words: Mapping[str, Any]
    base: Mapping[str, Any]
    """The template's words when these were written: an importer sees whether its template moved since."""
    origin: str
    """The municipality that first published these words; kept through every later export."""


@dataclass(frozen=True)
class Package:
    exported_by: str
    exported_on: str
    steps: tuple[PackagedStep, ...]


def package_bytes(*, exported_by: str, exported_on: dt.date, steps: Iterable[PackagedStep]) -> bytes:
    document = {"format": FORMAT, "exported_by": exported_by, "exported_on": exported_on.isoformat(),
                "steps": [{"flow": s.flow_id, "node": s.node_id, "register": s.register, "origin": s.origin,
                           "words": clean(s.words), "base": clean(s.base)} for s in steps]}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _text(value: object, what: str, limit: int = MAX_NAME) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > limit or "\x00" in value:
        raise PackageError(f"{what}が ありません（または 長すぎます）。")
    return value.strip()


def _words(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict) or set(value) - set(FIELDS):
        raise PackageError(f"{what}の 形が 違います（{'、'.join(FIELDS)} だけ 書けます）。")
    for name in FIELDS:
        item = value.get(name, [] if name in ("steps", "items") else "")
        lines = item if isinstance(item, list) else [item]
        if not all(isinstance(line, str) and len(line) <= MAX_TEXT and "\x00" not in line for line in lines) \
                or len(lines) > MAX_LINES:
            raise PackageError(f"{what}の「{name}」が 長すぎるか、文字で ありません。")
    return clean(value)


def read_package(data: bytes) -> Package:
    """The package in ``data``; PackageError says what is wrong with the file."""
    if len(data) > MAX_BYTES:
        raise PackageError(f"ファイルが 大きすぎます（{MAX_BYTES // 1000} KB まで）。")
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PackageError("窓口の 言葉の パッケージ（JSON）として 読めません。"
                           "書き出した ファイルを そのまま 選んで ください。") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise PackageError("窓口の 言葉の パッケージでは ありません（形式が 違います）。")
    raw_steps = document.get("steps")
    if not isinstance(raw_steps, list) or len(raw_steps) > MAX_STEPS:
        raise PackageError(f"画面の 一覧が ありません（または {MAX_STEPS}画面を 超えます）。")
    steps = []
    for number, raw in enumerate(raw_steps, start=1):
        what = f"{number}番目の 画面"
        if not isinstance(raw, dict):
            raise PackageError(f"{what}の 形が 違います。")
        flow_id, node_id = _text(raw.get("flow"), f"{what}の 案内"), _text(raw.get("node"), f"{what}の 画面")
        register = raw.get("register")
        if not IDENTIFIER.match(flow_id) or not IDENTIFIER.match(node_id) or register not in REGISTERS:
            raise PackageError(f"{what}の 案内・画面・言葉の 種類が 正しく ありません。")
        steps.append(PackagedStep(flow_id, node_id, str(register), _words(raw.get("words"), f"{what}の 言葉"),
                                  _words(raw.get("base", {}), f"{what}の もとの 言葉"),
                                  _text(raw.get("origin"), f"{what}の 最初に 公開した 市町村")))
    return Package(exported_by=_text(document.get("exported_by"), "書き出した 市町村"),
                   exported_on=_text(document.get("exported_on"), "書き出した 日", 10), steps=tuple(steps))
