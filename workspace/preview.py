"""Provides step_preview: one step as the kiosk will show and say it, with the draft values, in both
registers; its furigana, and the plain-Japanese rules and jReadability of the flow's plain words.

The kiosk's own presenter (kiosk.presenter: Textual-free) renders the screen text and the speech
script, and the release is rendered and parsed back as the kiosk receives it, so what staff see
here is what residents will meet."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from django.utils.html import format_html, format_html_join

from accessibility import plain_japanese
from accessibility.furigana import annotate
from accessibility.readability import assess
from accessibility.tokenizer import FugashiTokenizer
from guidance.document import parse_flow
from guidance.model import ContentSet
from guidance.release import render_release
from guidance.translations import Translations
from kiosk.i18n import use_language
from kiosk.presenter import screen_text, speech_script, step_view
from kiosk.state import remaining_steps

REGISTERS = (("standard", "ふつうの日本語"), ("plain", "やさしい日本語"))


@functools.cache
def _tokenizer() -> FugashiTokenizer:
    return FugashiTokenizer()


def ruby_html(text: str, readings: Mapping[str, str]) -> str:
    """``text`` with <ruby> on every kanji word, as the kiosk's furigana mode shows it."""
    segments = annotate(text, _tokenizer(), readings)
    return format_html_join("", "{}", ((format_html("<ruby>{}<rt>{}</rt></ruby>", s.base, s.ruby) if s.ruby
                                        else s.base,) for s in segments))


def step_preview(content: ContentSet, translations: Translations, code: str, flow_id: str, node_id: str,
                 day: dt.date) -> dict[str, Any]:
    """``content`` as the municipality would publish it now (its draft values and words)."""
    document = render_release(content, code, translations)
    flow = parse_flow(document["flows"][flow_id])
    node = flow.nodes[node_id]
    use_language("ja")
    registers = []
    for register, name in REGISTERS:
        view = step_view(flow, node, register, day, step=1, remaining=remaining_steps(flow, node_id))
        text = screen_text(view)
        registers.append({"name": name, "screen": text, "speech": speech_script(view),
                          "ruby": ruby_html(text, document["readings"])})
    plain_texts = [(n.id, t) for n in flow.nodes.values()
                   for t in (n.text["plain"].title, n.text["plain"].body, *n.text["plain"].steps) if t]
    findings = [{"node": nid, "text": text, "rule": f.rule, "severity": f.severity, "message": f.message_ja}
                for nid, text in plain_texts if nid == node_id
                for f in plain_japanese.check(text, _tokenizer())]
    body = "\n".join(t for _nid, t in plain_texts)
    score = assess(body, _tokenizer())
    return {"flow": flow, "node": node, "registers": registers, "findings": findings,
            "readability": score.readability, "nodes": list(flow.nodes)}
