"""Provides load_content: every file under content/ read and checked, or a ContentError with every problem.

Pure Python (no Django): the CLI uses it to reject a malformed content set before anything is
written, and the backend uses it to import a checked set as a release. Every problem is reported as
``file:line: message`` so that municipal staff can find it in their editor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from guidance.files import Reader, locate, parse_toml
from guidance.flows import read_extension, read_flow
from guidance.model import (
    IDENTIFIER,
    PLACEHOLDER,
    REGISTERS,
    SAMPLE_MARK,
    ContentError,
    ContentProblem,
    ContentSet,
    Extension,
    Flow,
    Municipality,
    Prefecture,
    Topic,
    flow_file,
)


def _read_topics(path: Path, problems: list[ContentProblem]) -> dict[str, Topic]:
    parsed = parse_toml(path, problems)
    if parsed is None:
        return {}
    text, data = parsed
    reader = Reader(path, text, problems)
    reader.table(data, (), ("topics",))
    topics = {}
    for topic_id, raw in reader.sub(data, (), "topics").items():
        where = ("topics", topic_id)
        if not isinstance(raw, dict):
            reader.problem(where, f"topic '{topic_id}' must be a table")
            continue
        reader.table(raw, where, ("order", *REGISTERS))
        order = raw.get("order")
        if not isinstance(order, int):
            reader.problem(where, f"topic '{topic_id}' needs a whole-number 'order'")
            order = 100
        topics[topic_id] = Topic(id=topic_id, order=order,
                                 title={r: reader.text_value(raw, where, r) for r in REGISTERS})
    return topics


def _read_values(reader: Reader, data: dict[str, object], sample: object) -> dict[str, str]:
    values = {}
    for key, value in reader.sub(data, (), "values").items():
        if isinstance(value, str) and value.strip():
            values[key] = value.strip()
            if sample is False and SAMPLE_MARK in value:
                reader.problem(("values", key), f"'{key}' is marked as sample data (「{SAMPLE_MARK}」), "
                                                "which can never be published for a real municipality")
        else:
            reader.problem(("values", key), f"value '{key}' must be non-empty text")
    return values


def _read_place(path: Path, problems: list[ContentProblem], what: str,
                extra: tuple[str, ...] = ()) -> tuple[Reader, dict[str, object], dict[str, str]] | None:
    """The parts a municipality's and a prefecture's file share: code, name, sample, values."""
    parsed = parse_toml(path, problems)
    if parsed is None:
        return None
    text, data = parsed
    reader = Reader(path, text, problems)
    reader.table(data, (), ("code", "name", "sample", "values", *extra))
    code = reader.text_value(data, (), "code")
    if code and code != path.stem:
        reader.problem(("code",), f"{what} code '{code}' must match the file name '{path.stem}'")
    if code and not IDENTIFIER.match(code):
        reader.problem(("code",), f"a {what} code must be lower-case letters, digits and _")
    sample = data.get("sample", False)
    if not isinstance(sample, bool):
        reader.problem(("sample",), "'sample' must be true or false")
    return reader, data, _read_values(reader, data, sample)


def _read_prefecture(path: Path, problems: list[ContentProblem]) -> Prefecture | None:
    before = len(problems)
    read = _read_place(path, problems, "prefecture")
    if read is None:
        return None
    reader, data, values = read
    prefecture = Prefecture(code=str(data.get("code", "")), name=reader.text_value(data, (), "name"),
                            sample=data.get("sample") is True, values=values)
    return prefecture if len(problems) == before else None


def _read_municipality(path: Path, problems: list[ContentProblem],
                       prefectures: dict[str, Prefecture]) -> Municipality | None:
    before = len(problems)
    read = _read_place(path, problems, "municipality", extra=("prefecture", "not_offered"))
    if read is None:
        return None
    reader, data, values = read
    not_offered = data.get("not_offered", [])
    if not isinstance(not_offered, list) or not all(isinstance(f, str) for f in not_offered):
        reader.problem(("not_offered",), "'not_offered' must be a list of flow ids")
        not_offered = []
    sample = data.get("sample") is True
    named = data.get("prefecture", "")
    prefecture = prefectures.get(named) if isinstance(named, str) else None
    if named and prefecture is None:
        reader.problem(("prefecture",), f"prefecture '{named}' has no file in prefectures/ "
                                        f"(known: {', '.join(sorted(prefectures)) or 'none'})")
    elif prefecture is not None and prefecture.sample and not sample:
        reader.problem(("prefecture",),
                       f"a real municipality cannot take the values of the sample prefecture '{named}'")
    inherited = dict(prefecture.values) if prefecture else {}
    municipality = Municipality(code=str(data.get("code", "")), name=reader.text_value(data, (), "name"),
                                sample=sample, values={**inherited, **values},
                                prefecture=prefecture.code if prefecture else "", inherited=inherited,
                                not_offered=frozenset(not_offered))
    return municipality if len(problems) == before else None


def _texts(flow: Flow) -> Iterable[tuple[tuple[str, ...], str]]:
    for register, title in flow.title.items():
        yield ("title", register), title
    for node in flow.nodes.values():
        for register, copy in node.copy.items():
            where = ("nodes", node.id, register)
            for part, value in (("title", copy.title), ("body", copy.body), ("hint", copy.hint)):
                yield (*where, part), value
            for step in copy.steps:
                yield (*where, "steps"), step
            for item in copy.items:
                yield (*where, "items"), item
            for label in copy.options.values():
                yield (*where, "options"), label


def _read_local_flow(path: Path, topics: dict[str, Topic], flows: dict[str, Flow],
                     municipalities: dict[str, Municipality], problems: list[ContentProblem]) -> Flow | None:
    """A municipality's own flow (content/municipalities/<code>/flows/<id>.toml): the same format
    and checks as a national one; its id must be new, since translations and overrides name flows by id."""
    owner = path.parent.parent.name
    flow = read_flow(path, topics, problems)
    if flow is None:
        return None
    if owner not in municipalities:
        problems.append(ContentProblem(path, 0, f"local flow of '{owner}', which has no municipalities/{owner}.toml"))
        return None
    if flow.id in flows:
        problems.append(ContentProblem(path, 1, f"flow id '{flow.id}' is already used by "
                                                f"{'the national' if not flows[flow.id].owner else 'another local'} "
                                                "flow of that name: give the local flow its own id"))
        return None
    return replace(flow, owner=owner)


def _read_extensions(root: Path, flows: dict[str, Flow], municipalities: dict[str, Municipality],
                     prefectures: dict[str, Prefecture],
                     problems: list[ContentProblem]) -> dict[str, tuple[Extension, ...]]:
    """Each municipality's own nodes at national flows' extension points
    (content/municipalities/<code>/extensions/<flow>.toml), then its prefecture's
    (content/prefectures/<code>/extensions/) where it has none of its own at that point; the
    placeholders of each are the municipality's values."""
    read: dict[tuple[str, str], list[tuple[Path, Extension]]] = {}
    folders: tuple[tuple[str, str, Mapping[str, object]], ...] = (
        ("municipalities", "municipality", municipalities), ("prefectures", "prefecture", prefectures))
    for folder, what, owners in folders:
        for path in sorted((root / folder).glob("*/extensions/*.toml")):
            owner, flow = path.parent.parent.name, flows.get(path.stem)
            if owner not in owners or flow is None or flow.owner:
                problems.append(ContentProblem(path, 0, f"an extension names a {what} with a file and a national "
                                                        f"flow: '{owner}' / '{path.stem}' is not"))
                continue
            extension = read_extension(path, flow, problems)
            if extension is not None:
                read.setdefault((folder, owner), []).append((path, extension))
    found: dict[str, list[Extension]] = {}
    for municipality in municipalities.values():
        own = read.get(("municipalities", municipality.code), [])
        taken = {(e.flow_id, e.node.id) for _path, e in own}
        shared = [(p, e) for p, e in read.get(("prefectures", municipality.prefecture), [])
                  if (e.flow_id, e.node.id) not in taken]
        for path, extension in [*own, *shared]:
            _check_extension_values(path, extension, municipality, problems)
            found.setdefault(municipality.code, []).append(extension)
    return {code: tuple(items) for code, items in found.items()}


