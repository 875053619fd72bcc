"""`madoguchi a11y …` as an operator runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import MADOGUCHI, madoguchi_env


def run(args: list[str], tmp_path: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MADOGUCHI, "a11y", *args], env=madoguchi_env(tmp_path), capture_output=True,
                          text=True, timeout=120, input=stdin)


def test_furigana_ruby_lines(tmp_path: Path) -> None:
    result = run(["furigana", "伊那市で4月1日に受け付けます"], tmp_path)
    assert result.returncode == 0, result.stderr
    ruby, base = result.stdout.splitlines()
    assert ruby.split() == ["いなし", "しがつ", "ついたち", "う", "つ"]
    assert base.split() == ["伊那市で", "4月", "1日", "に受け付けます"]
    assert ruby.startswith("いなし") and base.startswith("伊那市")  # the reading sits over its word


def test_furigana_inline_with_grade(tmp_path: Path) -> None:
    result = run(["furigana", "--style", "inline", "--above-grade", "6", "市役所で紛失届を出す"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "市役所で紛失（ふんしつ）届を出す"
