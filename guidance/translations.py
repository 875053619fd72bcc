"""Provides the gettext side of the content: extraction, catalogs, and translated releases.

Japanese (standard register) is the source language. Each resident-facing text becomes one
message whose context names where it lives (``lost_card:where_lost:options:home``), so when the
Japanese changes, ``babel`` marks that language's translation fuzzy. A fuzzy, empty or missing
translation is never used: the release then carries no translation for that node, and the kiosk
shows plain Japanese with a note in the resident's language.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from guidance.model import ContentProblem, ContentSet, Copy, Flow

DOMAIN = "content"
FIELDS = ("title", "body", "steps", "items", "options", "hint")

Translations = Mapping[str, Mapping[tuple[str, str], str]]
"""language → (context, Japanese source) → current translation."""


def _copy_messages(context: str, copy: Copy) -> Iterator[tuple[str, str]]:
    yield f"{context}:title", copy.title
    if copy.body:
        yield f"{context}:body", copy.body
    for index, step in enumerate(copy.steps):
        yield f"{context}:steps:{index}", step
    for index, item in enumerate(copy.items):
        yield f"{context}:items:{index}", item
    for key, label in copy.options.items():
        yield f"{context}:options:{key}", label
    if copy.hint:
        yield f"{context}:hint", copy.hint


def messages(content: ContentSet) -> Iterator[tuple[str, str]]:
    """(context, Japanese text) for every resident-facing text, in file order."""
    for topic in sorted(content.topics.values(), key=lambda t: t.order):
        yield f"topic:{topic.id}", topic.title["standard"]
    for flow in sorted(content.flows.values(), key=lambda f: f.id):
        yield f"{flow.id}:title", flow.title["standard"]
        for node in flow.nodes.values():
            yield from _copy_messages(f"{flow.id}:{node.id}", node.copy["standard"])


def template(content: ContentSet) -> Catalog:
    catalog = Catalog(project="madoguchi content", domain=DOMAIN, fuzzy=False)
    for context, text in messages(content):
        catalog.add(text, context=context)
    return catalog


def languages(locales: Path) -> tuple[str, ...]:
    return tuple(sorted(p.parent.parent.name for p in locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def update_catalogs(content: ContentSet, locales: Path) -> tuple[Path, ...]:
    """Write locales/content.pot and merge it into each language's catalog (changed → fuzzy)."""
    pot = template(content)
    written = [locales / f"{DOMAIN}.pot"]
    with written[0].open("wb") as handle:
        write_po(handle, pot, width=0, sort_output=False)
    for language in languages(locales):
        path = locales / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        catalog.update(pot, no_fuzzy_matching=False)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0, ignore_obsolete=True)
        written.append(path)
    return tuple(written)


def load(locales: Path) -> dict[str, dict[tuple[str, str], str]]:
    """The current (non-fuzzy, non-empty) translations of every language catalog."""
    result: dict[str, dict[tuple[str, str], str]] = {}
    for language in languages(locales):
        with (locales / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
            catalog = read_po(handle, locale=language)
        result[language] = {(str(m.context), str(m.id)): str(m.string) for m in catalog
                            if m.id and m.context and m.string and not m.fuzzy}
    return result


def translated_copy(flow: Flow, node_id: str, language: str, translations: Translations) -> Copy | None:
    """The node's words in ``language``, or None unless every one of them has a current translation."""
    table = translations.get(language, {})
    source = flow.nodes[node_id].copy["standard"]
    found: dict[str, str] = {}
    for context, text in _copy_messages(f"{flow.id}:{node_id}", source):
        translated = table.get((context, text))
        if translated is None:
            return None
        found[context] = translated
    prefix = f"{flow.id}:{node_id}"
    return Copy(title=found[f"{prefix}:title"], body=found.get(f"{prefix}:body", ""),
                steps=tuple(found[f"{prefix}:steps:{i}"] for i in range(len(source.steps))),
                items=tuple(found[f"{prefix}:items:{i}"] for i in range(len(source.items))),
                options={k: found[f"{prefix}:options:{k}"] for k in source.options},
                hint=found.get(f"{prefix}:hint", ""))


def title(context: str, text: str, language: str, translations: Translations) -> str | None:
    return translations.get(language, {}).get((context, text))


def problems(content: ContentSet, locales: Path, translations: Translations) -> list[ContentProblem]:
    """One warning per language and flow whose translation is missing or stale."""
    found = []
    all_messages = list(messages(content))
    for language in languages(locales):
        table = translations.get(language, {})
        path = locales / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        by_flow: dict[str, int] = {}
        for context, text in all_messages:
            if (context, text) not in table:
                by_flow[context.split(":")[0]] = by_flow.get(context.split(":")[0], 0) + 1
        for flow_id, count in sorted(by_flow.items()):
            found.append(ContentProblem(path, 1, f"{language}: {count} text(s) of {flow_id} untranslated or stale "
                                                 "(fuzzy); the kiosk shows plain Japanese there", severity="warning"))
    return found