def _check_extension_values(path: Path, extension: Extension, municipality: Municipality,
                            problems: list[ContentProblem]) -> None:
    text = path.read_text(encoding="utf-8")
    for register, copy in extension.node.copy.items():
        for value in (copy.title, copy.body, copy.hint, *copy.steps, *copy.items):
            for key in PLACEHOLDER.findall(value):
                if key not in municipality.values:
                    problems.append(ContentProblem(path, locate(text, ("nodes", extension.node.id, register)),
                                                   f"'{{{key}}}' has no value for municipality: {municipality.code}"))


def _check_not_offered(path: Path, municipality: Municipality, flows: dict[str, Flow],
                       problems: list[ContentProblem]) -> None:
    for flow_id in sorted(municipality.not_offered):
        if flows.get(flow_id) is None or flows[flow_id].owner:
            text = path.read_text(encoding="utf-8")
            problems.append(ContentProblem(path, locate(text, ("not_offered",)),
                                           f"'not_offered' names '{flow_id}', which is no national flow"))


def load_content(root: Path) -> ContentSet:
    """Read and check every content file under ``root``.

    Raises:
        ContentError: with every problem found; nothing is returned half-checked.
    """
    problems: list[ContentProblem] = []
    if not root.is_dir():
        raise ContentError([ContentProblem(root, 0, "content folder not found", unusable=True)])
    topics = _read_topics(root / "topics.toml", problems)
    flows: dict[str, Flow] = {}
    for path in sorted((root / "flows").glob("*.toml")):
        flow = read_flow(path, topics, problems)
        if flow:
            flows[flow.id] = flow
    prefectures: dict[str, Prefecture] = {}
    for path in sorted((root / "prefectures").glob("*.toml")):
        prefecture = _read_prefecture(path, problems)
        if prefecture:
            prefectures[prefecture.code] = prefecture
    municipalities: dict[str, Municipality] = {}
    for path in sorted((root / "municipalities").glob("*.toml")):
        municipality = _read_municipality(path, problems, prefectures)
        if municipality:
            municipalities[municipality.code] = municipality
    if not municipalities and not problems:
        problems.append(ContentProblem(root / "municipalities", 0, "no municipality file found"))
    for path in sorted((root / "municipalities").glob("*/flows/*.toml")):
        local = _read_local_flow(path, topics, flows, municipalities, problems)
        if local:
            flows[local.id] = local
    for municipality in municipalities.values():
        _check_not_offered(root / "municipalities" / f"{municipality.code}.toml", municipality, flows, problems)
    extensions = _read_extensions(root, flows, municipalities, prefectures, problems)
    # Every placeholder must resolve for every municipality that offers the flow.
    for flow in flows.values():
        path = flow_file(root, flow)
        text = path.read_text(encoding="utf-8")
        for where, value in _texts(flow):
            for key in PLACEHOLDER.findall(value):
                lacking = [m.code for m in municipalities.values() if key not in m.values
                           and (m.code == flow.owner if flow.owner else flow.id not in m.not_offered)]
                if lacking:
                    problems.append(ContentProblem(path, locate(text, where),
                                                   f"'{{{key}}}' has no value for municipality: {', '.join(lacking)}"))
    readings = _read_readings(root / "readings.toml", problems)
    if problems:
        raise ContentError(problems)
    return ContentSet(topics=topics, flows=flows, municipalities=municipalities, readings=readings,
                      prefectures=prefectures, extensions=extensions)


def _read_readings(path: Path, problems: list[ContentProblem]) -> dict[str, str]:
    if not path.exists():
        return {}
    parsed = parse_toml(path, problems)
    if parsed is None:
        return {}
    text, data = parsed
    reader = Reader(path, text, problems)
    reader.table(data, (), ("readings",))
    readings = {}
    for surface, reading in reader.sub(data, (), "readings").items() if "readings" in data else ():
        if isinstance(reading, str) and re.fullmatch(r"[ぁ-ゖー]+", reading):
            readings[surface] = reading
        else:
            reader.problem(("readings", surface), f"the reading of '{surface}' must be hiragana only")
    return readings

