"""Provides the release document: one municipality's guidance rendered as JSON, and its checksum.

The backend stores and serves what render_release returns; the kiosk reads it back with
guidance.document and checks what it caches with the same checksum.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from guidance.model import PLACEHOLDER, ContentSet, Copy, Flow, offered
from guidance.translations import Translations, translated_copy
from guidance.translations import title as translated_title


def _fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def render_release(content: ContentSet, municipality_code: str,
                   translations: Translations | None = None) -> dict[str, Any]:
    """The JSON document the API serves for one municipality, with its values filled in.

    ``translations`` (guidance.translations.load) adds, per node, the words in each
    language whose translation of that node is complete and current; other nodes carry none.
    """
    content = offered(content, municipality_code)
    municipality = content.municipalities[municipality_code]
    values = municipality.values
    translations = translations or {}

    def node_translations(flow: Flow, node_id: str) -> dict[str, Any]:
        found = {}
        for language in sorted(translations):
            copy = translated_copy(flow, node_id, language, translations)
            if copy is not None:
                found[language] = copy_out(copy)
        return found

    def title_translations(context: str, text: str) -> dict[str, str]:
        return {language: found for language in sorted(translations)
                if (found := translated_title(context, text, language, translations)) is not None}

    def copy_out(copy: Copy) -> dict[str, Any]:
        return {"title": _fill(copy.title, values), "body": _fill(copy.body, values),
                "steps": [_fill(s, values) for s in copy.steps], "items": [_fill(i, values) for i in copy.items],
                "options": {k: _fill(v, values) for k, v in copy.options.items()},
                "hint": _fill(copy.hint, values)}

    flows = {}
    for flow in sorted(content.flows.values(), key=lambda f: (f.order, f.id)):
        flows[flow.id] = {
            "id": flow.id, "topic": flow.topic, "start": flow.start, "title": dict(flow.title),
            "title_translations": title_translations(f"{flow.id}:title", flow.title["standard"]),
            "nodes": {node.id: {"id": node.id, "kind": node.kind, "next": [r.as_json() for r in node.routes],
                                "options": [{"key": o.key, "next": [r.as_json() for r in o.routes],
                                             "valid_from": o.valid_from.isoformat() if o.valid_from else None,
                                             "valid_until": o.valid_until.isoformat() if o.valid_until else None}
                                            for o in node.options],
                                "handoff": node.handoff, "service": node.service,
                                "sources": [{"title": flow.sources[s].title, "url": flow.sources[s].url,
                                             "checked_on": flow.sources[s].checked_on.isoformat()}
                                            for s in node.sources],
                                "text": {r: copy_out(c) for r, c in node.copy.items()},
                                "translations": node_translations(flow, node.id)}
                      for node in flow.nodes.values()},
        }
    topics = [{"id": t.id, "title": dict(t.title),
               "title_translations": title_translations(f"topic:{t.id}", t.title["standard"]),
               "flows": [{"id": f["id"], "title": f["title"], "title_translations": f["title_translations"]}
                         for f in flows.values() if f["topic"] == t.id]}
              for t in sorted(content.topics.values(), key=lambda t: (t.order, t.id))]
    return {"municipality": {"code": municipality.code, "name": municipality.name,
                             "sample": municipality.sample, "values": dict(values)},
            "readings": dict(content.readings),
            "topics": topics, "flows": flows}


def checksum(document: Mapping[str, Any]) -> str:
    """SHA-256 of the canonical JSON form, so equal content always has equal checksums."""
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
