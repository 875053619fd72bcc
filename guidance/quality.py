"""Provides the language checks of the content: the plain-Japanese rules on the plain register.

Separate from the structural loader (guidance.loader) because it needs the morphological analyser:
``madoguchi content check`` and ``madoguchi content publish`` run it; the embedded kiosk's start-up
does not. Errors of the plain-Japanese rules are content errors; their warnings are shown only.
Placeholders such as {office_name} are read as 〇〇, so a municipality's values do not change
the verdict on the shared words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from accessibility import plain_japanese
from accessibility.plain_japanese import BlockKind
from accessibility.tokenizer import Tokenizer
from guidance.files import locate
from guidance.model import PLACEHOLDER, ContentProblem, ContentSet, extension_file, flow_file

_MASK = "〇〇"


def _plain_texts(root: Path, content: ContentSet) -> Iterator[tuple[Path, tuple[str, ...], str, str]]:
    """(file, key path, text, kind) for every resident-facing text of the plain register: the
    flows' and the municipalities' own nodes at extension points."""
    nodes = [(flow_file(root, flow), node) for flow in content.flows.values() for node in flow.nodes.values()]
    shared = {(extension_file(root, e), e.node.id): e.node
              for extensions in content.extensions.values() for e in extensions}  # a prefecture's once
    nodes += [(path, node) for (path, _id), node in shared.items()]
    for flow in content.flows.values():
        yield flow_file(root, flow), ("title", "plain"), flow.title["plain"], "heading"
    for path, node in nodes:
        copy = node.copy["plain"]
        where = ("nodes", node.id, "plain")
        yield path, (*where, "title"), copy.title, "heading"
        if copy.body:
            yield path, (*where, "body"), copy.body, "prose"
        for step in copy.steps:
            yield path, (*where, "steps"), step, "prose"
        for item in copy.items:
            yield path, (*where, "items"), item, "item"
        for label in copy.options.values():
            yield path, (*where, "options"), label, "item"


def plain_register_problems(root: Path, content: ContentSet, tokenizer: Tokenizer,
                            profile: plain_japanese.Profile = plain_japanese.DEFAULT_PROFILE) -> list[ContentProblem]:
    problems: list[ContentProblem] = []
    texts: dict[Path, str] = {}
    for path, where, text, kind in _plain_texts(root, content):
        masked = PLACEHOLDER.sub(_MASK, text)
        findings = plain_japanese.check(masked, tokenizer, profile, kind=kind)  # type: ignore[arg-type]
        if not findings:
            continue
        source = texts.setdefault(path, path.read_text(encoding="utf-8"))
        key_line = locate(source, where)
        first_line = re.search(re.escape(text.splitlines()[0]), source[_offset(source, key_line):])
        base = key_line if first_line is None else source.count("\n", 0,
                                                                _offset(source, key_line) + first_line.start()) + 1
        for finding in findings:
            line = base + masked.count("\n", 0, finding.start)
            excerpt = masked[finding.start:finding.end]
            shown = finding.suggestion and finding.suggestion not in finding.message_ja
            hint = f" → {finding.suggestion}" if shown else ""
            problems.append(ContentProblem(path, line, f"plain register [{finding.rule}] 「{excerpt}」 "
                                                       f"{finding.message_ja}{hint}", severity=finding.severity))
    return problems


def _offset(text: str, line: int) -> int:
    """Character offset of the start of 1-based ``line``."""
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset


def plain_word_findings(words: Mapping[str, Any], tokenizer: Tokenizer,
                        profile: plain_japanese.Profile = plain_japanese.DEFAULT_PROFILE,
                        ) -> list[tuple[str, str, plain_japanese.Finding]]:
    """(field, text, finding) for a municipality's own plain-register words of one step, judged by
    the rules ``plain_register_problems`` applies to the shared files (placeholders read as 〇〇)."""
    kinds: tuple[tuple[str, BlockKind], ...] = (("title", "heading"), ("body", "prose"), ("steps", "prose"),
                                               ("items", "item"))
    found = []
    for name, kind in kinds:
        value = words.get(name) or ([] if name in ("steps", "items") else "")
        for text in (value if isinstance(value, list) else [value]):
            if text:
                found += [(name, text, finding) for finding in
                          plain_japanese.check(PLACEHOLDER.sub(_MASK, text), tokenizer, profile, kind=kind)]
    return found
