"""Provides the reading of one content file: TOML parsed, its shape checked, every problem with its line.

Staff find a problem in their editor by ``file:line``, so every check names the dotted key it is
about and ``locate`` turns that into the line where the key is written.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from guidance.model import ContentProblem

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def _header_path(raw: str) -> tuple[str, ...]:
    return tuple(part.strip().strip('"').strip("'") for part in raw.split("."))


def locate(text: str, path: tuple[str, ...]) -> int:
    """Return the 1-based line where the dotted key ``path`` is written in TOML ``text``.

    It understands table headers and ``key =`` lines, which is how content files are written;
    when the exact key is not found it falls back to the nearest enclosing table, then line 1.
    """
    lines = text.splitlines()
    best_line, best_depth = 1, 0
    table: tuple[str, ...] = ()
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            table = _header_path(header.group(1))
            depth = len(table)
            if table == path[:depth] and depth > best_depth:
                best_line, best_depth = number, depth
            continue
        key = re.match(r'^\s*"?([A-Za-z0-9_-]+)"?\s*=', line)
        if key and table == path[: len(table)]:
            depth = len(table) + 1
            if len(path) >= depth and key.group(1) == path[len(table)] and depth > best_depth:
                best_line, best_depth = number, depth
    return best_line


# ----------------------------------------------------------------------------- reading


class Reader:
    """Collects problems for one file while checking the shape of its parsed TOML."""

    def __init__(self, path: Path, text: str, problems: list[ContentProblem]) -> None:
        self.path, self.text, self.problems = path, text, problems

    def problem(self, where: tuple[str, ...], message: str) -> None:
        self.problems.append(ContentProblem(self.path, locate(self.text, where), message))

    def table(self, data: Mapping[str, Any], where: tuple[str, ...], allowed: Iterable[str]) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                self.problem((*where, key), f"unknown key '{key}'{hint}")

    def text_value(self, data: Mapping[str, Any], where: tuple[str, ...], key: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(where, f"'{'.'.join((*where, key))}' is missing")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem((*where, key), f"'{key}' must be non-empty text")
            return ""
        return value.strip()

    def sub(self, data: Mapping[str, Any], where: tuple[str, ...], key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if not isinstance(value, dict):
            self.problem(where if value is None else (*where, key),
                         f"'{'.'.join((*where, key))}' is missing or is not a table")
            return {}
        return value


def parse_toml(path: Path, problems: list[ContentProblem]) -> tuple[str, dict[str, Any]] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problems.append(ContentProblem(path, 1, f"not UTF-8 text ({error.reason})", unusable=True))
        return None
    except OSError as error:
        problems.append(ContentProblem(path, 1, f"cannot be read ({error.strerror})", unusable=True))
        return None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line = int(match.group(1)) if match else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        problems.append(ContentProblem(path, line, f"TOML syntax error: {message}", unusable=True))
        return None

